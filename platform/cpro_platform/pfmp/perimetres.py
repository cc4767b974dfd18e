"""What a user may reach in the PFMP, built on the policy's scopes.

* a class's PFMP page and its periods — whoever sees the class (its teachers, the DDFPT, a
  granted inspector); the class's teachers and the DDFPT plan periods and assign placements;
* a placement — whoever sees the class, its following teacher, the learner themself, and
  the tutor while the placement's own ``Encadrement`` runs (a tutor link used outside the
  placement's dates reaches nothing);
* a visit or mid-period review — recorded by the placement's following teacher (while a
  teacher of the establishment) or a teacher of the class;
* the attestation — signed by the tutor (during the placement) and by the establishment (a
  teacher of the class or the DDFPT); its absences, activities and appreciation are written
  by the same people.
"""
import datetime

from django.db.models import Q, QuerySet

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.roles import encadrements_actifs, est_connecte, etablissements_ou
from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Classe

from .models import PeriodePFMP, StagePFMP

Date = datetime.date | None

classes_lisibles = p.classes_visibles
apprenants_lisibles = p.apprenants_visibles


def classes_ecrites(user, date: Date = None) -> QuerySet[Classe]:
    """The classes whose PFMP ``user`` plans: their teachers, the establishment's DDFPT."""
    if not est_connecte(user):
        return Classe.objects.none()
    return Classe.objects.filter(
        Q(pk__in=p.classes_enseignees(user, date).values("pk"))
        | Q(etablissement__in=etablissements_ou(user, TypeRole.DDFPT, date=date)))


def periodes_lisibles(user, date: Date = None) -> QuerySet[PeriodePFMP]:
    return PeriodePFMP.objects.filter(classe__in=p.classes_visibles(user, date))


def periodes_modifiables(user, date: Date = None) -> QuerySet[PeriodePFMP]:
    return PeriodePFMP.objects.filter(classe__in=classes_ecrites(user, date))


def stages_du_tuteur(user, date: Date = None) -> QuerySet[StagePFMP]:
    """The placements whose own tutoring link runs today (nothing before or after)."""
    return StagePFMP.objects.filter(encadrement__in=encadrements_actifs(user, date))


def _suivis(user, date: Date) -> Q:
    """The placements ``user`` follows as their teacher, while a teacher of the
    establishment (they may not teach the class)."""
    return Q(enseignant_referent=user, periode__classe__etablissement__in=etablissements_ou(
        user, TypeRole.ENSEIGNANT, date=date))


def stages_lisibles(user, date: Date = None) -> QuerySet[StagePFMP]:
    if not est_connecte(user):
        return StagePFMP.objects.none()
    return StagePFMP.objects.filter(
        Q(periode__classe__in=p.classes_visibles(user, date))
        | Q(apprenant__user=user)
        | Q(encadrement__in=encadrements_actifs(user, date))
        | _suivis(user, date))


def stages_modifiables(user, date: Date = None) -> QuerySet[StagePFMP]:
    return StagePFMP.objects.filter(periode__classe__in=classes_ecrites(user, date))


def stages_visitables(user, date: Date = None) -> QuerySet[StagePFMP]:
    """The following teacher (still a teacher of the establishment) or a class's teacher."""
    if not est_connecte(user):
        return StagePFMP.objects.none()
    return StagePFMP.objects.filter(
        Q(periode__classe__in=p.classes_enseignees(user, date)) | _suivis(user, date))


def stages_attestables(user, date: Date = None) -> QuerySet[StagePFMP]:
    """Who writes and signs the attestation: the establishment's writers and the tutor."""
    if not est_connecte(user):
        return StagePFMP.objects.none()
    return StagePFMP.objects.filter(
        Q(periode__classe__in=classes_ecrites(user, date))
        | Q(encadrement__in=encadrements_actifs(user, date)))
