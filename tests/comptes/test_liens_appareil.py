"""Single-device links: an establishment may bind each link to the first browser that opens it.

With ``Etablissement.liens_un_seul_appareil`` on, a link forwarded, copied from a log or opened
by someone reading over the tutor's shoulder does not open a second session; the first browser
keeps working (and may open the link again).
"""

import pytest
from django.test import Client
from django.urls import reverse

from cpro_platform.comptes.models import LienMagique
from tests import factories as f
from tests.comptes.aides import mes_apprenants, ouvrir_en_parallele, url

AUTRE_APPAREIL = "déjà été ouvert sur un autre appareil"


def _un_seul_appareil(a):
    a.etablissement.liens_un_seul_appareil = True
    a.etablissement.save()
    return LienMagique.objects.create(user=a.tuteur.user, etablissement=a.etablissement)


@pytest.fixture
def a(db):
    return f.monde("D")


def test_a_single_device_link_opens_only_in_the_first_browser(a):
    lien = _un_seul_appareil(a)
    premier, second = Client(), Client()
    assert premier.get(url(lien)).status_code == 302

    response = second.get(url(lien))
    body = response.content.decode()
    assert response.status_code == 403
    assert AUTRE_APPAREIL in body and "nouveau lien" in body
    assert a.apprenant.nom not in body
    assert "_auth_user_id" not in second.session and mes_apprenants(second) == 302

    assert mes_apprenants(premier) == 200  # the first session keeps working
    premier.post(reverse("logout"))  # as a browser does: other cookies stay
    assert mes_apprenants(premier) == 302
    assert premier.get(url(lien)).status_code == 302  # and the same browser may come back
    assert mes_apprenants(premier) == 200


def test_the_binding_cookie_is_kept_from_scripts_and_other_pages(client, a):
    lien = _un_seul_appareil(a)
    cookie = client.get(url(lien)).cookies["cpro_appareil"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == reverse("comptes:lien", args=[lien.pk])
    lien.refresh_from_db()
    assert lien.appareil and cookie.value not in lien.appareil  # only a digest is stored


def test_without_the_setting_a_link_opens_in_several_browsers(a):
    lien = LienMagique.objects.create(user=a.tuteur.user, etablissement=a.etablissement)
    browsers = [Client(), Client()]
    assert [c.get(url(lien)).status_code for c in browsers] == [302, 302]
    assert [mes_apprenants(c) for c in browsers] == [200, 200]


@pytest.mark.django_db(transaction=True)
def test_parallel_first_openings_of_a_single_device_link_bind_one_browser():
    lien = _un_seul_appareil(f.monde("Q"))
    clients = [Client() for _ in range(8)]
    statuses = ouvrir_en_parallele(clients, url(lien))
    assert sorted(statuses) == [302] + [403] * (len(clients) - 1)
    assert sorted(mes_apprenants(c) for c in clients) == [200] + [302] * (len(clients) - 1)


def test_the_administrator_turns_single_device_links_on_in_the_settings(client, a):
    client.force_login(a.user("administrateur"))
    page = reverse("gestion:tableau", args=[a.etablissement.pk])
    assert "Un seul appareil par lien" in client.get(page).content.decode()
    client.post(page, {"nom": a.etablissement.nom, "type": a.etablissement.type,
                       "academie": a.etablissement.academie, "liens_un_seul_appareil": "on"})
    a.etablissement.refresh_from_db()
    assert a.etablissement.liens_un_seul_appareil


def test_the_e_mail_tells_the_tutor_to_open_a_single_device_link_where_they_will_use_it(
        client, a, mailoutbox):
    a.etablissement.liens_un_seul_appareil = True
    a.etablissement.save()
    client.force_login(a.user("administrateur"))
    client.post(reverse("gestion:lien_creer", args=[a.etablissement.pk, a.tuteur.pk]))
    (message,) = mailoutbox
    assert "premier navigateur qui l'ouvre" in message.body
    assert "/comptes/lien/" in message.body
