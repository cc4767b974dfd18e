"""The gateway: Django-free, the ReferentielRef in every rule, errors naming the plugin,
pluggy's order."""
import datetime
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from cpro_platform import hookimpl
from cpro_platform.regles import (
    EpreuveNotee, EpreuveObservee, ErreurDeRegle, EtatCompetence, EvaluationObservee, Groupe,
    Incidents, NiveauCompetence, Poids, Ponderation, SituationObservee, Suggestion)
from tests.regles.outils import ECHELLE, REF, passerelle

ROOT = Path(__file__).resolve().parents[2]
J0 = datetime.date(2025, 9, 1)
OBS = (EvaluationObservee("C1.1", 3, J0, "TP", "centre"),)
E = EpreuveObservee("E", "Épreuve", Decimal(2), ("A", "B"))
P = Ponderation("E", (Poids("A", Decimal(60)), Poids("B", Decimal(40))), "referentiel", "")


def test_the_gateway_imports_without_django():
    code = textwrap.dedent("""
        import os, sys
        os.environ.pop("DJANGO_SETTINGS_MODULE", None)
        import cpro_platform.regles, cpro_platform.regles.passerelle
        import cpro_platform.regles.valeurs, cpro_platform.regles.erreurs
        from cpro_platform.regles import Regles, ReferentielRef, ErreurDeRegle, Incidents
        django = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
        print("django:", django)
        sys.exit(1 if django else 0)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "django: []" in result.stdout


def _appeler_toutes(regles, incidents=None):
    """Every rule of the gateway once, with small valid values."""
    return {
        "suggest_positionnement": regles.suggerer_positionnement(REF, "C1", OBS, ECHELLE,
                                                                 incidents=incidents),
        "seuil_maitrise": regles.seuil_maitrise(REF, ECHELLE, incidents=incidents),
        "detect_transfert": regles.transfert(
            REF, "C1", [SituationObservee("TP", J0, "centre", False, (3,))], 3,
            incidents=incidents),
        "aggregate_niveaux": regles.agreger(REF, Groupe("bloc", "B1", "Bloc"),
                                            [NiveauCompetence("C1", 3)], ECHELLE,
                                            incidents=incidents),
        "suggest_bilan": regles.suggerer_bilan(REF, J0, [EtatCompetence("C1", None, None)],
                                               ECHELLE, incidents=incidents),
        "model_ponderations": regles.ponderation_modele(REF, E, incidents=incidents),
        "compute_note": regles.noter(REF, E, {"A": 4}, P, ECHELLE, incidents=incidents),
        "project_note": regles.projeter(REF, E, {"A": 4}, P, {"A": 3}, ECHELLE,
                                        incidents=incidents),
        "compute_note_periode": regles.noter_periode(
            REF, [EpreuveNotee("E", "x", Decimal(2), Decimal(12))], incidents=incidents),
    }


class Espion:
    """Implements every rule, records what it was given, and lets the defaults answer."""

    def __init__(self):
        self.vus = {}

    def _vu(self, nom, referentiel):
        self.vus[nom] = referentiel

    @hookimpl
    def suggest_positionnement(self, referentiel, competence, evaluations, echelle):
        self._vu("suggest_positionnement", referentiel)

    @hookimpl
    def seuil_maitrise(self, referentiel, echelle):
        self._vu("seuil_maitrise", referentiel)

    @hookimpl
    def detect_transfert(self, referentiel, competence, situations, seuil):
        self._vu("detect_transfert", referentiel)

    @hookimpl
    def aggregate_niveaux(self, referentiel, groupe, niveaux, echelle):
        self._vu("aggregate_niveaux", referentiel)

    @hookimpl
    def suggest_bilan(self, referentiel, date, competences, echelle):
        self._vu("suggest_bilan", referentiel)

    @hookimpl
    def model_ponderations(self, referentiel, epreuve, ponderations):
        self._vu("model_ponderations", referentiel)

    @hookimpl
    def compute_note(self, referentiel, epreuve, profil, ponderation, echelle):
        self._vu("compute_note", referentiel)

    @hookimpl
    def project_note(self, referentiel, epreuve, profil, ponderation, couverture, echelle,
                     noter):
        self._vu("project_note", referentiel)

    @hookimpl
    def compute_note_periode(self, referentiel, epreuves):
        self._vu("compute_note_periode", referentiel)


def test_every_rule_gets_the_referentiel_ref_and_every_default_answers():
    espion = Espion()
    reponses = _appeler_toutes(passerelle(("espion", espion)))
    assert espion.vus == dict.fromkeys(reponses, REF)
    assert all(reponse is not None for reponse in reponses.values()), reponses


class Casse:
    """A plugin whose positioning rule raises."""

    @hookimpl
    def suggest_positionnement(self, referentiel, competence, evaluations, echelle):
        raise RuntimeError(f"boom on {competence}")


def test_a_failing_rule_raises_an_error_naming_plugin_distribution_and_version():
    with pytest.raises(ErreurDeRegle) as excinfo:
        passerelle(("casse", Casse())).suggerer_positionnement(REF, "C1", OBS, ECHELLE)
    erreur = excinfo.value
    assert (erreur.plugin.name, erreur.plugin.distribution, erreur.plugin.version) == (
        "casse", "cpro-casse", "1.2.3")
    assert erreur.regle == "suggest_positionnement"
    assert erreur.detail == "RuntimeError: boom on C1"
    assert isinstance(erreur.__cause__, RuntimeError)
    assert "'casse' (distribution cpro-casse 1.2.3)" in str(erreur)


def test_with_incidents_a_failing_rule_answers_none_and_is_recorded_once():
    regles, incidents = passerelle(("casse", Casse())), Incidents()
    for code in ("C1", "C2", "C3"):
        assert regles.suggerer_positionnement(REF, code, OBS, ECHELLE,
                                              incidents=incidents) is None
    (incident,) = incidents
    assert incident.regles == {"suggest_positionnement": 3}
    assert incident.fois == 3 and incident.erreur.detail == "RuntimeError: boom on C1"
    # The other rules still answer.
    assert regles.seuil_maitrise(REF, ECHELLE, incidents=incidents) == 3


def test_a_failing_module_plugin_is_named_too():
    module = type(sys)("fixture_module")

    @hookimpl
    def seuil_maitrise(referentiel, echelle):
        return 1 / 0

    module.seuil_maitrise = seuil_maitrise
    with pytest.raises(ErreurDeRegle, match=r"'module'.*ZeroDivisionError"):
        passerelle(("module", module)).seuil_maitrise(REF, ECHELLE)


class MauvaiseReponse:
    @hookimpl
    def seuil_maitrise(self, referentiel, echelle):
        return "3"

    @hookimpl
    def suggest_positionnement(self, referentiel, competence, evaluations, echelle):
        return Suggestion(niveau=9, regle="hors échelle")


class Muet:
    """Answers nothing: the one after it (registered earlier) must be named, not this one."""

    @hookimpl
    def seuil_maitrise(self, referentiel, echelle):
        return None


def test_an_unusable_answer_is_an_error_naming_the_plugin_that_gave_it():
    regles = passerelle(("mauvaise", MauvaiseReponse()), ("muet", Muet()))
    with pytest.raises(ErreurDeRegle, match=r"'mauvaise'.*returned a str, expected int"):
        regles.seuil_maitrise(REF, ECHELLE)
    with pytest.raises(ErreurDeRegle, match=r"'mauvaise'.*level 9 is not on the scale"):
        regles.suggerer_positionnement(REF, "C1", OBS, ECHELLE)


class NoteCassee:
    @hookimpl
    def compute_note(self, referentiel, epreuve, profil, ponderation, echelle):
        raise ValueError("pas de note")


def test_a_projection_whose_mark_rule_fails_names_the_mark_rules_plugin():
    incidents = Incidents()
    regles = passerelle(("note_cassee", NoteCassee()))
    assert regles.projeter(REF, E, {"A": 4}, P, {}, ECHELLE, incidents=incidents) is None
    (incident,) = incidents
    assert (incident.erreur.plugin.name, incident.erreur.regle) == ("note_cassee",
                                                                    "compute_note")


def seuil(valeur, **marque):
    """A plugin answering ``valeur`` as the mastery threshold (marked with ``marque``)."""
    @hookimpl(**marque)
    def seuil_maitrise(referentiel, echelle):
        return valeur

    return SimpleNamespace(seuil_maitrise=seuil_maitrise)


def test_pluggy_order_the_last_registered_plugin_is_asked_first():
    regles = passerelle(("premier", seuil(2)), ("second", seuil(4)))
    assert regles.seuil_maitrise(REF, ECHELLE) == 4
    # tryfirst goes before every plain implementation, whatever the order of registration.
    regles = passerelle(("premier", seuil(2, tryfirst=True)), ("second", seuil(4)))
    assert regles.seuil_maitrise(REF, ECHELLE) == 2
    # None passes the question on; the trylast default answers last.
    regles = passerelle(("premier", seuil(None)), ("second", seuil(None)))
    assert regles.seuil_maitrise(REF, ECHELLE) == 3


def test_the_process_wide_gateway_follows_the_plugin_manager():
    from cpro_platform.plugins import reset_plugin_manager
    from cpro_platform.regles import regles

    premier = regles()
    assert regles() is premier
    reset_plugin_manager()
    try:
        assert regles() is not premier and regles().pm is not premier.pm
    finally:
        reset_plugin_manager()
