"""Tracking tables, one module per concept, re-exported here."""
from .evaluations import Etat, Evaluation, EvaluationQuerySet
from .scenarios import Lieu, Scenario, Situation, TypeSituation

__all__ = ["Etat", "Evaluation", "EvaluationQuerySet", "Lieu", "Scenario", "Situation",
           "TypeSituation"]
