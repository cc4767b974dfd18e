"""Tracking pages as a teacher uses them: scenarios, situations, the grid and its saves."""
import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpro_platform.etablissements.models import AnneeScolaire, Enseignement
from cpro_platform.suivi.grille import Saisie, courantes, enregistrer_grille
from cpro_platform.suivi.models import Evaluation, Scenario, Situation, TypeSituation
from tests import factories as f

from . import factories as sf
from . import fichiers as fx

pytestmark = pytest.mark.django_db


@pytest.fixture
def g():
    return sf.grille(2, 3)


@pytest.fixture
def prof(client, g):
    client.force_login(g.enseignant)
    return client


def texte(response) -> str:
    return html.unescape(response.content.decode())


def cle(g, a, c):
    return f"{g.apprenants[a].pk}-{g.criteres[c].pk}"


def test_mes_situations_lists_the_teachers_situations(prof, g):
    body = prof.get(reverse("suivi:mes_situations")).content.decode()
    assert g.situation.titre in body
    nav = prof.get(reverse("home")).content.decode()
    assert reverse("suivi:mes_situations") in nav


def test_create_scenario_then_situation_with_targeted_criteres(prof, g):
    classe = g.situation.classe
    r = prof.post(reverse("suivi:scenario_creer", args=[classe.pk]),
                  {"titre": "Cycle carrosserie", "description": "2nde → Tle"})
    scenario = Scenario.objects.get(titre="Cycle carrosserie")
    assert r.status_code == 302 and scenario.classe == classe and scenario.cree_par == g.enseignant
    form = prof.get(reverse("suivi:situation_creer", args=[scenario.pk])).content.decode()
    for critere in g.criteres:  # picker grouped by bloc → compétence, unit visible
        assert f'value="{critere.pk}"' in form
    assert g.criteres[0].competence.bloc.unite.code in form
    r = prof.post(reverse("suivi:situation_creer", args=[scenario.pk]), {
        "titre": "Redresser une aile", "ordre": 1, "niveau": "1re", "lieu": "centre",
        "type": "formative", "debut": "2026-10-05", "enseignants": [g.enseignant.pk],
        "criteres": [g.criteres[0].pk, g.criteres[2].pk]})
    situation = Situation.objects.get(titre="Redresser une aile")
    assert r.status_code == 302 and r["Location"] == situation.get_absolute_url()
    assert set(situation.criteres.all()) == {g.criteres[0], g.criteres[2]}


def test_certificative_situation_needs_an_epreuve_of_the_referential(prof, g):
    data = {"titre": "CCF", "ordre": 2, "lieu": "centre", "type": "certificative",
            "criteres": [g.criteres[0].pk]}
    url = reverse("suivi:situation_creer", args=[g.situation.scenario.pk])
    r = prof.post(url, data)
    assert r.status_code == 200 and "désigne son épreuve" in texte(r)
    autre = sf.epreuve(f.referentiel("AUTRE"))
    r = prof.post(url, {**data, "epreuve": autre.pk})
    assert r.status_code == 200 and not Situation.objects.filter(titre="CCF").exists()
    e2 = sf.epreuve(g.situation.scenario.referentiel)
    e2.competences.set([g.criteres[0].competence])   # its critères are the épreuve's
    assert prof.post(url, {**data, "epreuve": e2.pk}).status_code == 302
    assert Situation.objects.get(titre="CCF").type == TypeSituation.CERTIFICATIVE


def test_critere_of_another_referential_is_refused(prof, g):
    etranger = sf.criteres(f.referentiel("AUTRE"), 1)[0]
    r = prof.post(reverse("suivi:situation_modifier", args=[g.situation.pk]), {
        "titre": "TP", "ordre": 1, "lieu": "centre", "type": "formative",
        "criteres": [etranger.pk]})
    assert r.status_code == 200 and "n'appartient pas au référentiel" in texte(r)


def test_an_evaluated_critere_stays_targeted(prof, g):
    enregistrer_grille(g.situation, g.enseignant, [
        Saisie(g.apprenants[0].pk, g.criteres[0].pk, niveau=2)], {})
    r = prof.post(reverse("suivi:situation_modifier", args=[g.situation.pk]), {
        "titre": "TP", "ordre": 1, "lieu": "centre", "type": "formative",
        "criteres": [g.criteres[1].pk]})
    assert r.status_code == 200 and "restent visés" in texte(r)


def test_duplicate_scenario_to_next_year_class(prof, g):
    src = g.situation.scenario
    g.situation.debut = src.classe.annee.debut + datetime.timedelta(days=35)
    g.situation.save()
    suivante = AnneeScolaire.pour_date(src.classe.annee.fin + datetime.timedelta(days=1))
    cible = f.classe(src.classe.etablissement, "T MINI", annee=suivante)
    Enseignement.objects.create(classe=cible, enseignant=g.enseignant)
    r = prof.post(reverse("suivi:scenario_dupliquer", args=[src.pk]),
                  {"classe": cible.pk, "titre": "Copie"})
    copie = Scenario.objects.get(titre="Copie")
    assert r.status_code == 302 and copie.classe == cible and copie.origine == src
    [sit] = copie.situations.all()
    assert set(sit.criteres.all()) == set(g.criteres)
    assert sit.debut == suivante.debut + datetime.timedelta(days=35)  # moved by one year
    assert list(sit.enseignants.all()) == [g.enseignant]
    assert not Evaluation.objects.filter(situation=sit).exists()


def test_duplicate_refuses_a_class_the_user_does_not_design_for(prof, g):
    e = g.situation.classe.etablissement
    ailleurs = f.classe(e, "Classe d'un collègue")
    r = prof.post(reverse("suivi:scenario_dupliquer", args=[g.situation.scenario.pk]),
                  {"classe": ailleurs.pk, "titre": "Copie"})
    assert r.status_code == 200 and not Scenario.objects.filter(titre="Copie").exists()


def test_grid_page_is_a_table_with_headers_and_inputs(prof, g):
    enregistrer_grille(g.situation, g.enseignant, [
        Saisie(g.apprenants[0].pk, g.criteres[1].pk, niveau=4)], {})
    body = prof.get(g.situation.get_absolute_url()).content.decode()
    assert "<table" in body and 'scope="row"' in body and 'scope="col"' in body
    assert f'name="c-{cle(g, 0, 1)}" value="4"' in body
    assert f'id="v-{cle(g, 0, 1)}" name="v-{cle(g, 0, 1)}" value="1"' in body
    assert 'aria-live="polite"' in body and "suivi/grille.js" in body
    assert "suivi/htmx.min.js" not in body  # grille.js posts and applies its JSON answers itself


def test_grid_page_query_count_does_not_grow(client):
    petite, grande = sf.grille(2, 2), sf.grille(12, 10)
    for grid in (petite, grande):
        enregistrer_grille(grid.situation, grid.enseignant, [
            Saisie(a.pk, c.pk, niveau=3) for a in grid.apprenants for c in grid.criteres], {})
    counts = []
    for grid in (petite, grande):
        client.force_login(grid.enseignant)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(grid.situation.get_absolute_url()).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_htmx_autosave_returns_new_versions_and_saved_state(prof, g):
    url = reverse("suivi:grille_enregistrer", args=[g.situation.pk])
    r = prof.post(url, {f"c-{cle(g, 0, 0)}": "3", f"v-{cle(g, 0, 0)}": "0",
                        f"c-{cle(g, 1, 2)}": "ABS", f"v-{cle(g, 1, 2)}": "0"},
                  HTTP_HX_REQUEST="true")
    body = texte(r)
    assert r.status_code == 200 and "Enregistré à" in body
    assert f'id="v-{cle(g, 0, 0)}"' in body and 'value="1" hx-swap-oob="true"' in body
    assert {e.code for e in courantes(g.situation).values()} == {"3", "ABS"}


def test_htmx_conflict_shows_the_other_value_author_and_time(prof, g, client):
    collegue = f.enseignant(g.situation.classe.etablissement, g.situation.classe)
    collegue.first_name, collegue.last_name = "Camille", "Martin"
    collegue.save()
    enregistrer_grille(g.situation, collegue, [
        Saisie(g.apprenants[0].pk, g.criteres[0].pk, niveau=4)], {})
    r = prof.post(reverse("suivi:grille_enregistrer", args=[g.situation.pk]),
                  {f"c-{cle(g, 0, 0)}": "1", f"v-{cle(g, 0, 0)}": "0"}, HTTP_HX_REQUEST="true")
    body = texte(r)
    assert r.status_code == 409
    assert "Camille Martin" in body and "« 4 »" in body and "« 1 »" in body
    assert "Garder ma valeur" in body and "Garder la sienne" in body
    assert courantes(g.situation)[(g.apprenants[0].pk, g.criteres[0].pk)].niveau == 4


def test_bad_value_is_refused_with_a_french_message_and_nothing_saved(prof, g):
    r = prof.post(reverse("suivi:grille_enregistrer", args=[g.situation.pk]),
                  {f"c-{cle(g, 0, 0)}": "3", f"c-{cle(g, 0, 1)}": "9"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 422 and "n'est pas sur l'échelle" in texte(r)
    assert not Evaluation.objects.exists()


def test_whole_grid_post_without_javascript(prof, g):
    data = {f"c-{cle(g, a, c)}": "" for a in range(2) for c in range(3)}
    data[f"c-{cle(g, 1, 1)}"] = "2"
    r = prof.post(reverse("suivi:grille_enregistrer", args=[g.situation.pk]), data)
    assert r.status_code == 302
    assert [e.code for e in courantes(g.situation).values()] == ["2"]
    page = prof.get(g.situation.get_absolute_url()).content.decode()
    assert "1 case(s) modifiée(s)" in page


def test_cell_detail_saves_comment_and_evidence_and_shows_history(prof, g):
    url = reverse("suivi:cellule", args=[g.situation.pk, g.apprenants[0].pk, g.criteres[0].pk])
    photo = fx.fichier("aile.jpg", fx.AUTORISES["image/jpeg"][0], "image/jpeg")
    r = prof.post(url, {"code": "3", "commentaire": "Bon geste", "version": 0, "preuve": photo})
    assert r.status_code == 302
    e = courantes(g.situation)[(g.apprenants[0].pk, g.criteres[0].pk)]
    assert (e.niveau, e.commentaire) == (3, "Bon geste") and e.preuve
    # the grid's level-only entry keeps the comment
    enregistrer_grille(g.situation, g.enseignant, [
        Saisie(g.apprenants[0].pk, g.criteres[0].pk, niveau=4)],
        {(g.apprenants[0].pk, g.criteres[0].pk): 1})
    body = prof.get(url).content.decode()
    assert "Bon geste" in body and "actuelle" in body
    assert prof.get(reverse("suivi:preuve", args=[e.pk])).status_code == 200


def test_cell_detail_stale_version_is_a_conflict(prof, g):
    url = reverse("suivi:cellule", args=[g.situation.pk, g.apprenants[0].pk, g.criteres[0].pk])
    enregistrer_grille(g.situation, g.enseignant, [
        Saisie(g.apprenants[0].pk, g.criteres[0].pk, niveau=2)], {})
    r = prof.post(url, {"code": "3", "commentaire": "", "version": 0})
    assert r.status_code == 200 and "pendant votre saisie" in texte(r)
    assert 'name="version" value="1"' in texte(r)
