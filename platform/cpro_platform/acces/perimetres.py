"""Querysets of what a user may reach: the single source of truth of the access policy.

Every list is filtered by one of these, every object is fetched through one of these (so an id
outside the scope gives a 404), and every rule in ``politique`` tests membership in one of these.
Each function takes an optional ``date`` (today by default): roles, grants and tutoring periods
only count while they run.

Two families:

* pedagogical reading and writing (``classes_visibles``, ``apprenants_visibles``,
  ``apprenants_evaluables``) — teachers, DDFPT, inspectors, tutors and masters, the learner;
* administration (``etablissements_administres``, ``apprenants_geres``, ``personnes_gerees``…)
  — the establishment's administrators, who manage people and structure but make no
  pedagogical entries and do not read the livret unless they also hold a pedagogical role.
"""
import datetime

from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet

from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.etablissements.models import (
    Apprenant, Classe, Encadrement, Enseignement, Entreprise, Etablissement, Inscription,
    Parcours, Tuteur)

from .roles import encadrements_actifs, est_connecte, etablissements_ou, roles_actifs

User = get_user_model()
Date = datetime.date | None


# --- pedagogical scope -----------------------------------------------------------------------

def classes_enseignees(user, date: Date = None) -> QuerySet[Classe]:
    """The classes ``user`` teaches, while holding a teacher role in their establishment."""
    if not est_connecte(user):
        return Classe.objects.none()
    etablissements = etablissements_ou(user, TypeRole.ENSEIGNANT, date=date)
    return Classe.objects.filter(pk__in=Enseignement.objects.filter(
        enseignant=user, classe__etablissement__in=etablissements).values("classe"))


def classes_visibles(user, date: Date = None) -> QuerySet[Classe]:
    """Classes whose learners and pedagogical content ``user`` may read.

    A teacher: the classes they teach. A DDFPT: every class of their establishment. An
    inspector: the classes of the grant (all of the establishment's when the grant names none).
    """
    if not est_connecte(user):
        return Classe.objects.none()
    inspections = roles_actifs(user, date).filter(type=TypeRole.INSPECTEUR)
    classes_accordees = Role.classes.through.objects.filter(
        role__in=inspections, classe__etablissement_id=F("role__etablissement_id"))
    return Classe.objects.filter(
        Q(pk__in=classes_enseignees(user, date).values("pk"))
        | Q(etablissement__in=etablissements_ou(user, TypeRole.DDFPT, date=date))
        | Q(etablissement__in=inspections.filter(classes__isnull=True).values("etablissement"))
        | Q(pk__in=classes_accordees.values("classe"))
    )


def apprenants_visibles(user, date: Date = None) -> QuerySet[Apprenant]:
    """Learners whose record and livret ``user`` may read.

    The learner themself; the learners of the visible classes; every learner whose path went
    through a DDFPT's establishment; a tutor's or master's learners during their periods only.
    """
    if not est_connecte(user):
        return Apprenant.objects.none()
    return Apprenant.objects.filter(
        Q(user=user)
        | Q(pk__in=Inscription.objects.filter(
            classe__in=classes_visibles(user, date)).values("apprenant"))
        | Q(pk__in=Parcours.objects.filter(etablissement__in=etablissements_ou(
            user, TypeRole.DDFPT, date=date)).values("apprenant"))
        | Q(pk__in=encadrements_actifs(user, date).values("apprenant"))
    )


def apprenants_evaluables(user, date: Date = None) -> QuerySet[Apprenant]:
    """Learners for whom ``user`` may make pedagogical entries (evaluations, positionnements).

    Teachers, for the learners currently enrolled in a class they teach; tutors and masters,
    for their learners during their periods. Never administrators, inspectors or learners.
    """
    if not est_connecte(user):
        return Apprenant.objects.none()
    return Apprenant.objects.filter(
        Q(pk__in=Inscription.objects.actives(date).filter(
            classe__in=classes_enseignees(user, date)).values("apprenant"))
        | Q(pk__in=encadrements_actifs(user, date).values("apprenant"))
    )


def mes_apprenants_encadres(user, date: Date = None) -> QuerySet[Encadrement]:
    """A tutor's or master's running periods, with learner and company, for "Mes apprenants"."""
    return encadrements_actifs(user, date).select_related("apprenant", "tuteur__entreprise")


# --- administration scope --------------------------------------------------------------------

def etablissements_administres(user, date: Date = None) -> QuerySet[Etablissement]:
    return etablissements_ou(user, TypeRole.ADMINISTRATEUR, date=date)


def etablissements_audites(user, date: Date = None) -> QuerySet[Etablissement]:
    """Where ``user`` may read the audit log: administrators and DDFPT."""
    return etablissements_ou(user, TypeRole.ADMINISTRATEUR, TypeRole.DDFPT, date=date)


def apprenants_des_etablissements(etablissements: QuerySet[Etablissement]
                                  ) -> QuerySet[Apprenant]:
    """Learners whose path or classes went through one of ``etablissements``."""
    return Apprenant.objects.filter(
        Q(pk__in=Parcours.objects.filter(etablissement__in=etablissements).values("apprenant"))
        | Q(pk__in=Inscription.objects.filter(
            classe__etablissement__in=etablissements).values("apprenant")))


def personnes_des_etablissements(etablissements: QuerySet[Etablissement]) -> QuerySet:
    """Accounts linked to ``etablissements``: staff (any period), tutors, learners."""
    return User.objects.filter(
        Q(pk__in=Role.objects.filter(etablissement__in=etablissements).values("user"))
        | Q(pk__in=Tuteur.objects.filter(
            entreprise__etablissement__in=etablissements).values("user"))
        | Q(pk__in=apprenants_des_etablissements(etablissements).values("user")))


def apprenants_geres(user, date: Date = None) -> QuerySet[Apprenant]:
    return apprenants_des_etablissements(etablissements_administres(user, date))


def personnes_gerees(user, date: Date = None) -> QuerySet:
    return personnes_des_etablissements(etablissements_administres(user, date))


def entreprises_gerees(user, date: Date = None) -> QuerySet[Entreprise]:
    return Entreprise.objects.filter(etablissement__in=etablissements_administres(user, date))


def apprenants_audites(user, date: Date = None) -> QuerySet[Apprenant]:
    """Learners whose change history ``user`` may read."""
    return apprenants_des_etablissements(etablissements_audites(user, date))


def personnes_auditees(user, date: Date = None) -> QuerySet:
    """People whose change history ``user`` may read."""
    return personnes_des_etablissements(etablissements_audites(user, date))


def personne_modifiable(user, personne, date: Date = None) -> bool:
    """May ``user`` edit this account's identity (name, e-mail, active flag)?

    Only when every establishment the person is linked to is administered by ``user``:
    otherwise an administrator could, say, change the e-mail of a colleague elsewhere and
    take over their account through a password reset.
    """
    if personne.is_superuser or personne.is_staff:
        return False
    mine = etablissements_administres(user, date)
    if not personnes_des_etablissements(mine).filter(pk=personne.pk).exists():
        return False
    elsewhere = Etablissement.objects.exclude(pk__in=mine.values("pk"))
    return not personnes_des_etablissements(elsewhere).filter(pk=personne.pk).exists()
