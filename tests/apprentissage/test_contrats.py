"""Contracts: who may be an apprentice, overlaps, the master of the employer, and the master's
dated link that follows the contract."""
import datetime

import pytest
from django.urls import reverse

from cpro_platform.apprentissage.calendrier import lundi_de
from cpro_platform.apprentissage.models import Contrat, SemaineAlternance
from cpro_platform.etablissements.models import Encadrement, Statut, TypeEncadrement
from tests import factories as f

pytestmark = pytest.mark.django_db


def _donnees(apprenant, maitre, debut, fin, **autres) -> dict:
    return {"apprenant": apprenant.pk, "employeur": maitre.entreprise_id,
            "maitre": maitre.pk, "debut": debut.isoformat(), "fin": fin.isoformat(),
            "numero": "069202600123", "convention_collective": "Services de l'automobile",
            "idcc": "1090", "representant": "Mme Durand", "telephone": "04 78 00 00 00",
            "email": "contact@durand.example", **autres}


def _poster(client, user, etablissement, donnees):
    client.force_login(user)
    return client.post(reverse("apprentissage:contrat_ajouter", args=[etablissement.pk]),
                       donnees)


def _d(jour: datetime.date) -> str:
    return jour.strftime("%d/%m/%Y")


def test_the_ddfpt_creates_a_contract_and_the_master_gets_the_booklet_for_its_dates(client, cas):
    autre = f.apprenant(cas["e"], cas["classe"], nom="PETIT", statut=Statut.APPRENTI,
                        debut=f.jours(-30))
    debut, fin = f.jours(-10), f.jours(365)
    response = _poster(client, cas["ddfpt"], cas["e"], _donnees(autre, cas["maitre"], debut, fin))
    contrat = Contrat.objects.get(apprenant=autre)
    assert response.status_code == 302
    assert response["Location"] == reverse("apprentissage:livret", args=[contrat.pk])
    lien = contrat.encadrement
    assert (lien.tuteur, lien.apprenant, lien.type, lien.debut, lien.fin) == (
        cas["maitre"], autre, TypeEncadrement.MAITRE_APPRENTISSAGE, debut, fin)
    assert contrat.idcc == "1090"
    client.force_login(cas["maitre"].user)
    page = client.get(reverse("apprentissage:livret", args=[contrat.pk]))
    assert page.status_code == 200 and "PETIT" in page.content.decode()


def test_a_learner_who_is_not_an_apprentice_is_refused_with_the_dates(client, cas):
    eleve = f.apprenant(cas["e"], cas["classe"], nom="SCOLAIRE", debut=f.jours(-30))
    debut, fin = f.jours(0), f.jours(200)
    response = _poster(client, cas["ddfpt"], cas["e"], _donnees(eleve, cas["maitre"], debut, fin))
    assert response.status_code == 422
    assert (f"n'a pas le statut d'apprenti du {_d(debut)} au {_d(fin)}"
            in response.content.decode().replace("&#x27;", "'"))
    assert not Contrat.objects.filter(apprenant=eleve).exists()
    assert not Encadrement.objects.filter(apprenant=eleve).exists()


def test_an_apprentice_who_becomes_scolaire_mid_contract_is_refused_from_that_date(client, cas):
    apprenti = f.apprenant(cas["e"], cas["classe"], nom="CHANGE", statut=Statut.APPRENTI,
                           debut=f.jours(-30))
    apprenti.changer_parcours(etablissement=cas["e"], statut=Statut.SCOLAIRE, date=f.jours(50))
    response = _poster(client, cas["ddfpt"], cas["e"],
                       _donnees(apprenti, cas["maitre"], f.jours(0), f.jours(200)))
    assert response.status_code == 422
    assert (f"du {_d(f.jours(50))} au {_d(f.jours(200))}"
            in response.content.decode())
    assert not Contrat.objects.filter(apprenant=apprenti).exists()


def test_two_contracts_of_the_same_apprentice_may_not_overlap(client, cas):
    contrat = cas["contrat"]
    response = _poster(client, cas["ddfpt"], cas["e"], _donnees(
        cas["apprenti"], cas["maitre"], contrat.fin - datetime.timedelta(days=10),
        contrat.fin + datetime.timedelta(days=100)))
    assert response.status_code == 422
    assert (f"chevauche le contrat de l'apprenti chez Carrosserie Durand du "
            f"{_d(contrat.debut)} au {_d(contrat.fin)}"
            in response.content.decode().replace("&#x27;", "'"))
    assert Contrat.objects.filter(apprenant=cas["apprenti"]).count() == 1
    # The day after the first contract ends, a second one is fine.
    ok = _poster(client, cas["ddfpt"], cas["e"], _donnees(
        cas["apprenti"], cas["maitre"], contrat.fin + datetime.timedelta(days=1),
        contrat.fin + datetime.timedelta(days=100)))
    assert ok.status_code == 302


def test_the_master_must_work_for_the_employer(client, cas):
    ailleurs = f.tuteur(f.entreprise(cas["e"], "Garage Ailleurs"), "autremaitre")
    donnees = _donnees(cas["apprenti"], ailleurs, cas["contrat"].fin + datetime.timedelta(days=1),
                       cas["contrat"].fin + datetime.timedelta(days=90),
                       employeur=cas["employeur"].pk)
    response = _poster(client, cas["ddfpt"], cas["e"], donnees)
    assert response.status_code == 422
    assert "choisissez un tuteur de l" in response.content.decode()
    assert Contrat.objects.filter(apprenant=cas["apprenti"]).count() == 1


def test_a_change_of_master_ends_the_former_masters_access_today(client, cas):
    contrat, ancien = cas["contrat"], cas["maitre"]
    nouveau = f.tuteur(cas["employeur"], "nouveaumaitre")
    client.force_login(cas["ddfpt"])
    response = client.post(reverse("apprentissage:contrat_modifier", args=[contrat.pk]),
                           _donnees(cas["apprenti"], nouveau, contrat.debut, contrat.fin))
    assert response.status_code == 302
    contrat.refresh_from_db()
    assert contrat.encadrement.tuteur == nouveau
    assert contrat.encadrement.debut == f.jours(0) and contrat.encadrement.fin == contrat.fin
    ancien_lien = Encadrement.objects.get(tuteur=ancien, apprenant=cas["apprenti"])
    assert ancien_lien.fin == f.jours(-1)
    url = reverse("apprentissage:livret", args=[contrat.pk])
    client.force_login(ancien.user)
    assert client.get(url).status_code == 404
    client.force_login(nouveau.user)
    assert client.get(url).status_code == 200


def test_new_dates_move_the_masters_link_and_drop_the_weeks_left_outside(client, cas):
    contrat = cas["contrat"]
    derniere = lundi_de(contrat.fin)
    SemaineAlternance.objects.create(contrat=contrat, lundi=derniere, lieu="cfa")
    fin = contrat.fin - datetime.timedelta(days=60)
    client.force_login(cas["ddfpt"])
    response = client.post(reverse("apprentissage:contrat_modifier", args=[contrat.pk]),
                           _donnees(cas["apprenti"], cas["maitre"], contrat.debut, fin))
    assert response.status_code == 302
    contrat.refresh_from_db()
    assert contrat.encadrement.fin == fin
    assert not contrat.semaines.filter(lundi=derniere).exists()


def test_a_contract_that_ended_gives_the_master_nothing(client, cas):
    ancien = f.contrat(f.apprenant(cas["e"], cas["classe"], statut=Statut.APPRENTI,
                                   debut=f.jours(-400)),
                       cas["maitre"], debut=f.jours(-300), fin=f.jours(-1))
    client.force_login(cas["maitre"].user)
    assert client.get(reverse("apprentissage:livret", args=[ancien.pk])).status_code == 404
    assert client.get(reverse("apprentissage:entree", args=[ancien.pk])).status_code == 404
    assert client.get(reverse("apprentissage:livret",
                              args=[cas["contrat"].pk])).status_code == 200


def test_an_end_before_the_start_is_said_in_french_on_the_end_date(client, cas):
    apprenti = f.apprenant(cas["e"], cas["classe"], statut=Statut.APPRENTI, debut=f.jours(-30))
    response = _poster(client, cas["ddfpt"], cas["e"],
                       _donnees(apprenti, cas["maitre"], f.jours(10), f.jours(0)))
    texte = response.content.decode()
    assert response.status_code == 422
    assert "La fin du contrat précède son début." in texte and "Constraint" not in texte
    assert not Contrat.objects.filter(apprenant=apprenti).exists()
