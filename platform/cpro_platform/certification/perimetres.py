"""What a user may reach in the certification, built on the policy's scopes.

* a class's session, épreuves, CCF planning, grids and commission table — whoever sees the
  class (its teachers, the DDFPT, a granted inspector: read-only);
* planning the CCF (sessions, situations d'évaluation, candidates' statuses) — the teachers of
  the class and the DDFPT of its establishment;
* grids — written by the teachers of the class; signed grids are locked;
* the commission — adjusted by the teachers of the class and the DDFPT, validated by the DDFPT.

Learners, tutors and masters see none of it: CCF marks are not given to candidates before the
jury's deliberation.
"""
import datetime

from django.db.models import Q, QuerySet

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.roles import etablissements_ou
from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Classe

from .models import Commission, GrilleCCF, SessionExamen, SituationEvaluation

Date = datetime.date | None

classes_lisibles = p.classes_visibles


def classes_dirigees(user, date: Date = None) -> QuerySet[Classe]:
    """The classes of the establishments where ``user`` is DDFPT."""
    return Classe.objects.filter(
        etablissement__in=etablissements_ou(user, TypeRole.DDFPT, date=date))


def classes_organisees(user, date: Date = None) -> QuerySet[Classe]:
    """Classes whose CCF ``user`` may plan: taught by them, or in their DDFPT establishment."""
    return Classe.objects.filter(Q(pk__in=p.classes_enseignees(user, date).values("pk"))
                                 | Q(pk__in=classes_dirigees(user, date).values("pk")))


def sessions_lisibles(user, date: Date = None) -> QuerySet[SessionExamen]:
    return SessionExamen.objects.filter(classe__in=p.classes_visibles(user, date))


def sessions_organisees(user, date: Date = None) -> QuerySet[SessionExamen]:
    return SessionExamen.objects.filter(classe__in=classes_organisees(user, date))


def situations_lisibles(user, date: Date = None) -> QuerySet[SituationEvaluation]:
    return SituationEvaluation.objects.filter(session__in=sessions_lisibles(user, date))


def situations_organisees(user, date: Date = None) -> QuerySet[SituationEvaluation]:
    return SituationEvaluation.objects.filter(session__in=sessions_organisees(user, date))


def grilles_lisibles(user, date: Date = None) -> QuerySet[GrilleCCF]:
    return GrilleCCF.objects.filter(session__in=sessions_lisibles(user, date))


def grilles_modifiables(user, date: Date = None) -> QuerySet[GrilleCCF]:
    """Grids of the classes ``user`` teaches (the services refuse a signed grid or a
    validated session, with a message)."""
    return GrilleCCF.objects.filter(session__classe__in=p.classes_enseignees(user, date))


def commissions_lisibles(user, date: Date = None) -> QuerySet[Commission]:
    return Commission.objects.filter(session__in=sessions_lisibles(user, date))


def commissions_ajustables(user, date: Date = None) -> QuerySet[Commission]:
    return Commission.objects.filter(session__in=sessions_organisees(user, date))


def commissions_validables(user, date: Date = None) -> QuerySet[Commission]:
    return Commission.objects.filter(session__classe__in=classes_dirigees(user, date))
