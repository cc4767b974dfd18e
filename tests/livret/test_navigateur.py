"""In a browser: a teacher creates a situation, fills part of its grid with the keyboard, and
the learner's livret shows the levels at once, to the teacher and to the learner."""
import pytest
from django.urls import reverse

from tests import factories as f
from tests.livret.factories import parcours
from tests.suivi.browser_helpers import (
    attendre_enregistrement, connexion, creer_situation, taper)

TITRE = "TP redressage au navigateur"


def cellules_du_livret(page, critere) -> list[str]:
    """The non-empty cells of the critère's row in the livret table."""
    ligne = page.locator("tr.cpro-livret__ligne", has_text=critere.code)
    return [t.strip() for t in ligne.locator("td[title]").all_inner_texts()]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_levels_entered_in_the_grid_show_in_the_livret(live_server, browser_page):
    p = parcours(apprenants=2, nb_criteres=3)
    eleve = p.apprenants[0]
    c0, c1, _c2 = p.criteres
    page, base = browser_page, live_server.url
    connexion(page, base, p.enseignant.username)
    creer_situation(page, base, p.scenario, TITRE, [c0, c1], debut=f.jours(-1))

    # Keyboard entry: a digit saves the cell and moves to the next one.
    taper(page, eleve, c0, "3", "2")
    attendre_enregistrement(page)

    page.goto(base + reverse("livret:livret", args=[eleve.pk]))
    page.get_by_role("columnheader", name=TITRE).wait_for()
    assert cellules_du_livret(page, c0) == ["3"]
    assert cellules_du_livret(page, c1) == ["2"]

    page.get_by_role("button", name="Se déconnecter").click()
    connexion(page, base, eleve.user.username)
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Mon livret").click()
    page.get_by_role("heading", name=f"Livret de suivi — {eleve.nom_complet}").wait_for()
    assert cellules_du_livret(page, c0) == ["3"]
    assert cellules_du_livret(page, c1) == ["2"]
