"""A link session holds only while its link does.

Pentest finding: parallel openings of one link all logged in but only some session keys were
recorded on the link (read-append-save), so revoking it left most sessions working for the
link's 30 days. Now each session names its link and every request checks the link.
"""
import datetime
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cpro_platform.comptes import liens
from cpro_platform.comptes.models import LienMagique, TypeRole
from tests import factories as f
from tests.comptes.aides import mes_apprenants, ouvrir_en_parallele, url

PARALLELE = 12
MESSAGE_FIN = "Votre lien de connexion n"  # … n'est plus valable (apostrophe escaped in HTML)


@pytest.mark.django_db(transaction=True)
def test_revoking_a_link_signs_out_every_session_even_opened_at_the_same_time():
    a = f.monde("P")
    clients = [Client() for _ in range(PARALLELE)]
    assert ouvrir_en_parallele(clients, url(a.lien)) == [302] * PARALLELE
    assert [mes_apprenants(c) for c in clients] == [200] * PARALLELE

    liens.revoquer(LienMagique.objects.get(pk=a.lien.pk))

    assert [mes_apprenants(c) for c in clients] == [302] * PARALLELE
    assert all("_auth_user_id" not in c.session for c in clients)


@pytest.fixture
def a(db):
    return f.monde("S")


def _revoque(a):
    liens.revoquer(a.lien)


def _expire(a):
    LienMagique.objects.filter(pk=a.lien.pk).update(
        expire_le=timezone.now() - datetime.timedelta(seconds=1))


def _suivi_termine(a):
    for encadrement in a.tuteur.encadrements.all():
        encadrement.terminer()


def _autre_role(a):
    f.role(a.tuteur.user, a.etablissement, TypeRole.ENSEIGNANT)


def _compte_desactive(a):
    a.tuteur.user.is_active = False
    a.tuteur.user.save()


@pytest.mark.parametrize("fin", [_revoque, _expire, _suivi_termine, _autre_role,
                                 _compte_desactive], ids=lambda fn: fn.__name__.strip("_"))
def test_a_link_session_ends_at_the_next_request_with_a_message(client, a, fin):
    client.get(url(a.lien))
    assert mes_apprenants(client) == 200
    fin(a)
    # signed out before any view runs, a write included
    response = client.post(reverse("etablissements:mes_apprenants"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    body = client.get(response["Location"]).content.decode()
    assert MESSAGE_FIN in body and "plus valable" in body
    assert a.apprenant.nom not in body
    assert mes_apprenants(client) == 302


def _queries_on_links(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        status = mes_apprenants(client)
    return status, sum("comptes_lienmagique" in q["sql"] for q in ctx.captured_queries)


def test_the_check_costs_one_query_for_link_sessions_and_none_for_others(client, a):
    client.get(url(a.lien))
    assert _queries_on_links(client) == (200, 1)
    client.logout()
    client.force_login(a.user("maitre"))  # a tutor signed in without a link
    assert _queries_on_links(client) == (200, 0)


def test_opening_a_link_redirects_to_a_clean_address(client, a):
    response = client.get(url(a.lien))
    assert response.status_code == 302
    assert response["Location"] == reverse("etablissements:mes_apprenants")
    assert "sesame" not in response["Location"] and "?" not in response["Location"]
    # the token's address is never sent on as a Referer, nor cached
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert client.session["lien_magique"] == a.lien.pk


def test_a_refused_link_page_does_not_pass_its_address_on_either(client, a):
    liens.revoquer(a.lien)
    response = client.get(url(a.lien))
    assert response.status_code == 403
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_tutor_whose_periods_ended_cannot_open_a_link(client, a):
    lien = LienMagique.objects.create(user=a.user("tuteur_expire"))
    assert client.get(url(lien)).status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_tutor_whose_period_starts_soon_can_open_a_link(client, a):
    tuteur = f.tuteur(a.entreprise)
    f.encadrement(tuteur, a.apprenant, debut=f.jours(3), fin=f.jours(30))
    lien = LienMagique.objects.create(user=tuteur.user)
    assert client.get(url(lien)).status_code == 302
    assert mes_apprenants(client) == 403  # nobody to follow yet, but signed in


def test_an_htmx_request_of_an_ended_link_session_sends_the_whole_page_to_the_login(client, a):
    client.get(url(a.lien))
    liens.revoquer(a.lien)
    response = client.get(reverse("etablissements:mes_apprenants"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_sessions_opened_before_links_were_named_are_ended_by_the_migration(a):
    """Such sessions carry no link id, so nothing would check them: the migration ends them."""
    migration = importlib.import_module(
        "cpro_platform.comptes.migrations.0003_liens_sans_liste_de_sessions")
    tutor, teacher = Client(), Client()
    tutor.force_login(a.tuteur.user)  # like a session opened by an old link
    teacher.force_login(a.user("enseignant"))
    migration.fermer_les_sessions_de_liens(apps, None)
    assert mes_apprenants(tutor) == 302
    assert teacher.get(reverse("etablissements:mes_classes")).status_code == 200


def test_a_new_link_opens_in_a_browser_whose_old_link_was_revoked(client, a):
    client.get(url(a.lien))
    liens.revoquer(a.lien)
    nouveau = LienMagique.objects.create(user=a.tuteur.user, etablissement=a.etablissement)
    assert client.get(url(nouveau)).status_code == 302
    assert client.session["lien_magique"] == nouveau.pk
    assert mes_apprenants(client) == 200
