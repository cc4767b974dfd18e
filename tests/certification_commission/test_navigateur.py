"""In a browser: the teacher adjusts a signed mark with its reason, the DDFPT sees a missing
grid block the validation, it gets signed, the DDFPT validates the commission and downloads
the class table as XLSX (parsed back)."""
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cpro_platform.certification.models import Commission, EtatGrille, GrilleCCF, StatutCandidat
from tests.suivi import browser_helpers as b

from . import factories as cf


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_adjust_validate_and_download_the_xlsx(live_server, browser_page):
    s = cf.session(noms=["ALPHA", "BRAVO"])
    alpha, bravo = s.apprenants
    cf.grille(s, alpha, "E31", 14)
    cf.grille(s, alpha, "E32", 10)
    cf.grille(s, alpha, "E33", 12)
    cf.grille(s, bravo, "E31", 11)
    cf.grille(s, bravo, "E32", 9, signee=False)
    cf.candidature(s, bravo, "E33", StatutCandidat.ABSENT)
    cf.commission(s)
    page = browser_page
    url = live_server.url + reverse("certification:commission", args=[s.session.pk])

    # The teacher adjusts ALPHA's E31 with a reason (refused without one).
    b.connexion(page, live_server.url, s.enseignant.username)
    page.goto(url)
    page.get_by_role("link", name="Ajuster ALPHA Prénom E31").click()
    page.get_by_label("Note arrêtée par la commission (sur 20)").fill("15,5")
    page.get_by_role("button", name="Enregistrer l’ajustement").click()
    page.get_by_text("Indiquez le motif de l’ajustement").wait_for()
    page.get_by_label("Motif de l’ajustement").fill("Contrôle final relu avec le jury.")
    page.get_by_role("button", name="Enregistrer l’ajustement").click()
    page.get_by_text("Note de Prénom ALPHA en E31 arrêtée à 15,50 / 20.").wait_for()
    assert "Valider la commission" not in page.content()  # the teacher does not validate

    # The DDFPT: BRAVO's E32 is only proposed, the validation is refused and says so.
    page.context.clear_cookies()
    b.connexion(page, live_server.url, s.ddfpt.username)
    page.goto(url)
    page.get_by_role("button", name="Valider la commission").click()
    page.get_by_text("La commission ne peut pas encore valider").wait_for()
    assert "BRAVO Prénom : E32 (proposée (grille non signée))." in page.content()
    assert not Commission.objects.get(session=s.session).validee

    GrilleCCF.objects.filter(session=s.session, etat=EtatGrille.BROUILLON).update(
        etat=EtatGrille.SIGNEE, signee_par=s.enseignant, signee_le=s.session.cree_le)
    page.goto(url)
    page.get_by_role("button", name="Valider la commission").click()
    page.get_by_text("Commission validée : le tableau est archivé").wait_for()
    assert Commission.objects.get(session=s.session).validee
    assert "Ajuster" not in page.content()

    with page.expect_download() as telechargement:
        page.get_by_role("link", name="Tableau (XLSX)").click()
    fichier = telechargement.value
    assert fichier.suggested_filename.endswith(".xlsx")
    with open(fichier.path(), "rb") as contenu:
        feuille = load_workbook(io.BytesIO(contenu.read()))["Tableau"]
    lignes = {ligne[0]: ligne for ligne in feuille.iter_rows(values_only=True) if ligne[0]}
    assert lignes["ALPHA"][3:6] == (15.5, 10, 12)
    assert lignes["BRAVO"][3:6] == (11, 9, "ABS")
    assert any("Validé le" in str(ligne[0]) for ligne in feuille.iter_rows(values_only=True))
