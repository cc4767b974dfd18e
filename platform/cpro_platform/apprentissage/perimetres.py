"""What a user may reach in the livret d'apprentissage, built on the policy's scopes.

An establishment's contracts belong to it through the employer (``Entreprise.etablissement``).

* managing contracts (create, edit the employer's data, dates, master) — the administrators
  and the DDFPT of the establishment;
* reading a booklet — the apprentice themself; the teachers of their classes, the DDFPT, a
  granted inspector (whoever sees the class); the contract's trainer (formateur référent) while
  they hold a role in the establishment; the master only through the contract's own dated
  ``Encadrement``, so only while the contract runs. Nobody else, not another learner's tutor;
* following it as the centre (calendar, opening reviews, the trainer's appreciation and
  signature) — the trainer, the teachers of a class the apprentice is enrolled in now, the
  DDFPT;
* the master's entries, appreciation and signature — the master while the contract runs;
* the apprentice's comment and signature — the apprentice.
"""
import datetime

from django.db.models import Q, QuerySet

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.roles import encadrements_actifs, est_connecte, etablissements_ou
from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Etablissement, Inscription, Parcours

from .models import BilanApprentissage, Contrat

Date = datetime.date | None


def etablissements_des_contrats(user, date: Date = None) -> QuerySet[Etablissement]:
    """Where ``user`` manages apprenticeship contracts: administrators and DDFPT."""
    return etablissements_ou(user, TypeRole.ADMINISTRATEUR, TypeRole.DDFPT, date=date)


def contrats_geres(user, date: Date = None) -> QuerySet[Contrat]:
    return Contrat.objects.filter(
        employeur__etablissement__in=etablissements_des_contrats(user, date))


def _formateur(user, date: Date) -> Q:
    """The contract's trainer, while they teach or direct in its establishment."""
    return Q(formateur_referent=user, employeur__etablissement__in=etablissements_ou(
        user, TypeRole.ENSEIGNANT, TypeRole.DDFPT, date=date))


def _enseignants_actuels(user, date: Date) -> Q:
    return Q(apprenant__in=Inscription.objects.actives(date).filter(
        classe__in=p.classes_enseignees(user, date)).values("apprenant"))


def contrats_du_maitre(user, date: Date = None) -> QuerySet[Contrat]:
    """The master's contracts, through the contract's own dated link (none after its end)."""
    if not est_connecte(user):
        return Contrat.objects.none()
    return Contrat.objects.filter(encadrement__in=encadrements_actifs(user, date))


def contrats_suivis(user, date: Date = None) -> QuerySet[Contrat]:
    """Contracts ``user`` follows for the centre: trainer, current teachers, DDFPT."""
    if not est_connecte(user):
        return Contrat.objects.none()
    return Contrat.objects.filter(
        _formateur(user, date) | _enseignants_actuels(user, date)
        | Q(employeur__etablissement__in=etablissements_ou(user, TypeRole.DDFPT, date=date)))


def contrats_de_l_apprenti(user, date: Date = None) -> QuerySet[Contrat]:
    if not est_connecte(user):
        return Contrat.objects.none()
    return Contrat.objects.filter(apprenant__user=user)


def mes_apprentis(user, date: Date = None) -> QuerySet[Contrat]:
    """"Mes apprentis": the master's running contracts, the trainer's and the teachers'."""
    if not est_connecte(user):
        return Contrat.objects.none()
    return Contrat.objects.filter(
        Q(encadrement__in=encadrements_actifs(user, date)) | _formateur(user, date)
        | _enseignants_actuels(user, date))


def contrats_lisibles(user, date: Date = None) -> QuerySet[Contrat]:
    if not est_connecte(user):
        return Contrat.objects.none()
    return Contrat.objects.filter(
        Q(apprenant__user=user)
        | Q(apprenant__in=Inscription.objects.filter(
            classe__in=p.classes_visibles(user, date)).values("apprenant"))
        | Q(apprenant__in=Parcours.objects.filter(etablissement__in=etablissements_ou(
            user, TypeRole.DDFPT, date=date)).values("apprenant"))
        | _formateur(user, date)
        | Q(encadrement__in=encadrements_actifs(user, date)))


def contrats_signables(user, date: Date = None) -> QuerySet[Contrat]:
    """Contracts whose reviews ``user`` writes and signs in some capacity."""
    return Contrat.objects.filter(
        Q(pk__in=contrats_du_maitre(user, date).values("pk"))
        | Q(pk__in=contrats_suivis(user, date).values("pk"))
        | Q(pk__in=contrats_de_l_apprenti(user, date).values("pk")))


def bilans_lisibles(user, date: Date = None) -> QuerySet[BilanApprentissage]:
    return BilanApprentissage.objects.filter(contrat__in=contrats_lisibles(user, date))


def bilans_signables(user, date: Date = None) -> QuerySet[BilanApprentissage]:
    return BilanApprentissage.objects.filter(contrat__in=contrats_signables(user, date))
