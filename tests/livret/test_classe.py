"""A class at a glance (heatmap, coverage) and the teacher's home."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from tests.livret.factories import noter, parcours
from tests.suivi import factories as sf

pytestmark = pytest.mark.django_db


def test_heatmap_shows_each_learners_level_per_competence(client):
    p = parcours(apprenants=3)
    a, b, _c = p.apprenants
    noter(p.situation("TP", f.jours(-3)), p.enseignant,
          {(a, p.criteres[0]): "4", (a, p.criteres[1]): "4", (b, p.criteres[0]): "1"})
    client.force_login(p.enseignant)
    body = client.get(reverse("livret:classe", args=[p.classe.pk])).content.decode()
    assert p.criteres[0].competence.code in body and p.criteres[2].competence.code in body
    row_a = body[body.index(a.nom):].split("</tr>")[0]
    row_b = body[body.index(b.nom):].split("</tr>")[0]
    assert '<td class="cpro-niv-4">4</td>' in row_a
    assert '<td class="cpro-niv-1">1</td>' in row_b


def test_coverage_lists_criteres_never_or_rarely_evaluated(client):
    p = parcours(apprenants=4)
    c0, c1, c2, c3 = p.criteres
    everyone = {(x, c0): "3" for x in p.apprenants}
    noter(p.situation("TP 1", f.jours(-9)), p.enseignant, {**everyone, (p.apprenants[0], c1): "2"})
    noter(p.situation("TP 2", f.jours(-2)), p.enseignant, everyone)
    client.force_login(p.enseignant)
    vue = client.get(reverse("livret:classe", args=[p.classe.pk])).context["vue"]
    etats = {c.critere: ("jamais" if c.jamais else "rarement") for c in vue.a_couvrir}
    assert etats == {c1: "rarement", c2: "jamais", c3: "jamais"}
    assert vue.a_couvrir[0].jamais   # never evaluated comes first


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_class_view_and_home_queries_do_not_grow(client):
    p = parcours(apprenants=2)
    noter(p.situation("TP", f.jours(-3)), p.enseignant, {(p.apprenants[0], p.criteres[0]): "2"})
    client.force_login(p.enseignant)
    urls = [reverse("livret:classe", args=[p.classe.pk]), reverse("home")]
    small = [_queries(client, u) for u in urls]
    p.criteres += sf.criteres(p.classe.referentiel, 6)
    p.apprenants += [f.apprenant(p.etablissement, p.classe) for _ in range(5)]
    for i in range(6):
        noter(p.situation(f"TP {i}", f.jours(-20 + i)), p.enseignant,
              {(a, c): str(1 + (i + j) % 4) for a in p.apprenants
               for j, c in enumerate(p.criteres)})
    assert [_queries(client, u) for u in urls] == small
    assert small[0] <= 15


def test_teacher_home_lists_classes_situations_and_grids_to_fill(client):
    p = parcours(apprenants=2)
    a, b = p.apprenants
    pleine = p.situation("TP complet", f.jours(-4), criteres=p.criteres[:1])
    noter(pleine, p.enseignant, {(a, p.criteres[0]): "3", (b, p.criteres[0]): "ABS"})
    p.situation("TP à moitié", f.jours(-2))
    p.situation("PFMP prochaine", f.jours(10))
    client.force_login(p.enseignant)
    body = client.get(reverse("home")).content.decode()
    assert p.classe.nom in body and reverse("livret:classe", args=[p.classe.pk]) in body
    a_remplir = body[body.index("Grilles à compléter"):body.index("Situations récentes")]
    assert "TP à moitié" in a_remplir and "0 case(s) remplie(s) sur 8" in a_remplir
    assert "TP complet" not in a_remplir
    assert "PFMP prochaine" in body[body.index("Situations à venir"):]


def test_anonymous_and_learners_keep_the_generic_home(client):
    p = parcours()
    assert "Référentiels installés" in client.get(reverse("home")).content.decode()
    client.force_login(p.apprenants[0].user)
    assert "Référentiels installés" in client.get(reverse("home")).content.decode()
