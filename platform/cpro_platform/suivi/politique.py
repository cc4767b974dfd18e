"""The tracking actions of the access policy, registered into ``cpro_platform.acces``.

Each rule tests membership in a scope of ``suivi.perimetres``; see there for who may what.
"""
import rules
from rules.predicates import is_authenticated

from cpro_platform.acces import perimetres as p
from cpro_platform.acces import politique
from cpro_platform.etablissements.models import Classe

from . import perimetres as s
from .models import Evaluation, Scenario, Situation


def _dans(model, perimetre, name: str) -> rules.Predicate:
    def test(user, obj) -> bool:
        return (isinstance(obj, model) and obj.pk is not None
                and perimetre(user).filter(pk=obj.pk).exists())
    return rules.Predicate(test, name=name)


@rules.predicate
def voit_des_situations(user) -> bool:
    """Whoever sees a class (teachers, DDFPT, inspectors), and tutors or masters once a
    company situation concerns their learner."""
    return p.classes_visibles(user).exists() or s.situations_visibles(user).exists()


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
