"""Who may reach a placement's tutor pages (co-evaluation, bilan, signature) and the teacher's
side-by-side view, as scopes and actions of the one access policy.

* the placement's pages open (``stages_accessibles``) to its tutor — at any date, so that
  after the placement the page can say *why* it refuses (the Encadrement has ended) —, to
  whoever sees the class, and to the learner themself;
* evaluating, writing the appreciation and signing the bilan (``pfmp.coevaluer_stage``): the
  placement's tutor while the Encadrement made with it runs, nobody else;
* reading the bilan (``pfmp.view_bilan_pfmp``): that tutor while it runs, whoever sees the
  class (teachers, DDFPT, granted inspector), the learner;
* the side-by-side view (``pfmp.comparer_stage``): whoever sees the class.
"""
import datetime

from django.db.models import Q, QuerySet
from rules.predicates import is_authenticated

from cpro_platform.acces import perimetres as p
from cpro_platform.acces import politique
from cpro_platform.acces.politique import dans, encadre_des_apprenants
from cpro_platform.acces.roles import encadrements_actifs, est_connecte

from .models import StagePFMP

Date = datetime.date | None


def stages_accessibles(user, date: Date = None) -> QuerySet[StagePFMP]:
    if not est_connecte(user):
        return StagePFMP.objects.none()
    return StagePFMP.objects.filter(
        Q(tuteur__user=user) | Q(periode__classe__in=p.classes_visibles(user, date))
        | Q(apprenant__user=user))


def stages_coevaluables(user, date: Date = None) -> QuerySet[StagePFMP]:
    """The placements whose tutor is ``user``, while the Encadrement made with it runs."""
    return StagePFMP.objects.filter(encadrement__in=encadrements_actifs(user, date))


def stages_bilan_lisibles(user, date: Date = None) -> QuerySet[StagePFMP]:
    if not est_connecte(user):
        return StagePFMP.objects.none()
    return StagePFMP.objects.filter(
        Q(encadrement__in=encadrements_actifs(user, date))
        | Q(periode__classe__in=p.classes_visibles(user, date)) | Q(apprenant__user=user))


def stages_comparables(user, date: Date = None) -> QuerySet[StagePFMP]:
    return StagePFMP.objects.filter(periode__classe__in=p.classes_visibles(user, date))


ACTIONS = {
    "pfmp.ouvrir_stage": dans(StagePFMP, stages_accessibles, "ouvre_stage"),
    "pfmp.coevaluer_stage": dans(StagePFMP, stages_coevaluables, "coevalue_stage"),
    "pfmp.view_bilan_pfmp": dans(StagePFMP, stages_bilan_lisibles, "lit_bilan_pfmp"),
    "pfmp.comparer_stage": dans(StagePFMP, stages_comparables, "compare_stage"),
    "pfmp.view_mes_stages": is_authenticated & encadre_des_apprenants,
}


def enregistrer() -> None:
    """Add these actions to the one policy (idempotent; ``activites`` calls it)."""
    politique.ajouter_actions(ACTIONS)
