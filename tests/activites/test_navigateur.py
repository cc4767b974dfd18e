"""On a phone (375 × 667), a learner declares what they did: date, vehicle, text, a RAP
activity (its compétence ticks itself), a photo — with no horizontal scroll."""
import pytest

from cpro_platform.activites.models import FicheActivite
from tests import factories as f
from tests.pfmp_tuteur.test_navigateur import CAPTURES, SANS_DEFILEMENT, telephone  # noqa: F401
from tests.suivi import browser_helpers as b

from . import aides


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_learner_declares_a_sheet_with_a_photo_on_a_phone(live_server, telephone, tmp_path):
    o = f.monde("A")
    stage = aides.stage(o)
    rap = aides.rap(o.classe.referentiel)
    activite, competence = rap.activites[0], rap.activites[0].competences.get()
    photo = tmp_path / "aile.png"
    photo.write_bytes(aides.png(40))
    page = telephone
    CAPTURES.mkdir(parents=True, exist_ok=True)

    b.connexion(page, live_server.url, o.apprenant.user.username)
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Mes fiches d’activité").click()
    page.get_by_role("link", name="Déclarer une activité").click()
    page.fill("input[name=vehicule]", "Clio IV, aile avant")
    page.fill("textarea[name=description]", "Redressage de l'aile avant droite")
    page.locator(f"label[for='activite-{activite.pk}']").click()
    assert page.locator(f"#competences-{competence.pk}").is_checked()
    page.set_input_files("input[name=photos]", str(photo))
    assert page.evaluate(SANS_DEFILEMENT)
    page.screenshot(path=str(CAPTURES / "declarer.png"), full_page=True)
    page.get_by_role("button", name="Enregistrer la fiche").click()
    page.get_by_text("Fiche d'activité déclarée").wait_for()
    assert page.evaluate(SANS_DEFILEMENT)

    fiche = FicheActivite.objects.get()
    assert (fiche.stage, fiche.vehicule) == (stage, "Clio IV, aile avant")
    assert list(fiche.competences.all()) == [competence]
    assert page.get_by_role("link", name="aile.png").is_visible()
