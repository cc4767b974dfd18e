"""Projection à l'examen on the worked example of docs/plugin_hooks.md (épreuve E32)."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpro_platform.bilans.models import PonderationApprenant
from cpro_platform.bilans.projection import projection_apprenant
from cpro_platform.regles import Incidents
from tests import factories as f
from tests.bilans_documents.factories import bilan_valide, campagne, e32
from tests.livret.factories import noter
from tests.suivi import factories as sf

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def cas():
    """C2.1 assessed in 3 situations (bilan: 3), C2.2 once (bilan: 4), C2.3 never (none)."""
    e = f.etablissement()
    classe = f.classe(e)
    prof = f.enseignant(e, classe)
    a = f.apprenant(e, classe, compte=True)
    ex = e32(classe.referentiel)
    c21, c22 = ex.criteres["C2.1"], ex.criteres["C2.2"]
    scenario = sf.scenario(classe)
    for i in range(3):
        situation = sf.situation(scenario, [c21, c22], f"TP {i}", debut=f.jours(-20 + i))
        noter(situation, prof, {(a, c21): "3", **({(a, c22): "4"} if i == 0 else {})})
    bilan = bilan_valide(a, campagne(classe, prof, "Bilan du premier trimestre"), prof,
                         {ex.competences["C2.1"]: 3, ex.competences["C2.2"]: 4,
                          ex.competences["C2.3"]: None})
    return {"classe": classe, "prof": prof, "a": a, "ex": ex, "bilan": bilan,
            "scenario": scenario}


def test_the_worked_example_to_the_hundredth(cas):
    projection, _bareme = projection_apprenant(cas["a"], Incidents())
    assert projection.bilan == cas["bilan"]
    [e32_] = projection.epreuves
    p = e32_.projection
    assert (p.note_actuelle, p.note_min, p.note_max) == (
        Decimal("16.89"), Decimal("4.67"), Decimal("17.67"))
    assert [(e.competence, e.pourcentage, e.situations, e.amplitude) for e in p.a_evaluer] == [
        ("C2.2", 40, 1, Decimal("8.00")), ("C2.3", 25, 0, Decimal("5.00"))]


def test_the_dashboard_fragment_says_what_it_is_based_on(client, cas):
    client.force_login(cas["a"].user)   # the learner sees their own projection
    url = reverse("bilans_documents:projection_apprenant", args=[cas["a"].pk])
    body = client.get(url, **HTMX).content.decode()
    assert "<h1" not in body   # a fragment for the dashboard
    assert "16,89 / 20" in body and "de 4,67 à 17,67 / 20" in body
    assert f"D’après le bilan validé du {cas['bilan'].date:%d/%m/%Y}" in body
    assert "Bilan du premier trimestre" in body and "version 2024" in body
    assert "Règle de projection : Fourchette : les compétences jamais évaluées" in body
    assert "Pondérations : Pondérations modèles fournies par le référentiel." in body
    c22 = body.index("Intitulé de C2.2")
    c23 = body.index("Intitulé de C2.3")
    assert c22 < c23   # the heaviest first
    assert "évaluée dans 1 situation" in body[c22:c23] and "8,00 points en jeu" in body[c22:c23]
    assert "jamais évaluée" in body[c23:] and "Provisoire" in body[c23:c23 + 200]
    page = client.get(url).content.decode()   # opened directly: a page of its own
    assert "<h1>Projection à l’examen" in page and "16,89 / 20" in page


def test_the_learners_own_pondération_is_the_one_in_force(cas):
    PonderationApprenant.objects.create(
        apprenant=cas["a"], epreuve=cas["ex"].epreuve, auteur=cas["prof"],
        poids={"C2.1": "50", "C2.2": "50", "C2.3": "0"})
    p = projection_apprenant(cas["a"], Incidents())[0].epreuves[0].projection
    # 20 × (50 × 2/3 + 50 × 1) / 100; C2.2 still open (one situation), C2.3 weighs nothing.
    assert (p.note_actuelle, p.note_min, p.note_max) == (
        Decimal("16.67"), Decimal("6.67"), Decimal("16.67"))
    assert [e.competence for e in p.a_evaluer] == ["C2.2"]


def test_only_the_latest_validated_bilan_in_force_counts(cas):
    ex, prof, a = cas["ex"], cas["prof"], cas["a"]
    c21, c22, c23 = (ex.competences[c] for c in ("C2.1", "C2.2", "C2.3"))
    # A later bilan, then its correction: the correction is what counts.
    plus_tard = bilan_valide(a, campagne(cas["classe"], prof, "T2", date=f.jours(0)), prof,
                             {c21: 4, c22: 4, c23: 4})
    bilan_valide(a, plus_tard.campagne, prof, {c21: 1, c22: 4, c23: None},
                 remplace=plus_tard)
    p = projection_apprenant(a, Incidents())[0].epreuves[0].projection
    assert p.note_actuelle == Decimal("10.67")   # 20 × (35 × 0 + 40 × 1) / 75


def test_no_validated_bilan_no_projection(client, cas):
    autre = f.apprenant(cas["classe"].etablissement, cas["classe"])
    client.force_login(cas["prof"])
    body = client.get(reverse("bilans_documents:projection_apprenant", args=[autre.pk]),
                      **HTMX).content.decode()
    assert "Pas encore de projection : elle part du dernier bilan intermédiaire validé" in body
    assert "/ 20" not in body


def _requetes(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **HTMX).status_code == 200
    return len(ctx.captured_queries)


def test_the_class_projection_lists_every_learner_in_constant_queries(client, cas):
    classe, prof, ex = cas["classe"], cas["prof"], cas["ex"]
    sans_bilan = f.apprenant(classe.etablissement, classe, nom="SANSBILAN")
    client.force_login(prof)
    url = reverse("bilans_documents:projection_classe", args=[classe.pk])
    body = client.get(url, **HTMX).content.decode()
    ligne = body[body.index(cas["a"].nom):].split("</tr>")[0]
    assert f"{cas['bilan'].date:%d/%m/%Y}" in ligne and "4,67 – 17,67" in ligne
    assert "C2.2" in ligne   # to assess first
    assert "aucun bilan validé" in body[body.index(sans_bilan.nom):].split("</tr>")[0]
    assert "Règle de projection : Fourchette" in body
    petit = _requetes(client, url)

    for i in range(6):
        eleve = f.apprenant(classe.etablissement, classe)
        situation = sf.situation(cas["scenario"], list(ex.criteres.values()), f"TP plus {i}")
        noter(situation, prof, {(eleve, c): str(1 + (i + j) % 4)
                                for j, c in enumerate(ex.criteres.values())})
        bilan_valide(eleve, campagne(classe, prof), prof,
                     {c: 1 + i % 4 for c in ex.competences.values()})
    assert _requetes(client, url) == petit


def test_the_dashboard_and_the_class_view_load_the_projection_after_the_page(client, cas):
    client.force_login(cas["prof"])
    a, classe = cas["a"], cas["classe"]
    tableau = client.get(reverse("livret:tableau_de_bord", args=[a.pk])).content.decode()
    assert (f'hx-get="{reverse("bilans_documents:projection_apprenant", args=[a.pk])}"'
            in tableau)
    assert reverse("bilans_documents:apprenant", args=[a.pk]) in tableau
    vue = client.get(reverse("livret:classe", args=[classe.pk])).content.decode()
    assert f'hx-get="{reverse("bilans_documents:projection_classe", args=[classe.pk])}"' in vue
    assert reverse("bilans_documents:classe", args=[classe.pk]) in vue
    assert "suivi/htmx.min.js" in tableau and "suivi/htmx.min.js" in vue
