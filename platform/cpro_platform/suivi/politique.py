"""The tracking actions of the access policy, registered into ``cpro_platform.acces``.

Each rule tests membership in a scope of ``suivi.perimetres``; see there for who may what.
"""
from rules.predicates import is_authenticated

from cpro_platform.acces import politique
from cpro_platform.acces.politique import dans as _dans
from cpro_platform.etablissements.models import Classe

from . import perimetres as s
from .models import Evaluation, Scenario, Situation


#: Whoever sees a class (teachers, DDFPT, inspectors), and tutors or masters once a company
#: situation concerns their learner.
voit_des_situations = politique.a_des_classes | politique.fait_de_page(
    "voit_des_situations", s.situations_visibles)


ACTIONS = {
    "suivi.view_mes_situations": is_authenticated & voit_des_situations,
    "suivi.add_scenario": _dans(Classe, s.classes_conception, "concoit_classe"),
    "suivi.view_scenario": _dans(Scenario, s.scenarios_visibles, "voit_scenario"),
    "suivi.change_scenario": _dans(Scenario, s.scenarios_modifiables, "modifie_scenario"),
    "suivi.view_situation": _dans(Situation, s.situations_visibles, "voit_situation"),
    "suivi.change_situation": _dans(Situation, s.situations_modifiables, "modifie_situation"),
    "suivi.evaluate_situation": _dans(Situation, s.situations_evaluables, "evalue_situation"),
    "suivi.view_evaluation": _dans(Evaluation, s.evaluations_visibles, "voit_evaluation"),
}


def enregistrer() -> None:
    """Add the tracking actions to the one policy (idempotent)."""
    politique.ajouter_actions(ACTIONS)
