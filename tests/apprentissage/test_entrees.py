"""The master's entries: one per stretch of company weeks, their history kept; only the master
writes them, the trainer reads them."""
import datetime

import pytest
from django.urls import reverse

from cpro_platform.apprentissage.calendrier import enregistrer_semaines, lundis
from cpro_platform.apprentissage.models import EntreeMaitre
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def periode(cas):
    """Two company weeks then a CFA week, at the start of the contract."""
    semaines = lundis(cas["contrat"])
    enregistrer_semaines(cas["contrat"], {semaines[1]: "entreprise", semaines[2]: "entreprise",
                                          semaines[3]: "cfa"})
    return semaines[1]


def _url(contrat):
    return reverse("apprentissage:entree", args=[contrat.pk])


def test_the_master_writes_then_rewrites_an_entry_and_the_history_keeps_both(client, cas,
                                                                              periode):
    contrat = cas["contrat"]
    client.force_login(cas["maitre"].user)
    page = client.get(_url(contrat) + f"?debut={periode}")
    assert page.status_code == 200 and "Travaux confiés" in page.content.decode()
    r = client.post(_url(contrat), {"debut": periode, "travaux": "Préparation des surfaces",
                                    "observations": "Soigneux."})
    assert r.status_code == 302
    client.post(_url(contrat), {"debut": periode, "travaux": "Préparation et apprêts",
                                "observations": "Soigneux et rapide."})
    entree = EntreeMaitre.objects.get(contrat=contrat)
    assert entree.travaux == "Préparation et apprêts"
    assert entree.debut == periode and entree.fin == lundis(contrat)[2] + datetime.timedelta(days=6)
    assert entree.auteur == cas["maitre"].user
    assert [h.travaux for h in entree.history.order_by("history_date")] == [
        "Préparation des surfaces", "Préparation et apprêts"]
    client.force_login(cas["formateur"])
    livret = client.get(reverse("apprentissage:livret", args=[contrat.pk])).content.decode()
    assert "Préparation et apprêts" in livret and "Soigneux et rapide." in livret


def test_an_entry_must_be_for_a_stretch_of_company_weeks(client, cas, periode):
    contrat = cas["contrat"]
    cfa = lundis(contrat)[3]
    client.force_login(cas["maitre"].user)
    r = client.post(_url(contrat), {"debut": cfa, "travaux": "Rien"})
    assert r.status_code == 422
    assert f"Aucune période en entreprise ne commence le {cfa:%d/%m/%Y}" in r.content.decode()
    r = client.post(_url(contrat), {"debut": periode, "travaux": "  "})
    assert r.status_code == 422
    assert not EntreeMaitre.objects.exists()


def test_the_trainer_and_the_apprentice_do_not_write_the_masters_entries(client, cas, periode):
    for user in (cas["formateur"], cas["apprenti"].user, cas["ddfpt"]):
        client.force_login(user)
        r = client.post(_url(cas["contrat"]), {"debut": periode, "travaux": "Usurpé"})
        assert r.status_code in (403, 404)
    assert not EntreeMaitre.objects.exists()


def test_a_stretch_not_begun_yet_is_not_written_about(client, cas):
    contrat = cas["contrat"]
    futur = next(lundi for lundi in lundis(contrat) if lundi > f.jours(14))
    enregistrer_semaines(contrat, {futur: "entreprise"})
    client.force_login(cas["maitre"].user)
    page = client.get(_url(contrat)).content.decode()
    assert "Aucune période en entreprise commencée" in page
    r = client.post(_url(contrat), {"debut": futur, "travaux": "Par avance"})
    assert r.status_code == 422
    assert f"du {futur:%d/%m/%Y} n" in r.content.decode()
    assert not EntreeMaitre.objects.exists()
