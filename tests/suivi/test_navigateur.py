"""In a browser: a teacher creates a situation, fills part of its grid with the keyboard,
and after a reload the values are there."""
import json

import pytest

from cpro_platform.suivi.grille import courantes
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

    # Delete on a saved evaluation records NE: an evaluation is never erased (the bilans'
    # grid, sharing grille.js, empties the cell instead through data-suppr="efface").
    b.taper(page, premier, c1, "Delete")
    b.attendre_enregistrement(page)
    assert b.case(page, premier, c1).input_value() == "NE"


OCCUPEE = "La base de données est occupée, réessayez dans un instant."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_entry_that_is_not_saved_stays_and_is_retried_on_demand(live_server, browser_page):
    """503 (busy database) or no answer at all: the typed value stays in its cell, the status
    says it is not saved, and it goes again with the next entry, Enter or "Réessayer" —
    never in a loop on its own."""
    g = sf.grille(apprenants=1, nb_criteres=3)
    apprenant, (c0, c1, c2) = g.apprenants[0], g.criteres
    page = browser_page
    b.connexion(page, live_server.url, g.enseignant.username)
    page.goto(live_server.url + g.situation.get_absolute_url())
    etat = page.locator("#etat-sauvegarde")
    bouton = page.get_by_role("button", name="Réessayer l’enregistrement")
    envois = []

    def occupee(route):
        envois.append(route.request.post_data)
        route.fulfill(status=503, body=OCCUPEE, headers={"HX-Reswap": "none"},
                      content_type="text/plain; charset=utf-8")

    def coupee(route):
        envois.append(route.request.post_data)
        route.abort()

    def valeurs():
        return {e.critere_id: e.code for e in courantes(g.situation).values()}

    # The database is busy: the 3 stays, marked, and the status says so.
    page.route("**/grille/", occupee)
    b.taper(page, apprenant, c0, "3")
    bouton.wait_for()
    assert "Non enregistré : la base de données est occupée" in etat.inner_text()
    assert b.case(page, apprenant, c0).input_value() == "3"
    assert b.case(page, apprenant, c0).get_attribute("aria-invalid") == "true"
    page.wait_for_timeout(1500)
    assert len(envois) == 1 and valeurs() == {}   # no retry loop, nothing saved

    # The next entry sends both, and the connection is down: still nothing lost.
    page.unroute("**/grille/")
    page.route("**/grille/", coupee)
    b.taper(page, apprenant, c1, "2")
    page.wait_for_function("() => document.getElementById('etat-sauvegarde').textContent"
                           ".includes('le serveur n’a pas répondu')")
    envoyees = {(c["ligne"], c["colonne"]): c["code"] for c in json.loads(envois[-1])["cases"]}
    assert envoyees == {(apprenant.pk, c0.pk): "3", (apprenant.pk, c1.pk): "2"}
    assert b.valeurs_de_la_ligne(page, apprenant, g.criteres) == ["3", "2", ""]

    # Back online: Enter in a cell sends them.
    page.unroute("**/grille/")
    b.taper(page, apprenant, c1, "Enter")
    b.attendre_enregistrement(page)
    assert valeurs() == {c0.pk: "3", c1.pk: "2"} and bouton.is_hidden()

    # Busy again, then the button sends the entry and gives the focus back to the grid.
    page.route("**/grille/", occupee)
    b.taper(page, apprenant, c2, "4")
    bouton.wait_for()
    page.unroute("**/grille/")
    bouton.click()
    b.attendre_enregistrement(page)
    assert valeurs() == {c0.pk: "3", c1.pk: "2", c2.pk: "4"} and bouton.is_hidden()
    assert page.evaluate("document.activeElement.name") == f"c-{apprenant.pk}-{c2.pk}"
