"""In a browser: a teacher creates a situation, fills part of its grid with the keyboard,
and after a reload the values are there."""
import pytest

from tests import factories as f

from . import browser_helpers as b
from . import factories as sf


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_teacher_fills_a_grid_with_the_keyboard(live_server, browser_page):
    g = sf.grille(apprenants=3, nb_criteres=3)
    premier, deuxieme, troisieme = sorted(g.apprenants, key=lambda a: (a.nom, a.prenom))
    c0, c1, c2 = g.criteres
    page = browser_page
    b.connexion(page, live_server.url, g.enseignant.username)
    b.creer_situation(page, live_server.url, g.situation.scenario, "TP peinture", g.criteres,
                      debut=f.jours(0))

    # 3 then 2 (a digit saves and moves right), A for absent; then on the next row,
    # a 4 filled down the column with C.
    b.taper(page, premier, c0, "3", "2", "a")
    b.taper(page, deuxieme, c1, "4", "ArrowLeft", "c")
    b.attendre_enregistrement(page)
    assert "Enregistré à" in page.locator("#etat-sauvegarde").inner_text()

    page.reload()
    assert b.valeurs_de_la_ligne(page, premier, g.criteres) == ["3", "2", "ABS"]
    assert b.valeurs_de_la_ligne(page, deuxieme, g.criteres) == ["", "4", ""]
    assert b.valeurs_de_la_ligne(page, troisieme, g.criteres) == ["", "4", ""]
