"""In a browser: a teacher opens a campaign, fills it with the keyboard (a level, N for "non
évaluée à cette date", Delete back to undecided), validates the bilan, computes and
modulates a mark, then downloads the bilan PDF from its page and finds in it the learner, the
mark and the modulation's reason."""
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cpro_platform.bilans.models import Bilan, Note
from tests import factories as f
from tests.livret.factories import parcours
from tests.suivi import browser_helpers as b

from . import factories as bf


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_campaign_keyboard_validation_and_modulated_mark(live_server, browser_page):
    p = parcours(apprenants=1, nb_criteres=6)
    c1, c2, c3 = bf.competences(p)
    epreuve = bf.epreuve(p, {c1: 60, c2: 40}, code="EP2")
    apprenant = p.apprenants[0]
    page = browser_page
    b.connexion(page, live_server.url, p.enseignant.username)

    # From the class page to its bilans; open a campaign.
    page.goto(live_server.url + reverse("etablissements:classe", args=[p.classe.pk]))
    page.get_by_role("link", name="Bilans intermédiaires et notes").click()
    page.get_by_label("Titre").fill("Bilan de 1re période")
    page.fill("input[name=date]", str(f.jours(0)))
    page.get_by_role("button", name="Ouvrir la campagne").click()
    page.get_by_role("heading", name="Bilan de 1re période").wait_for()
    assert "0 bilan(s) validé(s) sur 1." in page.content()

    # Keyboard: 3 saves and moves right, then 4; N marks the third "non évaluée".
    bilan = Bilan.objects.get(apprenant=apprenant)
    page.locator(f"input[name='c-{bilan.pk}-{c1.pk}']").focus()
    page.keyboard.press("3")
    page.keyboard.press("4")
    page.keyboard.press("n")
    b.attendre_enregistrement(page)
    assert "Enregistré à" in page.locator("#etat-sauvegarde").inner_text()
    cellule = page.locator(f"input[name='c-{bilan.pk}-{c3.pk}']")
    assert cellule.input_value() == "NE"
    assert {n.competence_id: n.code for n in bilan.niveaux.all()} == {
        c1.pk: "3", c2.pk: "4", c3.pk: "NE"}
    # Delete returns the cell to "undecided" (in the evaluation grid it records NE).
    page.keyboard.press("Delete")
    b.attendre_enregistrement(page)
    assert cellule.input_value() == ""
    assert bilan.niveaux.get(competence=c3).code == ""
    page.keyboard.press("N")
    b.attendre_enregistrement(page)
    assert bilan.niveaux.get(competence=c3).non_evalue

    # Validate the learner's bilan from its page.
    # (the learner's name links to the bilan twice: "Restent à valider" and the grid's row)
    page.locator(".cpro-grille").get_by_role("link", name=f"{apprenant.nom} {apprenant.prenom}"
                                             ).click()
    page.get_by_label(f"Commentaire sur {c1.code}").fill("Gestes sûrs en atelier.")
    page.get_by_role("button", name="Enregistrer et valider").click()
    page.get_by_text("validé : il est archivé").wait_for()
    bilan.refresh_from_db()
    assert bilan.valide and bilan.valide_par == p.enseignant
    assert f"Non évaluée à cette date : {c3.code}." in page.content()

    # Marks: compute (60 % × 2/3 + 40 % × 1 → 16,00), then modulate by −1,5 with a reason.
    page.get_by_role("link", name="Notes", exact=True).click()
    page.get_by_role("link", name=f"{epreuve.code} – {epreuve.intitule}").click()
    page.get_by_role("button", name="Calculer la note").click()
    page.get_by_text("Note retenue : 16,00 / 20").wait_for()
    page.get_by_label("Modulation (points, entre −2 et +2)").fill("3")
    page.get_by_label("Motif").fill("Dossier incomplet.")
    page.get_by_role("button", name="Enregistrer la modulation").click()
    page.get_by_text("La modulation est limitée à ±2 points").wait_for()
    page.get_by_label("Modulation (points, entre −2 et +2)").fill("-1,5")
    page.get_by_role("button", name="Enregistrer la modulation").click()
    page.get_by_text("Note retenue : 14,50 / 20").wait_for()
    assert "Pourquoi cette note" in page.content()
    assert Note.objects.get(courante=True).motif == "Dossier incomplet."

    # The bilan PDF, downloaded through the bilan's page: learner, mark, reason.
    page.get_by_role("link", name="Voir le bilan").click()
    with page.expect_download() as telechargement:
        page.get_by_role("link", name="Télécharger le bilan en PDF").click()
    pdf = telechargement.value
    assert pdf.suggested_filename.endswith(".pdf")
    with open(pdf.path(), "rb") as fichier:
        contenu = fichier.read()
    assert contenu.startswith(b"%PDF")
    texte = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(contenu)).pages)
                     .split())
    assert apprenant.nom_complet in texte
    assert f"{epreuve.code} – {epreuve.intitule}" in texte and "14,50 / 20" in texte
    assert "note calculée 16,00, modulée de −1,50 point(s) : Dossier incomplet." in texte
