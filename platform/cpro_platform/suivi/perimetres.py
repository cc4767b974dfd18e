"""What a user may reach in tracking: scenarios, situations and grid rows.

Built on the policy's own scopes (``cpro_platform.acces.perimetres``), so that a class a user
cannot see never yields its scenarios, situations or evaluations either.

Decisions (documented in ``docs/acces_suivi.md``):

* reading — whoever sees the class (its teachers, the DDFPT, an inspector granted the class);
  a tutor or master sees the company situations (lieu entreprise) of a class their learner is
  enrolled in, while their Encadrement runs, and only their learners' rows of the grid;
* designing (scenarios, situations) — the class's teachers and the establishment's DDFPT;
* evaluating — the class's teachers for its enrolled learners; a tutor or master for their own
  learners, in company situations only, while their Encadrement runs. The DDFPT and inspectors
  read the grid but make no pedagogical entries (as ``apprenants_evaluables`` says).
"""
import datetime

from django.db.models import Q, QuerySet

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.roles import encadrements_actifs, etablissements_ou
from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Apprenant, Classe, Inscription

from .models import Evaluation, Lieu, Scenario, Situation

Date = datetime.date | None


def classes_conception(user, date: Date = None) -> QuerySet[Classe]:
    """Classes whose scenarios and situations ``user`` may create and edit."""
    return Classe.objects.filter(
        Q(pk__in=p.classes_enseignees(user, date).values("pk"))
        | Q(etablissement__in=etablissements_ou(user, TypeRole.DDFPT, date=date)))


def _classes_des_encadres(user, date: Date = None) -> QuerySet[Inscription]:
    """Enrolments of the learners a tutor or master follows today."""
    return Inscription.objects.actives(date).filter(
        apprenant__in=encadrements_actifs(user, date).values("apprenant"))


def scenarios_visibles(user, date: Date = None) -> QuerySet[Scenario]:
    return Scenario.objects.filter(classe__in=p.classes_visibles(user, date))


def scenarios_modifiables(user, date: Date = None) -> QuerySet[Scenario]:
    return Scenario.objects.filter(classe__in=classes_conception(user, date))


def situations_visibles(user, date: Date = None) -> QuerySet[Situation]:
    return Situation.objects.filter(
        Q(scenario__classe__in=p.classes_visibles(user, date))
        | Q(lieu=Lieu.ENTREPRISE,
            scenario__classe__in=_classes_des_encadres(user, date).values("classe")))


def situations_modifiables(user, date: Date = None) -> QuerySet[Situation]:
    return Situation.objects.filter(scenario__classe__in=classes_conception(user, date))


def situations_evaluables(user, date: Date = None) -> QuerySet[Situation]:
    """Situations in which ``user`` may evaluate at least one learner."""
    return Situation.objects.filter(
        Q(scenario__classe__in=p.classes_enseignees(user, date))
        | Q(lieu=Lieu.ENTREPRISE,
            scenario__classe__in=_classes_des_encadres(user, date).values("classe")))


def apprenants_de_la_situation(situation: Situation) -> QuerySet[Apprenant]:
    """Every learner enrolled in the situation's class (past enrolments included)."""
    return Apprenant.objects.filter(inscriptions__classe_id=situation.scenario.classe_id)


def lignes_visibles(user, situation: Situation, date: Date = None) -> QuerySet[Apprenant]:
    """The grid rows ``user`` may read: the whole class, or a tutor's own learners."""
    if p.classes_visibles(user, date).filter(pk=situation.scenario.classe_id).exists():
        return apprenants_de_la_situation(situation)
    return apprenants_de_la_situation(situation).filter(
        pk__in=encadrements_actifs(user, date).values("apprenant"))


def lignes_evaluables(user, situation: Situation, date: Date = None) -> QuerySet[Apprenant]:
    """The grid rows ``user`` may write (one query when evaluated)."""
    evaluables = Q(pk__in=Inscription.objects.actives(date).filter(
        classe_id=situation.scenario.classe_id,
        classe__in=p.classes_enseignees(user, date)).values("apprenant"))
    if situation.lieu == Lieu.ENTREPRISE:
        evaluables |= Q(pk__in=encadrements_actifs(user, date).values("apprenant"))
    return apprenants_de_la_situation(situation).filter(evaluables)


def evaluations_visibles(user, date: Date = None) -> QuerySet[Evaluation]:
    """Evaluations (and their evidence files) ``user`` may read: a visible situation's rows
    that ``user`` may see (a tutor: their own learners only)."""
    return Evaluation.objects.filter(situation__in=situations_visibles(user, date),
                                     apprenant__in=p.apprenants_visibles(user, date))
