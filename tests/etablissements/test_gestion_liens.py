"""Sending magic links from the administration: the link goes to the tutor's mailbox only.

Pentest finding: the administrator's flash message showed the link itself, so an administrator
could open any tutor's session (and with a tutor created with their own address, read livrets
as that tutor). Now nobody but the mailbox sees a link.
"""
import pytest
from django.urls import reverse

from cpro_platform.comptes.models import LienMagique
from cpro_platform.etablissements.models import Tuteur
from tests import factories as f
from tests.etablissements.conftest import u

pytestmark = pytest.mark.django_db


MONDE = "L"


def _lien_du_courriel(message) -> str:
    return next(line.strip() for line in message.body.splitlines() if "/comptes/lien/" in line)


def test_the_administrator_never_sees_the_link_only_the_tutor_s_mailbox_does(admin, a,
                                                                            mailoutbox):
    response = admin.post(u("lien_creer", a, a.tuteur.pk), follow=True)
    body = response.content.decode()
    (message,) = mailoutbox
    assert message.to == [a.tuteur.user.email]
    link = _lien_du_courriel(message)
    assert "Lien envoyé à t***@test.example le " in body
    assert "/comptes/lien/" not in body and "sesame" not in body
    assert link.split("?")[1] not in body
    assert "/comptes/lien/" not in admin.get(u("tuteur", a, a.tuteur.pk)).content.decode()
    lien = LienMagique.objects.get(pk=link.split("/comptes/lien/")[1].split("/")[0])
    assert (lien.etablissement, lien.cree_par, lien.envoye_a) == (
        a.etablissement, a.user("administrateur"), a.tuteur.user.email)


def test_the_list_of_links_shows_sent_used_and_revoked(admin, a, client, mailoutbox):
    admin.post(u("lien_creer", a, a.tuteur.pk))
    page = admin.get(u("tuteur", a, a.tuteur.pk)).content.decode()
    assert "Envoyé le " in page and "à t***@test.example" in page and "Jamais utilisé" in page
    lien = a.tuteur.user.liens_magiques.get(cree_par=a.user("administrateur"))
    tutor = type(client)()
    tutor.get(_lien_du_courriel(mailoutbox[0]))
    page = admin.get(u("tuteur", a, a.tuteur.pk)).content.decode()
    assert "Utilisé le " in page
    admin.post(u("lien_revoquer", a, lien.pk))
    assert "Révoqué le " in admin.get(u("tuteur", a, a.tuteur.pk)).content.decode()


def test_a_tutor_without_an_address_gets_no_link(admin, a, mailoutbox):
    a.tuteur.user.email = ""
    a.tuteur.user.save()
    before = LienMagique.objects.count()
    response = admin.post(u("lien_creer", a, a.tuteur.pk), follow=True)
    assert "pas d’adresse électronique" in response.content.decode() or \
        "pas d&#x27;adresse électronique" in response.content.decode()
    assert mailoutbox == [] and LienMagique.objects.count() == before


@pytest.mark.parametrize("adresse", ["adminL@test.example", "AdminL+tuteur@Test.example",
                                     "ddfptL+garage@test.example"])
def test_a_tutor_cannot_be_created_with_a_staff_member_s_address(admin, a, adresse):
    response = admin.post(u("entreprise", a, a.entreprise.pk), {
        "formulaire": "tuteur", "tuteur-prenom": "Faux", "tuteur-nom": "Tuteur",
        "tuteur-email": adresse})
    assert response.status_code == 200
    assert "membre du personnel" in response.content.decode()
    assert not Tuteur.objects.filter(user__last_name="Tuteur").exists()


def test_no_link_is_sent_to_an_address_later_changed_to_a_staff_member_s(admin, a, mailoutbox):
    """The tutor's address edited to the administrator's (plus a tag): no link goes there."""
    admin.post(u("personne", a, a.tuteur.user.pk), {
        "personne-first_name": "Prénom", "personne-last_name": "Tuteur",
        "personne-email": "adminl+tuteur@test.example"})
    a.tuteur.user.refresh_from_db()
    assert a.tuteur.user.email == "adminl+tuteur@test.example"
    mailoutbox.clear()
    response = admin.post(u("lien_creer", a, a.tuteur.pk), follow=True)
    assert "membre du personnel" in response.content.decode()
    assert not any("/comptes/lien/" in m.body for m in mailoutbox)
    assert not a.tuteur.user.liens_magiques.filter(cree_par=a.user("administrateur")).exists()


def test_another_establishment_s_links_are_neither_listed_nor_revocable(admin, a):
    b = f.monde("M")
    f.role(a.user("administrateur"), b.etablissement, "administrateur")
    tuteur_b = Tuteur.objects.create(user=a.tuteur.user, entreprise=b.entreprise)
    lien_b = LienMagique.objects.create(user=a.tuteur.user, etablissement=b.etablissement)
    page = admin.get(u("tuteur", a, a.tuteur.pk)).content.decode()
    assert reverse("gestion:lien_revoquer", args=[a.etablissement.pk, lien_b.pk]) not in page
    assert admin.post(u("lien_revoquer", a, lien_b.pk)).status_code == 404
    assert tuteur_b.pk
