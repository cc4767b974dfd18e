"""The livret de suivi of one learner: columns, rows, cells, filters, progress, transfer, PDF."""
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from cpro_platform.suivi.models import Lieu, TypeSituation
from tests import factories as f
from tests.livret.factories import noter, parcours

pytestmark = pytest.mark.django_db


@pytest.fixture
def histoire():
    """Two learners, two compétences (C.1: critères 0-1, C.2: critères 2-3), three situations:
    school formative, company formative, school certificative (created out of order)."""
    p = parcours()
    a, b = p.apprenants
    c0, c1, c2, c3 = p.criteres
    s3 = p.situation("TP3 certif atelier", f.jours(-5), type=TypeSituation.CERTIFICATIVE)
    s1 = p.situation("TP1 redressage", f.jours(-40))
    s2 = p.situation("PFMP1 garage", f.jours(-20), lieu=Lieu.ENTREPRISE)
    noter(s1, p.enseignant, {(a, c0): "1", (a, c1): "2", (a, c2): "ABS", (b, c0): "4"})
    noter(s2, p.enseignant, {(a, c0): "3", (a, c1): "3"})
    noter(s3, p.enseignant, {(a, c0): "4", (a, c1): "3", (a, c2): "NE"})
    p.s1, p.s2, p.s3 = s1, s2, s3
    return p


def page(client, user, apprenant, **params):
    client.force_login(user)
    return client.get(reverse("livret:livret", args=[apprenant.pk]), params)


def test_one_column_per_situation_in_chronological_order(client, histoire):
    body = page(client, histoire.enseignant, histoire.apprenants[0]).content.decode()
    positions = [body.index(t) for t in ("TP1 redressage", "PFMP1 garage", "TP3 certif atelier")]
    assert positions == sorted(positions)


def test_cells_show_levels_with_school_and_company_told_apart(client, histoire):
    body = page(client, histoire.enseignant, histoire.apprenants[0]).content.decode()
    row = re.search(r'<tr class="cpro-livret__ligne">\s*<th[^>]*>.*?'
                    + re.escape(histoire.criteres[0].code) + r".*?</tr>", body, re.S)[0]
    cells = re.findall(r'<td class="(cpro-c--\w+)[^"]*"[^>]*>([^<]*)</td>', row)
    assert cells == [("cpro-c--centre", "1"), ("cpro-c--entreprise", "3"),
                     ("cpro-c--centre", "4")]
    assert "ABS" in body and "NE" in body
    assert "Entreprise" in body and "Centre" in body


def test_progress_and_transfer_are_visible(client, histoire):
    body = page(client, histoire.enseignant, histoire.apprenants[0]).content.decode()
    assert 'title="en progrès"' in body            # critère 0: 1 → 3 → 4
    # C.1 is mastered (≥ 3) in the company and at the certificative TP: it transfers.
    assert "transfert : maîtrisée dans 2 situations" in body
    assert "(centre et entreprise)" in body
    assert '<polyline' in body                      # sparkline of the compétence


def test_other_learners_values_do_not_leak(client, histoire):
    b = histoire.apprenants[1]
    body = page(client, histoire.enseignant, b).content.decode()
    assert "TP1 redressage" in body and "PFMP1 garage" not in body


@pytest.mark.parametrize("params,visibles,masquees", [
    ({"type": "certificative"}, ["TP3 certif atelier"], ["TP1 redressage", "PFMP1 garage"]),
    ({"lieu": "entreprise"}, ["PFMP1 garage"], ["TP1 redressage", "TP3 certif atelier"]),
    ({"du": "{-30}", "au": "{-10}"}, ["PFMP1 garage"], ["TP1 redressage", "TP3 certif atelier"]),
])
def test_filters_by_type_place_and_period(client, histoire, params, visibles, masquees):
    params = {k: str(f.jours(int(v[1:-1]))) if v.startswith("{") else v
              for k, v in params.items()}
    body = page(client, histoire.enseignant, histoire.apprenants[0], **params).content.decode()
    table = body[body.index('<table class="cpro-livret__table">'):]
    assert all(t in table for t in visibles)
    assert not any(t in table for t in masquees)
    assert "masquées par les filtres" in body


def test_filter_by_bloc_keeps_only_its_rows(client, histoire):
    from tests.suivi import factories as sf

    autre = sf.criteres(histoire.classe.referentiel, 1)[0]
    apprenant = histoire.apprenants[0]
    body = page(client, histoire.enseignant, apprenant).content.decode()
    assert autre.code in body   # rows cover the referential, evaluated or not
    bloc = histoire.criteres[0].competence.bloc
    body = page(client, histoire.enseignant, apprenant, bloc=bloc.pk).content.decode()
    table = body[body.index('<table class="cpro-livret__table">'):]
    assert histoire.criteres[0].code in table and autre.code not in table
    body = page(client, histoire.enseignant, apprenant,
                unite=autre.competence.bloc.unite_id).content.decode()
    table = body[body.index('<table class="cpro-livret__table">'):]
    assert autre.code in table and histoire.criteres[0].code not in table


def test_a_value_saved_shows_at_once_to_the_learner(client, histoire):
    apprenant = histoire.apprenants[0]
    client.force_login(apprenant.user)
    response = client.get(reverse("livret:mon_livret"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("livret:livret", args=[apprenant.pk])
    noter(histoire.s2, histoire.enseignant, {(apprenant, histoire.criteres[3]): "2"})
    body = client.get(reverse("livret:livret", args=[apprenant.pk])).content.decode()
    row = re.search(re.escape(histoire.criteres[3].code) + r".*?</tr>", body, re.S)[0]
    assert re.search(r'cpro-c--entreprise cpro-niv-2"[^>]*>2</td>', row)


def test_the_pdf_carries_the_levels_and_the_profile(client, histoire):
    client.force_login(histoire.enseignant)
    apprenant = histoire.apprenants[0]
    response = client.get(reverse("livret:livret_pdf", args=[apprenant.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert apprenant.nom_complet in text
    assert "PFMP1 garage" in text and "TP3 certif atelier" in text
    assert "Profil par bloc" in text and histoire.criteres[0].code in text


def test_dashboard_draws_the_profile_by_bloc_and_unit(client, histoire):
    client.force_login(histoire.enseignant)
    body = client.get(reverse("livret:tableau_de_bord",
                              args=[histoire.apprenants[0].pk])).content.decode()
    bloc = histoire.criteres[0].competence.bloc
    assert body.count('<svg xmlns="http://www.w3.org/2000/svg" class="cpro-graphique"') == 2
    assert f"{bloc.code} – {bloc.intitule}" in body and bloc.unite.code in body


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_history(client):
    p = parcours(apprenants=3)
    apprenant = p.apprenants[0]
    noter(p.situation("TP seul", f.jours(-3)), p.enseignant, {(apprenant, p.criteres[0]): "2"})
    client.force_login(p.enseignant)
    urls = [reverse(name, args=[apprenant.pk]) for name in
            ("livret:livret", "livret:tableau_de_bord", "livret:positionnements")]
    small = [_queries(client, url) for url in urls]

    from tests.suivi import factories as sf

    p.criteres += sf.criteres(p.classe.referentiel, 6)
    for i in range(8):
        situation = p.situation(f"TP {i}", f.jours(-60 + i),
                                lieu=[Lieu.CENTRE, Lieu.ENTREPRISE][i % 2])
        noter(situation, p.enseignant, {(a, c): str(1 + (i + j) % 4) for a in p.apprenants
                                        for j, c in enumerate(p.criteres)})
    large = [_queries(client, url) for url in urls]
    assert small == large
    assert large[0] <= 15   # the livret's target
