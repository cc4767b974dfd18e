"""Keyboard entry of a sous-épreuve's grids across the class: a learner's grid is created on
their first degree, marks follow the degrees; a colleague's change is a conflict; a signed
grid, a learner with a status, a degree off the scale refuse the batch and write nothing; the
page's query count does not grow with the class."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpro_platform.certification.models import DegreGrille, GrilleCCF, StatutCandidat

from . import factories as cf

pytestmark = pytest.mark.django_db


def _url(s, nom="certification:saisie_grilles"):
    return reverse(nom, args=[s.session.pk, s.epreuve.pk])


def _cellules(s, valeurs: dict, versions: dict | None = None) -> dict:
    """``{(apprenant, compétence): code}`` as grille.js posts them."""
    post = {}
    for (a, c), code in valeurs.items():
        post[f"c-{a.pk}-{c.pk}"] = code
        post[f"v-{a.pk}-{c.pk}"] = str((versions or {}).get((a, c), 0))
    return post


def test_first_degrees_create_the_grid_and_its_mark(client):
    s = cf.session(apprenants=2, nb_competences=2, poids=[50, 50])
    a, (c1, c2) = s.apprenants[0], s.competences
    client.force_login(s.enseignant)
    reponse = client.post(_url(s), _cellules(s, {(a, c1): "4", (a, c2): "2"}),
                          HTTP_HX_REQUEST="true")
    assert reponse.status_code == 200
    body = reponse.content.decode()
    assert "Enregistré à" in body and "(2 degrés modifiés)" in body
    assert f'id="v-{a.pk}-{c1.pk}" name="v-{a.pk}-{c1.pk}" value="1"' in body
    g = GrilleCCF.objects.get()
    assert g.apprenant == a and g.structure["lignes"][0]["competence"] == c1.code
    assert g.note_calculee == Decimal("13.33")      # 20 × (50 × 1 + 50 × 1/3) ÷ 100
    # Clearing a cell: the mark follows.
    client.post(_url(s), _cellules(s, {(a, c2): ""}, {(a, c2): 1}), HTTP_HX_REQUEST="true")
    g.refresh_from_db()
    assert g.note_calculee == Decimal("20.00") and g.degres.get(competence=c2).degre is None


def test_a_colleagues_change_is_a_conflict_and_nothing_is_saved(client):
    s = cf.session(apprenants=1, nb_competences=2)
    a, (c1, c2) = s.apprenants[0], s.competences
    client.force_login(s.enseignant)
    client.post(_url(s), _cellules(s, {(a, c1): "3"}), HTTP_HX_REQUEST="true")
    reponse = client.post(_url(s), _cellules(s, {(a, c1): "1", (a, c2): "2"}),
                          HTTP_HX_REQUEST="true")   # read before the colleague's 3
    assert reponse.status_code == 409
    body = reponse.content.decode()
    assert "un collègue a enregistré « 3 » pendant votre saisie de « 1 »" in body
    assert list(DegreGrille.objects.values_list("degre", flat=True)) == [3]


@pytest.mark.parametrize("cas,message", [
    ("signee", "Cette grille est signée"),
    ("dispense", "Pas de grille pour un candidat absent, dispensé"),
    ("hors_echelle", "« 7 » n’est pas un degré de maîtrise de la grille (1, 2, 3, 4)"),
    # "²" is a key of French keyboards and a digit for str.isdigit(), not for int()
    ("exposant", "« ² » n’est pas un degré de maîtrise de la grille (1, 2, 3, 4)"),
    ("etranger", "n’appartiennent à aucun candidat"),
])
def test_refused_batches_write_nothing(client, cas, message):
    s = cf.session(apprenants=2, nb_competences=1)
    a, b, c = *s.apprenants, s.competences[0]
    if cas == "signee":
        cf.signee(s, b)
    if cas == "dispense":
        cf.statut(s, b, StatutCandidat.DISPENSE)
    cible = cf.session(apprenants=1).apprenants[0] if cas == "etranger" else b
    code = {"hors_echelle": "7", "exposant": "²"}.get(cas, "2")
    client.force_login(s.enseignant)
    avant = list(DegreGrille.objects.values_list("pk", "degre"))
    reponse = client.post(_url(s), {**_cellules(s, {(a, c): "4"}),
                                    f"c-{cible.pk}-{c.pk}": code, f"v-{cible.pk}-{c.pk}": "1"},
                          HTTP_HX_REQUEST="true")
    assert reponse.status_code == 422
    body = reponse.content.decode()
    assert "rien n’a été enregistré" in body and message in body
    if cas == "signee":
        assert b.nom_complet in body
    assert list(DegreGrille.objects.values_list("pk", "degre")) == avant
    assert not GrilleCCF.objects.filter(apprenant=a).exists()


def test_the_page_shows_statuses_signed_rows_read_only_and_no_input_for_a_reader(client):
    s = cf.session(apprenants=3, nb_competences=1)
    a, b, c = sorted(s.apprenants, key=lambda x: (x.nom, x.prenom, x.pk))
    cf.signee(s, a)
    cf.statut(s, b, StatutCandidat.ABSENT)
    client.force_login(s.enseignant)
    body = client.get(_url(s, "certification:grilles_epreuve")).content.decode()
    comp = s.competences[0]
    assert f'name="c-{c.pk}-{comp.pk}"' in body                 # to fill
    assert f'name="c-{a.pk}-{comp.pk}"' not in body             # signed: read-only
    assert f'name="c-{b.pk}-{comp.pk}"' not in body and "ABS" in body
    assert "suivi/grille.js" in body


def _requetes(client, s) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(_url(s, "certification:grilles_epreuve")).status_code == 200
    return len(ctx)


def test_entry_page_query_count_is_constant_in_class_size(client):
    petite = cf.session(apprenants=2, nb_competences=3)
    grande = cf.session(apprenants=12, nb_competences=3)
    for s in (petite, grande):
        cf.signee(s, s.apprenants[0])
        cf.remplir(s, cf.grille(s, s.apprenants[1]), [2, None, 4])
        cf.statut(s, s.apprenants[-1], StatutCandidat.DISPENSE)
    client.force_login(petite.enseignant)
    n_petite = _requetes(client, petite)
    client.force_login(grande.enseignant)
    n_grande = _requetes(client, grande)
    assert n_petite == n_grande <= 40, (n_petite, n_grande)
