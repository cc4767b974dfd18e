"""In a browser: a teacher creates a situation, fills part of its grid with the keyboard, and
the learner's livret shows the levels at once, to the teacher and to the learner."""
import pytest
from django.urls import reverse

from tests import factories as f
from tests.livret.factories import parcours

TITRE = "TP redressage au navigateur"


def connexion(page, base: str, username: str) -> None:
    page.goto(base + reverse("login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", f.PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


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
    page = browser_page
    connexion(page, live_server.url, p.enseignant.username)

    page.goto(live_server.url + reverse("suivi:scenario", args=[p.scenario.pk]))
    page.get_by_role("link", name="Ajouter une situation").click()
    page.get_by_label("Titre").first.fill(TITRE)
    page.fill("input[name=debut]", str(f.jours(-1)))
    page.click(f"label[for=critere-{c0.pk}]")  # the DSFR label covers the box
    page.click(f"label[for=critere-{c1.pk}]")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.get_by_role("heading", name=TITRE, level=1).wait_for()

    # Keyboard entry: a digit saves the cell and moves to the next one.
    page.locator(f"input[name='c-{eleve.pk}-{c0.pk}']").focus()
    page.keyboard.press("3")
    page.keyboard.press("2")
    page.get_by_text("Enregistré à").wait_for()

    page.goto(live_server.url + reverse("livret:livret", args=[eleve.pk]))
    page.get_by_role("columnheader", name=TITRE).wait_for()
    assert cellules_du_livret(page, c0) == ["3"]
    assert cellules_du_livret(page, c1) == ["2"]

    page.get_by_role("button", name="Se déconnecter").click()
    connexion(page, live_server.url, eleve.user.username)
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Mon livret").click()
    page.get_by_role("heading", name=f"Livret de suivi — {eleve.nom_complet}").wait_for()
    assert cellules_du_livret(page, c0) == ["3"]
    assert cellules_du_livret(page, c1) == ["2"]
