"""A plugin's bilan or aggregation rule that raises: the campaign still opens (levels left
empty for the teacher), the pages render and name the plugin, its distribution and version."""
import pytest
from django.urls import reverse

from cpro_platform import hookimpl, plugins
from cpro_platform.bilans.models import Campagne
from cpro_platform.plugins import PluginInfo, get_plugin_manager
from tests import factories as f

from . import factories as bf

pytestmark = pytest.mark.django_db

ALERTE = ("Le plugin fixture_bilan (distribution cpro-fixture-bilan version 2.0) a échoué : "
          "RuntimeError: grille de bilan absente")


class Casse:
    @hookimpl
    def suggest_bilan(self, referentiel, date, competences, echelle):
        raise RuntimeError("grille de bilan absente")

    @hookimpl
    def aggregate_niveaux(self, referentiel, groupe, niveaux, echelle):
        raise RuntimeError("grille de bilan absente")


@pytest.fixture
def casse(monkeypatch):
    pm = get_plugin_manager(entry_points=[])
    pm.infos["fixture_bilan"] = PluginInfo("fixture_bilan", "cpro-fixture-bilan", "2.0")
    pm.register(Casse(), name="fixture_bilan")
    monkeypatch.setattr(plugins, "_cached", pm)


def test_a_failing_bilan_rule_is_named_and_the_campaign_still_opens(client, casse):
    p = bf.classe()
    client.force_login(p.enseignant)
    response = client.post(reverse("bilans:ouvrir", args=[p.classe.pk]),
                           {"titre": "Bilan P1", "date": f.jours(-1).isoformat()}, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert ALERTE in body and "Les niveaux que sa règle devait proposer sont laissés vides" in body
    bilan = Campagne.objects.get().bilans.get(apprenant=p.apprenants[0])
    assert set(bilan.niveaux.values_list("niveau", flat=True)) == {None}
    page = client.get(reverse("bilans:bilan", args=[bilan.pk]))
    assert page.status_code == 200
    assert ALERTE in page.content.decode()               # the aggregation rule, named
    assert "Enregistrer et valider" in page.content.decode()   # still usable


def test_the_learners_tabs_lead_to_bilans_and_marks(client):
    p = bf.classe()
    a = p.apprenants[0]
    client.force_login(a.user)
    body = client.get(reverse("livret:tableau_de_bord", args=[a.pk])).content.decode()
    assert reverse("bilans:apprenant", args=[a.pk]) in body
    assert reverse("bilans:notes", args=[a.pk]) in body
