"""Magic links: they open only the tutor's learners, expire, can be revoked, and say so."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from sesame.utils import get_query_string

from cpro_platform.comptes import liens
from cpro_platform.comptes.models import LienMagique, TypeRole
from tests import factories as f
from tests.comptes.aides import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def a():
    return f.monde("A")


def test_a_valid_link_signs_the_tutor_in_and_shows_only_their_learners(client, a):
    other = f.apprenant(a.etablissement, a.classe, nom="NONSUIVI")
    response = client.get(url(a.lien), follow=True)
    assert response.redirect_chain[-1][0] == reverse("etablissements:mes_apprenants")
    body = response.content.decode()
    assert a.apprenant.nom in body
    assert other.nom not in body and a.apprenti.nom not in body
    assert client.get(reverse("etablissements:apprenant", args=[a.apprenant.pk])).status_code == 200
    assert client.get(reverse("etablissements:apprenant", args=[other.pk])).status_code == 404
    assert client.get(reverse("etablissements:classe", args=[a.classe.pk])).status_code == 404
    a.lien.refresh_from_db()
    assert a.lien.utilise_le is not None


def test_the_session_ends_when_the_link_expires(client, a):
    client.get(url(a.lien))
    assert client.session.get_expiry_date() <= a.lien.expire_le


@pytest.mark.parametrize("etat", ["expire", "revoque", "jeton_faux", "jeton_autre_lien",
                                  "sans_jeton"])
def test_a_link_that_no_longer_holds_gives_a_clear_page_and_no_access(client, a, etat):
    lien = a.lien
    target = url(lien)
    if etat == "expire":
        lien.expire_le = timezone.now() - datetime.timedelta(minutes=1)
        lien.save()
    elif etat == "revoque":
        liens.revoquer(lien)
    elif etat == "jeton_faux":
        target = target[:-4] + "AAAA"
    elif etat == "jeton_autre_lien":
        other = LienMagique.objects.create(user=lien.user)
        target = reverse("comptes:lien", args=[lien.pk]) + get_query_string(
            lien.user, scope=other.scope)
    else:
        target = reverse("comptes:lien", args=[lien.pk])
    response = client.get(target)
    assert response.status_code == 403
    assert "Ce lien de connexion ne fonctionne plus" in response.content.decode()
    assert a.apprenant.nom not in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("etablissements:mes_apprenants")).status_code == 302


def test_revoking_a_link_ends_the_sessions_it_opened(client, a):
    client.get(url(a.lien))
    assert client.get(reverse("etablissements:mes_apprenants")).status_code == 200
    liens.revoquer(a.lien)
    response = client.get(reverse("etablissements:mes_apprenants"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_unknown_link_id_is_the_same_clear_page(client):
    assert client.get(reverse("comptes:lien", args=[999])).status_code == 403


def test_people_with_other_roles_get_no_link(client, a):
    tuteur = a.user("tuteur")
    f.role(tuteur, a.etablissement, TypeRole.ENSEIGNANT)
    assert not liens.peut_recevoir_un_lien(tuteur)
    with pytest.raises(liens.EnvoiImpossible, match="autres rôles"):
        liens.envoyer_lien(tuteur, etablissement=a.etablissement, par=None, request=None)
    # and an older link stops working once they hold another role
    assert client.get(url(a.lien)).status_code == 403
    assert not liens.peut_recevoir_un_lien(a.user("enseignant"))
    assert not liens.peut_recevoir_un_lien(a.user("apprenant"))


def test_the_administrator_sends_and_revokes_a_link(client, a, mailoutbox):
    client.force_login(a.user("administrateur"))
    e, t = a.etablissement.pk, a.tuteur.pk
    response = client.post(reverse("gestion:lien_creer", args=[e, t]), follow=True)
    assert "Lien envoyé" in response.content.decode()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [a.tuteur.user.email]
    lien = a.tuteur.user.liens_magiques.order_by("-pk").first()
    link = next(line for line in mailoutbox[0].body.splitlines() if "/comptes/lien/" in line)
    client.logout()
    assert client.get(link.strip()).status_code == 302
    client.logout()
    client.force_login(a.user("administrateur"))
    client.post(reverse("gestion:lien_revoquer", args=[e, lien.pk]))
    client.logout()
    assert client.get(link.strip()).status_code == 403
