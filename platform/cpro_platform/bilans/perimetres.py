"""What a user may reach in the bilans, built on the policy's scopes.

* a class's campaigns and their class view — whoever sees the class (its teachers, the DDFPT,
  a granted inspector); only the teachers of the class see drafts and write (open a campaign,
  enter levels, validate, correct);
* a learner's validated bilans and marks — whoever sees the learner: the learner, the
  teachers of their classes, the DDFPT, a granted inspector, their tutor or master while the
  Encadrement runs. Drafts: the teachers of the campaign's class only;
* pondérations and marks — written by the teachers of a class the learner is enrolled in now;
* period marks (``bilans.periodes``) — read with the bilan (``bilans.view_bilan``); asked for
  by whoever writes the campaign (``bilans.change_campagne``), modulated by whoever writes the
  bilan (``bilans.change_bilan``): the teachers of the campaign's class.
"""
import datetime

from django.db.models import Q, QuerySet

from cpro_platform.acces import perimetres as p
from cpro_platform.livret.perimetres import apprenants_positionnables

from .models import Bilan, Campagne, EtatBilan

Date = datetime.date | None

apprenants_lisibles = p.apprenants_visibles
classes_lisibles = p.classes_visibles
classes_ecrites = p.classes_enseignees
#: Pondérations and marks: the teachers of a class the learner is enrolled in now.
apprenants_notables = apprenants_positionnables


def campagnes_lisibles(user, date: Date = None) -> QuerySet[Campagne]:
    return Campagne.objects.filter(classe__in=p.classes_visibles(user, date)).select_related(
        "classe__referentiel", "classe__annee")


def campagnes_modifiables(user, date: Date = None) -> QuerySet[Campagne]:
    return Campagne.objects.filter(classe__in=p.classes_enseignees(user, date))


def bilans_lisibles(user, date: Date = None) -> QuerySet[Bilan]:
    """Every bilan of the classes ``user`` teaches; validated ones of the learners ``user``
    sees."""
    return Bilan.objects.filter(
        Q(campagne__classe__in=p.classes_enseignees(user, date))
        | Q(etat=EtatBilan.VALIDE, apprenant__in=p.apprenants_visibles(user, date)))


def bilans_modifiables(user, date: Date = None) -> QuerySet[Bilan]:
    """Bilans of the classes ``user`` teaches (drafts are written, validated ones corrected:
    the services refuse to write a validated one, with a message)."""
    return Bilan.objects.filter(campagne__classe__in=p.classes_enseignees(user, date))
