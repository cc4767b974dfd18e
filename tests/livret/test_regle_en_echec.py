"""A plugin's rule that raises: the livret, the class view and the positioning page still
render, say which plugin failed (name, distribution, version) and leave its cells empty."""
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cpro_platform import hookimpl, plugins
from cpro_platform.livret.models import Positionnement
from cpro_platform.plugins import PluginInfo, get_plugin_manager
from tests import factories as f
from tests.livret.factories import noter, parcours

pytestmark = pytest.mark.django_db

ALERTE = ("Le plugin fixture_casse (distribution cpro-fixture-casse version 0.3.1) a échoué : "
          "RuntimeError: base de règles introuvable")


class Casse:
    """Every rule of the livret pages raises."""

    @hookimpl
    def suggest_positionnement(self, referentiel, competence, evaluations, echelle):
        raise RuntimeError("base de règles introuvable")

    @hookimpl
    def detect_transfert(self, referentiel, competence, situations, seuil):
        raise RuntimeError("base de règles introuvable")


@pytest.fixture
def casse(monkeypatch):
    """The process-wide plugin manager with the failing plugin installed on top."""
    pm = get_plugin_manager(entry_points=[])
    pm.infos["fixture_casse"] = PluginInfo("fixture_casse", "cpro-fixture-casse", "0.3.1")
    pm.register(Casse(), name="fixture_casse")
    monkeypatch.setattr(plugins, "_cached", pm)


@pytest.fixture
def p():
    p = parcours()
    a, b = p.apprenants
    noter(p.situation("TP1", f.jours(-9)), p.enseignant,
          {(a, p.criteres[0]): "4", (a, p.criteres[1]): "4", (b, p.criteres[0]): "1"})
    noter(p.situation("TP2", f.jours(-3)), p.enseignant,
          {(a, p.criteres[0]): "4", (a, p.criteres[1]): "3"})
    return p


def test_without_the_failing_plugin_the_pages_show_levels_and_transfer(client, p):
    client.force_login(p.enseignant)
    body = client.get(reverse("livret:livret", args=[p.apprenants[0].pk])).content.decode()
    assert "niveau suggéré 4" in body and "transfert : maîtrisée dans 2 situations" in body
    assert "a échoué" not in body


def test_the_livret_names_the_plugin_and_keeps_the_evaluations(client, p, casse):
    client.force_login(p.enseignant)
    response = client.get(reverse("livret:livret", args=[p.apprenants[0].pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count(ALERTE) == 1                 # once per failing plugin, not per cell
    assert "Règle « suggest_positionnement »" in body
    assert "Règle « detect_transfert »" in body
    assert "niveau suggéré" not in body and "transfert :" not in body
    row = re.search(re.escape(p.criteres[0].code) + r".*?</tr>", body, re.S)[0]
    assert re.findall(r'cpro-niv-4"[^>]*>4</td>', row) != []   # the evaluations stay


@pytest.mark.parametrize("page", ["livret:tableau_de_bord", "livret:positionnements",
                                  "livret:livret_pdf"])
def test_the_other_livret_pages_render_with_the_alert(client, p, casse, page):
    client.force_login(p.enseignant)
    response = client.get(reverse(page, args=[p.apprenants[0].pk]))
    assert response.status_code == 200
    if page.endswith("_pdf"):
        text = " ".join(pg.extract_text() for pg in PdfReader(
            io.BytesIO(response.content)).pages)
        assert "fixture_casse" in " ".join(text.split()) and "a échoué" in text
    else:
        assert ALERTE in response.content.decode()


def test_the_class_view_leaves_the_heatmap_cells_empty(client, p, casse):
    client.force_login(p.enseignant)
    response = client.get(reverse("livret:classe", args=[p.classe.pk]))
    body = response.content.decode()
    assert response.status_code == 200 and body.count(ALERTE) == 1
    a = p.apprenants[0]
    row = body[body.index(a.nom):].split("</tr>")[0]
    assert '<td class="cpro-niv-4">4</td>' not in row and '<td class=""></td>' in row
    # The coverage table does not depend on the rule: it is still there.
    assert "Couverture du référentiel" in body


def test_the_teacher_can_still_place_the_learner(client, p, casse):
    client.force_login(p.enseignant)
    url = reverse("livret:positionner", args=[p.apprenants[0].pk, p.criteres[0].competence.pk])
    assert ALERTE in client.get(url).content.decode()
    response = client.post(url, {"niveau": "3", "date": str(f.jours(0))})
    assert response.status_code == 302
    assert Positionnement.objects.get().niveau_suggere is None
