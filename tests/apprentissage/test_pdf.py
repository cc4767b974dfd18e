"""The booklet as a PDF: what a reader finds printed in it."""
import pytest
from django.urls import reverse

from cpro_platform.activites.models import EtatFiche, FicheActivite
from cpro_platform.apprentissage.bilans import ecrire, ouvrir_bilan, signer
from cpro_platform.apprentissage.calendrier import enregistrer_semaines, lundis
from cpro_platform.apprentissage.entrees import ecrire_entree
from cpro_platform.suivi.models import Etat, Evaluation
from cpro_platform.suivi.models.scenarios import Lieu
from tests import factories as f
from tests.bilans_documents.factories import texte_pdf
from tests.suivi import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def livret(cas):
    contrat = cas["contrat"]
    contrat.numero, contrat.convention_collective, contrat.idcc = (
        "069202600123", "Services de l'automobile", "1090")
    contrat.representant = "Hélène Durand"
    contrat.save()
    semaines = lundis(contrat)
    enregistrer_semaines(contrat, {semaines[0]: "cfa", semaines[1]: "entreprise",
                                   semaines[2]: "entreprise", semaines[3]: "conge"})
    ecrire_entree(contrat, semaines[1], travaux="Dépose et repose des boucliers",
                  observations="Travail soigné", auteur=cas["maitre"].user)
    bilan = ouvrir_bilan(contrat, date=f.jours(0), debut=contrat.debut, fin=f.jours(0),
                         auteur=cas["formateur"])
    ecrire(bilan, "maitre", {"appreciation_maitre": "Apprenti ponctuel et curieux"})
    ecrire(bilan, "formateur", {"objectifs": "Préparer seul une teinte"})
    signer(bilan, cas["maitre"].user, "maitre", "Gérard Durand")
    FicheActivite.objects.create(apprenant=cas["apprenti"], contrat=contrat, date=f.jours(-20),
                                 vehicule="Peugeot 208", description="Redressage d'une aile",
                                 etat=EtatFiche.CONFIRMEE, auteur=cas["apprenti"].user)
    critere = sf.criteres(cas["classe"].referentiel, 1)[0]
    situation = sf.situation(sf.scenario(cas["classe"]), [critere], "Atelier chez l'employeur",
                             lieu=Lieu.ENTREPRISE, debut=f.jours(-30), fin=f.jours(-1))
    Evaluation.objects.create(situation=situation, apprenant=cas["apprenti"], critere=critere,
                              etat=Etat.EVALUE, niveau=3, version=1, auteur=cas["maitre"].user)
    return contrat


def test_the_pdf_prints_contract_calendar_entries_reviews_sheets_and_evaluations(client, cas,
                                                                               livret):
    client.force_login(cas["apprenti"].user)  # the apprentice downloads their own
    response = client.get(reverse("apprentissage:pdf", args=[livret.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    texte = " ".join(texte_pdf(response.content).split())
    for attendu in [
        "Livret d'apprentissage", "MARTIN", cas["apprenti"].ine, "Carrosserie Durand",
        "069202600123", "Services de l'automobile", "IDCC 1090", "Hélène Durand",
        "Gérard Durand", "Claire Rolland",
        "1 semaine(s) au CFA (C), 2 en entreprise (E), 1 de congés (V)",
        "Dépose et repose des boucliers", "Travail soigné",
        "Apprenti ponctuel et curieux", "Préparer seul une teinte",
        "Maître d'apprentissage : Gérard Durand", "Formateur : non signé",
        "Peugeot 208", "Redressage d'une aile", "Confirmée par le tuteur",
        "Atelier chez l'employeur", "niveau 3 : 1",
    ]:
        assert attendu in texte, attendu


def test_a_stale_signature_is_printed_as_such(client, cas, livret):
    bilan = livret.bilans.get()
    ecrire(bilan, "formateur", {"appreciation_formateur": "Ajoutée après la signature"})
    client.force_login(cas["formateur"])
    texte = " ".join(texte_pdf(client.get(
        reverse("apprentissage:pdf", args=[livret.pk])).content).split())
    assert "signé sur une version antérieure" in texte
