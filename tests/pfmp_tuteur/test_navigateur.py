"""On a phone (375 × 667), a tutor opens their magic link, goes to their learner, evaluates
two critères, confirms an activity sheet and signs the PFMP bilan — with big touch targets
and no horizontal scroll."""
from pathlib import Path

import pytest

from cpro_platform.activites.models import EtatFiche
from cpro_platform.pfmp.models import DocumentSigne
from cpro_platform.suivi.grille import courantes
from tests import factories as f
from tests.activites import aides
from tests.comptes.aides import url

#: Screenshots of the phone pages, for a human look (nothing compares them).
CAPTURES = Path(__file__).resolve().parents[2] / "var" / "captures"
SANS_DEFILEMENT = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def telephone(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 667},
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_tutor_on_a_phone_evaluates_confirms_a_sheet_and_signs(live_server, telephone):
    o = f.monde("A")
    stage = aides.stage(o)
    fiche = aides.fiche(o)
    c1, c2, _c3 = stage.periode.situation.criteres.order_by("pk")
    page = telephone
    CAPTURES.mkdir(parents=True, exist_ok=True)

    page.goto(live_server.url + url(o.lien))
    # "Mes apprenants": the learner's row leads to their current placement.
    page.get_by_role("heading", name="Mes apprenants").wait_for()
    assert page.evaluate(SANS_DEFILEMENT)
    page.get_by_role("link", name="Évaluer la PFMP").click()

    page.get_by_text(c1.intitule).wait_for()
    assert page.evaluate(SANS_DEFILEMENT)
    bouton = page.locator(f"label[for='v-{c1.pk}-3']")
    assert bouton.bounding_box()["height"] >= 44
    bouton.click()
    page.locator(f"label[for='v-{c2.pk}-2']").click()
    page.fill(f"#c-{c2.pk}", "À revoir sur la finition")
    page.get_by_role("button", name="Enregistrer mes évaluations").click()
    page.get_by_text("Évaluations enregistrées (2 critère(s) modifié(s)).").wait_for()
    valeurs = {e.critere_id: e.code for e in courantes(stage.periode.situation).values()}
    assert valeurs == {c1.pk: "3", c2.pk: "2"}

    page.screenshot(path=str(CAPTURES / "evaluer.png"), full_page=True)
    page.get_by_role("link", name="Mes stagiaires en PFMP").click()
    page.get_by_role("link", name="Fiches d’activité à relire").click()
    page.get_by_role("link", name=f"{fiche.date:%d/%m/%Y} — Clio IV").click()
    page.locator("label[for='etat-confirmee']").click()
    page.get_by_role("button", name="Enregistrer ma relecture").click()
    page.get_by_text("Fiche confirmée.").wait_for()
    assert page.evaluate(SANS_DEFILEMENT)
    fiche.refresh_from_db()
    assert fiche.etat == EtatFiche.CONFIRMEE

    page.get_by_role("button", name="Menu").click()  # the phone's header menu
    page.get_by_role("link", name="Mes PFMP").click()
    page.get_by_role("link", name="Bilan et signature").click()
    assert page.evaluate(SANS_DEFILEMENT)
    page.fill("#nom-signature", "Jean Tuteur")
    page.get_by_role("button", name="Signer le bilan").click()
    page.get_by_text("porte sur ce bilan").wait_for()
    signature = stage.signatures.get(document=DocumentSigne.BILAN)
    assert signature.nom == "Jean Tuteur" and signature.signataire == o.tuteur.user
    page.screenshot(path=str(CAPTURES / "bilan.png"), full_page=True)
