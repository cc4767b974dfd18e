"""The evaluation grid saves its changed cells from one JSON body, whatever the grid's size:
a 40 × 40 grid in one post; a body that is not what the grid speaks, a foreign cell or more
cells than the grid has are refused with a French message and nothing written; a stale
version is a conflict as before; a whole grid posted without JavaScript past Django's field
limit gets a French page, not a bare 400."""
import html
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpro_platform.suivi.envoi import corps_json
from cpro_platform.suivi.grille import Saisie, courantes, enregistrer_grille
from cpro_platform.suivi.models import Evaluation
from tests import factories as f

from . import factories as sf

pytestmark = pytest.mark.django_db


def envoyer(client, situation, corps: bytes | str, **entetes):
    """POST a body as grille.js does."""
    return client.post(reverse("suivi:grille_enregistrer", args=[situation.pk]), corps,
                        content_type="application/json", **entetes)


def texte(reponse) -> str:
    return html.unescape(" ".join(reponse.content.decode().split()))


def toute_la_grille(g, code="3") -> dict:
    return {(a.pk, c.pk): code for a in g.apprenants for c in g.criteres}


def test_a_40_by_40_grid_saves_in_one_json_post(client):
    g = sf.grille(apprenants=40, nb_criteres=40)
    client.force_login(g.enseignant)
    r = envoyer(client, g.situation, corps_json(toute_la_grille(g)), HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    assert "(1600 cases modifiées)" in texte(r)
    # every cell's new version comes back for the page's hidden inputs
    assert texte(r).count('value="1" hx-swap-oob="true"') == 1600
    valeurs = courantes(g.situation)
    assert len(valeurs) == 1600 and {e.code for e in valeurs.values()} == {"3"}


def test_the_json_save_answers_the_fragment_and_runs_a_constant_number_of_queries(client):
    comptes = []
    for apprenants, nb_criteres in ((2, 2), (30, 20)):
        g = sf.grille(apprenants=apprenants, nb_criteres=nb_criteres)
        client.force_login(g.enseignant)
        with CaptureQueriesContext(connection) as requetes:
            r = envoyer(client, g.situation, corps_json(toute_la_grille(g)))
        assert r.status_code == 200 and "Enregistré à" in texte(r)   # no HX-Request needed
        comptes.append(len(requetes.captured_queries))
    assert comptes[0] == comptes[1]


def test_a_stale_version_is_a_conflict_and_nothing_is_saved(client):
    g = sf.grille(apprenants=2, nb_criteres=2)
    a, b = g.apprenants
    c = g.criteres[0]
    collegue = f.enseignant(g.situation.classe.etablissement, g.situation.classe)
    collegue.first_name, collegue.last_name = "Camille", "Martin"
    collegue.save()
    enregistrer_grille(g.situation, collegue, [Saisie(a.pk, c.pk, niveau=4)], {})
    client.force_login(g.enseignant)
    r = envoyer(client, g.situation, corps_json({(a.pk, c.pk): "1", (b.pk, c.pk): "2"}))
    assert r.status_code == 409
    assert "Camille Martin a enregistré « 4 »" in texte(r) and "Garder la sienne (4)" in texte(r)
    assert {k: e.code for k, e in courantes(g.situation).items()} == {(a.pk, c.pk): "4"}
    # read at the colleague's version: kept
    r = envoyer(client, g.situation, corps_json({(a.pk, c.pk): "1"}, {(a.pk, c.pk): 1}))
    assert r.status_code == 200
    assert courantes(g.situation)[a.pk, c.pk].code == "1"


def _cases(g) -> list[dict]:
    a, c = g.apprenants[0], g.criteres[0]
    return [{"ligne": a.pk, "colonne": c.pk, "code": "3", "version": 0}]


@pytest.mark.parametrize("corps,message", [
    ("{cases: [", "Le contenu envoyé n’est pas du JSON valide."),
    (b"\xff\xfe", "Le contenu envoyé n’est pas du JSON valide."),
    ('[{"ligne": 1}]', "doit être un objet avec une liste « cases »"),
    ('{"cases": {"1-2": "3"}}', "doit être un objet avec une liste « cases »"),
    (lambda cases: [*cases, ["1", "2", "3", 0]], "Case n° 2 : un objet avec exactement"),
    (lambda cases: [{**cases[0], "version": "0"}], "Case n° 1 : « version » doit être un entier"),
    (lambda cases: [{**cases[0], "ligne": True}], "Case n° 1 : « ligne » doit être un entier"),
    (lambda cases: [{**cases[0], "version": -1}], "Case n° 1 : « version » doit être un entier"),
    (lambda cases: [{**cases[0], "code": 3}], "Case n° 1 : « code » doit être un texte"),
    (lambda cases: [{**cases[0], "auteur": 1}], "Case n° 1 : un objet avec exactement"),
    (lambda cases: [cases[0], {**cases[0], "code": "2"}], "est envoyée deux fois"),
])
def test_a_body_the_grid_does_not_speak_is_refused_with_a_400(client, corps, message):
    g = sf.grille(apprenants=2, nb_criteres=2)
    if callable(corps):
        corps = json.dumps({"cases": corps(_cases(g))})
    client.force_login(g.enseignant)
    r = envoyer(client, g.situation, corps)
    assert r.status_code == 400
    assert "Saisie refusée, rien n’a été enregistré" in texte(r) and message in texte(r)
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("etrangere,message", [
    ("apprenant", "n'est pas inscrit dans la classe de cette situation"),
    ("critere", "n'est pas visé par cette situation"),
])
def test_a_foreign_cell_refuses_the_batch_and_nothing_is_written(client, etrangere, message):
    g = sf.grille(apprenants=2, nb_criteres=2)
    ailleurs = sf.grille(apprenants=1, nb_criteres=1)
    a = ailleurs.apprenants[0] if etrangere == "apprenant" else g.apprenants[1]
    c = ailleurs.criteres[0] if etrangere == "critere" else g.criteres[1]
    client.force_login(g.enseignant)
    r = envoyer(client, g.situation, corps_json({
        (g.apprenants[0].pk, g.criteres[0].pk): "3", (a.pk, c.pk): "2"}))
    assert r.status_code == 422
    assert "Saisie refusée, rien n’a été enregistré" in texte(r) and message in texte(r)
    assert not Evaluation.objects.exists()


def test_more_cells_than_the_grid_has_are_refused_before_anything_is_read(client):
    g = sf.grille(apprenants=2, nb_criteres=2)
    codes = toute_la_grille(g) | {(g.apprenants[0].pk, 10**9): "3"}
    client.force_login(g.enseignant)
    r = envoyer(client, g.situation, corps_json(codes))
    assert r.status_code == 422
    assert "5 cases envoyées, mais la grille n’en compte que 4" in texte(r)
    assert not Evaluation.objects.exists()


def test_a_whole_grid_posted_without_javascript_past_the_field_limit_says_why(client):
    """30 × 20 cells are 1,200 fields with their versions: Django refuses them before the
    view (DATA_UPLOAD_MAX_NUMBER_FIELDS); the teacher reads why and what to do."""
    g = sf.grille(apprenants=30, nb_criteres=20)
    donnees = {}
    for (a, c), code in toute_la_grille(g).items():
        donnees[f"c-{a}-{c}"], donnees[f"v-{a}-{c}"] = code, "0"
    client.force_login(g.enseignant)
    r = client.post(reverse("suivi:grille_enregistrer", args=[g.situation.pk]), donnees)
    assert r.status_code == 400
    assert "Le formulaire envoyé contient trop de champs (plus de 1000)" in texte(r)
    assert "Activez JavaScript" in texte(r)
    assert not Evaluation.objects.exists()


def test_a_small_grid_still_saves_without_javascript(client):
    g = sf.grille(apprenants=2, nb_criteres=2)
    a, c = g.apprenants[0], g.criteres[0]
    client.force_login(g.enseignant)
    r = client.post(reverse("suivi:grille_enregistrer", args=[g.situation.pk]),
                    {f"c-{a.pk}-{c.pk}": "2", f"v-{a.pk}-{c.pk}": "0"}, follow=True)
    assert r.status_code == 200 and "Grille enregistrée (1 case(s) modifiée(s))." in texte(r)
    assert courantes(g.situation)[a.pk, c.pk].code == "2"


def test_a_refused_plain_post_shows_what_was_typed_not_what_was_saved(client):
    """Without JavaScript a refused grid comes back with the typed values and the versions
    they were typed on, so that correcting one cell loses none of the others."""
    g = sf.grille(apprenants=2, nb_criteres=2)
    a, (c0, c1) = g.apprenants[0], g.criteres
    enregistrer_grille(g.situation, g.enseignant, [Saisie(a.pk, c0.pk, niveau=3)], {})
    client.force_login(g.enseignant)
    r = client.post(reverse("suivi:grille_enregistrer", args=[g.situation.pk]), {
        f"c-{a.pk}-{c0.pk}": "2", f"v-{a.pk}-{c0.pk}": "1",
        f"c-{a.pk}-{c1.pk}": "9", f"v-{a.pk}-{c1.pk}": "0"})
    assert r.status_code == 422
    assert "le niveau « 9 » n'est pas sur l'échelle du référentiel" in texte(r)
    assert f'name="c-{a.pk}-{c0.pk}" value="2"' in texte(r)
    assert f'name="c-{a.pk}-{c1.pk}" value="9"' in texte(r)
    assert f'name="v-{a.pk}-{c0.pk}" value="1"' in texte(r)
    assert courantes(g.situation)[a.pk, c0.pk].code == "3"
