"""Who may reach the exports: scopes over ``acces.perimetres`` and the bilans' documents.

* a class's Exports page — whoever reads the class (its teachers, the DDFPT, a granted
  inspector); running a class-scope format — those who produce the class's documents (its
  teachers and the DDFPT; never inspectors, who are read-only, nor tutors or learners);
* a learner's Exports page and learner-scope formats — whoever reads the learner's livret
  (the learner themself, their teachers, the DDFPT, a granted inspector, their tutor or
  master while the period runs): the same documents they can already open one by one;
* a batch and its file — the producers of its class, and its author as long as they still
  read its learner.
"""
import datetime

from django.db.models import Q, QuerySet

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.roles import est_connecte
from cpro_platform.bilans.perimetres_documents import classes_documentees

from .models import LotExport

Date = datetime.date | None

classes_lisibles = p.classes_visibles
classes_exportables = classes_documentees
apprenants_exportables = p.apprenants_visibles


def classes_lisibles_detail(user, date: Date = None):
    return classes_lisibles(user, date).select_related("annee", "referentiel", "etablissement")


def lots_lisibles(user, date: Date = None) -> QuerySet[LotExport]:
    if not est_connecte(user):
        return LotExport.objects.none()
    return LotExport.objects.filter(
        Q(classe__in=classes_exportables(user, date))
        | Q(auteur=user, apprenant__in=apprenants_exportables(user, date))
    ).select_related("classe", "apprenant", "auteur")
