"""Tracking tables, one module per concept, re-exported here."""
from .evaluations import ABSENT, NON_EVALUE, Etat, Evaluation, EvaluationQuerySet, code_de
from .scenarios import Lieu, Scenario, Situation, TypeSituation

__all__ = ["ABSENT", "NON_EVALUE", "code_de", "Etat", "Evaluation", "EvaluationQuerySet", "Lieu", "Scenario", "Situation",
           "TypeSituation"]
