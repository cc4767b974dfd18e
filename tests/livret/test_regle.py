"""The default positioning rule, and a plugin replacing it for one referential."""
import datetime

import pytest

from cpro_platform import hookimpl
from cpro_platform.plugins import DEFAULT_PLUGINS, PluginInfo, get_plugin_manager
from cpro_platform.regles import EvaluationObservee, ReferentielRef, Regles, Suggestion
from core_plugins.default_positionnement import arrondi_echelle

ECHELLE = (1, 2, 3, 4)
J0 = datetime.date(2025, 9, 1)


def obs(critere: str, niveau, jour: int, certificative: bool = False, lieu="centre"):
    return EvaluationObservee(critere=critere, niveau=niveau,
                              date=J0 + datetime.timedelta(days=jour),
                              situation=f"TP jour {jour}", lieu=lieu,
                              certificative=certificative)


def suggerer(evaluations, referentiel="CPA", pm=None) -> Suggestion:
    pm = pm or get_plugin_manager(entry_points=[])
    return Regles(pm).suggerer_positionnement(ReferentielRef(referentiel, "2024", "fixture"),
                                              "C1", evaluations, ECHELLE)


def test_the_default_rule_is_a_core_plugin():
    assert "core_plugins.default_positionnement" in DEFAULT_PLUGINS


def test_no_evidence_gives_no_level_but_says_the_rule():
    suggestion = suggerer([obs("C1.1", None, 1), obs("C1.2", None, 2)])
    assert suggestion.niveau is None and suggestion.contributions == ()
    assert "trois dernières évaluations" in suggestion.regle


def test_recent_evaluations_weigh_more():
    # weights 1, 2, 3: (1*1 + 2*2 + 3*4) / 6 = 2.83 → 3
    suggestion = suggerer([obs("C1.1", 1, 1), obs("C1.1", 2, 2), obs("C1.1", 4, 3)])
    assert suggestion.niveau == 3
    assert [c.poids for c in suggestion.contributions] == [1, 2, 3]
    assert "la plus récente" in suggestion.contributions[-1].raison


def test_only_the_last_three_evaluated_levels_count_and_absences_are_ignored():
    history = [obs("C1.1", 4, 1), obs("C1.1", 4, 2), obs("C1.1", 1, 3), obs("C1.1", None, 4),
               obs("C1.1", 1, 5), obs("C1.1", 1, 6)]
    suggestion = suggerer(history)
    assert suggestion.niveau == 1
    assert [c.evaluation.date.day for c in suggestion.contributions] == [4, 6, 7]


def test_certificative_evaluations_count_double():
    # formative 4 (weight 2), certificative 1 (weight 3 × 2 = 6): (8 + 6) / 8 = 1.75 → 2
    suggestion = suggerer([obs("C1.1", 4, 1), obs("C1.1", 1, 2, certificative=True)])
    assert [c.poids for c in suggestion.contributions] == [2, 6]
    assert suggestion.niveau == 2
    assert "certificative" in suggestion.contributions[-1].raison


def test_the_competence_is_the_mean_of_its_criteres_rounded_half_up():
    # C1.1 → 3, C1.2 → 2 (single evaluations): mean 2.5 → 3 (half-up)
    assert suggerer([obs("C1.1", 3, 1), obs("C1.2", 2, 2)]).niveau == 3
    # C1.1 → 2, C1.2 → 2, C1.3 → 3: mean 2.33 → 2
    assert suggerer([obs("C1.1", 2, 1), obs("C1.2", 2, 1), obs("C1.3", 3, 1)]).niveau == 2


@pytest.mark.parametrize("valeur,echelle,attendu", [
    (2.5, [1, 2, 3, 4], 3), (2.49, [1, 2, 3, 4], 2), (0.4, [1, 2, 3, 4], 1),
    (1.5, [0, 1], 1), (2.5, [0, 2, 4], 4), (0.5, [0, 1], 1),
])
def test_rounding_reaches_the_nearest_value_of_the_scale(valeur, echelle, attendu):
    assert arrondi_echelle(valeur, echelle) == attendu


class RegleCAV:
    """A referential plugin: for CAV only, the latest evaluation decides."""

    @hookimpl
    def suggest_positionnement(self, referentiel, competence, evaluations, echelle):
        if referentiel.code != "CAV":
            return None
        notees = [e for e in evaluations if e.niveau is not None]
        return Suggestion(niveau=notees[-1].niveau if notees else None,
                          regle="La dernière évaluation décide.")


def test_a_referential_plugin_overrides_the_default_for_its_code_only():
    pm = get_plugin_manager(entry_points=[])
    pm.infos["cav"] = PluginInfo("cav", "cpro-cav", "1.0")
    pm.register(RegleCAV(), name="cav")
    history = [obs("C1.1", 4, 1), obs("C1.1", 4, 2), obs("C1.1", 1, 3)]
    assert suggerer(history, "CAV", pm).niveau == 1
    assert suggerer(history, "CAV", pm).regle == "La dernière évaluation décide."
    assert suggerer(history, "CPA", pm).niveau == 3  # default: (4 + 8 + 3) / 6 = 2.5 → 3


class Temoin:
    """Records the referential every positioning question is asked about; answers nothing."""

    def __init__(self):
        self.refs = set()

    @hookimpl
    def suggest_positionnement(self, referentiel, competence, evaluations, echelle):
        self.refs.add(referentiel)


@pytest.mark.django_db
def test_the_pages_ask_the_rule_with_the_referentials_code_version_and_plugin(client,
                                                                              monkeypatch):
    from django.urls import reverse

    from cpro_platform import plugins
    from tests import factories as f
    from tests.livret.factories import noter, parcours

    temoin, pm = Temoin(), get_plugin_manager(entry_points=[])
    pm.register(temoin, name="temoin")
    monkeypatch.setattr(plugins, "_cached", pm)
    p = parcours()
    noter(p.situation("TP", f.jours(-3)), p.enseignant, {(p.apprenants[0], p.criteres[0]): "3"})
    client.force_login(p.enseignant)
    for url in (reverse("livret:classe", args=[p.classe.pk]),
                reverse("livret:livret", args=[p.apprenants[0].pk])):
        assert client.get(url).status_code == 200
    ref = p.classe.referentiel
    assert temoin.refs == {ReferentielRef(ref.code, ref.version, ref.plugin)}
