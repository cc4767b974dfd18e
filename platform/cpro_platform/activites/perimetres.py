"""What a user may reach among fiches d'activité, built on the policy's scopes.

* reading a learner's sheets and photos — whoever reads their livret (the sheets are its
  company evidence): the learner, the teachers of their classes, the DDFPT, a granted
  inspector, their tutor or master while the Encadrement runs;
* declaring and editing — the learner themself, or a teacher of a class they are enrolled in
  now, on their behalf (the sheet says who: ``auteur``); only while the sheet is "déclarée" or
  "à revoir" and its period open (``activites.regles``, with a message);
* reviewing (confirm, "à revoir") — the tutor of the sheet's placement or the master of its
  contract, while their Encadrement runs: never another learner's, never after it ended;
* a class's sheets — whoever sees the class.
"""
import datetime

from django.db.models import Q, QuerySet

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.roles import encadrements_actifs, est_connecte
from cpro_platform.etablissements.models import Apprenant, Inscription

from .models import FicheActivite, PhotoFiche

Date = datetime.date | None

apprenants_lisibles = p.apprenants_visibles
classes_lisibles = p.classes_visibles


def apprenants_declarants(user, date: Date = None) -> QuerySet[Apprenant]:
    """Learners ``user`` may declare sheets for: themself, or those enrolled now in a class
    ``user`` teaches."""
    if not est_connecte(user):
        return Apprenant.objects.none()
    return Apprenant.objects.filter(
        Q(user=user) | Q(pk__in=Inscription.objects.actives(date).filter(
            classe__in=p.classes_enseignees(user, date)).values("apprenant")))


def fiches_lisibles(user, date: Date = None) -> QuerySet[FicheActivite]:
    return FicheActivite.objects.filter(apprenant__in=p.apprenants_visibles(user, date))


def fiches_modifiables(user, date: Date = None) -> QuerySet[FicheActivite]:
    return FicheActivite.objects.filter(apprenant__in=apprenants_declarants(user, date))


def fiches_relisibles(user, date: Date = None) -> QuerySet[FicheActivite]:
    """Sheets of the placements and contracts ``user`` tutors today."""
    encadrements = encadrements_actifs(user, date)
    return FicheActivite.objects.filter(Q(stage__encadrement__in=encadrements)
                                        | Q(contrat__encadrement__in=encadrements))


def photos_lisibles(user, date: Date = None) -> QuerySet[PhotoFiche]:
    return PhotoFiche.objects.filter(fiche__in=fiches_lisibles(user, date))
