"""In a browser, over real HTTP: a 40 × 40 grid filled at once saves in one JSON post (as a
form it was 3,201 fields, refused by Django), and a refused save leaves what was typed in the
cells, never the saved values."""
import json

import pytest

from cpro_platform.etablissements.models import Inscription
from cpro_platform.suivi.grille import courantes
from tests import factories as f

from . import browser_helpers as b
from . import factories as sf


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_40_by_40_grid_saves_in_one_json_post_and_a_refusal_keeps_what_was_typed(
        live_server, browser_page):
    g = sf.grille(apprenants=40, nb_criteres=40)
    page = browser_page
    envois = []
    page.on("request", lambda requete: envois.append(requete)
            if requete.method == "POST" and requete.url.endswith("/grille/") else None)
    b.connexion(page, live_server.url, g.enseignant.username)
    page.goto(live_server.url + g.situation.get_absolute_url())
    etat = page.locator("#etat-sauvegarde")

    # Every column's "Remplir" button at once: 1,600 cells changed, sent as one batch.
    page.select_option("#valeur-remplissage", "3")
    page.evaluate("document.querySelectorAll('button.cpro-remplir[data-colonne]')"
                  ".forEach((bouton) => bouton.click())")
    b.attendre_enregistrement(page)
    assert "(1600 cases modifiées)" in etat.inner_text()
    [envoi] = envois
    assert envoi.headers["content-type"] == "application/json"
    assert len(json.loads(envoi.post_data)["cases"]) == 1600
    valeurs = courantes(g.situation)
    assert len(valeurs) == 1600 and {e.code for e in valeurs.values()} == {"3"}

    # The first learner left the class meanwhile: the server refuses (422) what is typed in
    # their row; the cells keep the typed 1 and 2, marked, the status says why.
    a = g.apprenants[0]
    Inscription.objects.filter(apprenant=a).update(debut=f.jours(-30), fin=f.jours(-1))
    b.taper(page, a, g.criteres[0], "1", "2")
    page.wait_for_function("() => document.getElementById('etat-sauvegarde').classList"
                           ".contains('cpro-etat--erreur') && !document.querySelector("
                           "'.cpro-case--attente')")
    assert "Saisie refusée, rien n’a été enregistré" in etat.inner_text()
    assert f"Vous ne pouvez pas évaluer l'apprenant n° {a.pk}" in etat.inner_text()
    assert b.valeurs_de_la_ligne(page, a, g.criteres[:3]) == ["1", "2", "3"]
    assert b.case(page, a, g.criteres[0]).get_attribute("aria-invalid") == "true"
    assert {e.code for e in courantes(g.situation).values()} == {"3"}
