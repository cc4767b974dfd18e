"""Values exchanged with the ``suggest_positionnement`` hook (Django-free, frozen).

The host turns a learner's evaluation history into these values, asks the hook for a suggested
level, and shows the teacher the suggestion with its explanation.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class EvaluationObservee:
    """One evaluation of one critère of the compétence, as the rule sees it."""

    critere: str                 # critère code
    niveau: int | None           # scale value; None for "non évalué" or "absent"
    date: datetime.date          # date of the situation
    situation: str               # situation title, for the explanation
    lieu: str                    # "centre" or "entreprise"
    certificative: bool = False


@dataclass(frozen=True)
class Contribution:
    """How much one evaluation weighed in the suggestion, and why."""

    evaluation: EvaluationObservee
    poids: float
    raison: str


@dataclass(frozen=True)
class Suggestion:
    niveau: int | None           # suggested scale value; None when there is no evidence
    regle: str                   # the rule's name and a one-sentence description
    contributions: tuple[Contribution, ...] = field(default_factory=tuple)
