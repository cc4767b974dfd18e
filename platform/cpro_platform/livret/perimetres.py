"""What a user may reach in the livret, built on the policy's scopes.

* reading a learner's livret, dashboard and positionnements — whoever may see the learner
  (``acces.perimetres.apprenants_visibles``): the learner, the teachers of their classes, the
  DDFPT, a granted inspector, and their tutor or master only while the Encadrement runs. The
  livret is shared whole with every one of them: school and company columns side by side;
* placing a learner (positionnement) — the teachers of a class the learner is currently
  enrolled in; not tutors, DDFPT or inspectors;
* a class's overview (heatmap, coverage) — whoever sees the class.
"""
import datetime

from django.db.models import QuerySet

from cpro_platform.acces import perimetres as p
from cpro_platform.etablissements.models import Apprenant, Inscription

Date = datetime.date | None

apprenants_lisibles = p.apprenants_visibles
classes_lisibles = p.classes_visibles


def classes_lisibles_detail(user, date: Date = None):
    """``classes_lisibles`` with the year and referential a class page shows, in the same
    query as the lookup."""
    return classes_lisibles(user, date).select_related("annee", "referentiel")


def apprenants_positionnables(user, date: Date = None) -> QuerySet[Apprenant]:
    """Learners ``user`` may place: enrolled now in a class ``user`` teaches."""
    return Apprenant.objects.filter(pk__in=Inscription.objects.actives(date).filter(
        classe__in=p.classes_enseignees(user, date)).values("apprenant"))
