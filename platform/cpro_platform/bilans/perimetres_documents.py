"""Who may reach the bilans' documents and projections: scopes over ``acces.perimetres``.

* reading — a learner's validated bilans (PDF), attestations and projection: whoever may read
  the learner's livret (``apprenants_visibles``): the class's teachers, the DDFPT, a granted
  inspector (read-only), the learner, their tutor or master while the period runs. Drafts are
  never printed;
* producing — issuing an attestation, making a class's PDFs in the background (the batch
  itself is the exports', ``exports.perimetres.lots_lisibles``): the teachers of the class
  (a class the learner was ever enrolled in, for an attestation) and the establishment's
  DDFPT; never inspectors, tutors or learners.
"""
import datetime

from django.db.models import Q, QuerySet

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.roles import etablissements_ou
from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Apprenant, Classe, Inscription

from .models import Attestation, Bilan, Campagne

Date = datetime.date | None

apprenants_lisibles = p.apprenants_visibles
classes_lisibles = p.classes_visibles

#: What a bilan's PDF prints about it, fetched with it.
DETAIL_BILAN = ("apprenant", "referentiel", "valide_par", "campagne__classe__etablissement",
                "campagne__classe__annee", "campagne__classe__referentiel")


def bilans_imprimables(user, date: Date = None) -> QuerySet[Bilan]:
    return Bilan.objects.valides().filter(
        apprenant__in=apprenants_lisibles(user, date)).select_related(*DETAIL_BILAN)


def attestations_lisibles(user, date: Date = None) -> QuerySet[Attestation]:
    return Attestation.objects.filter(apprenant__in=apprenants_lisibles(user, date))


def classes_documentees(user, date: Date = None) -> QuerySet[Classe]:
    """Classes whose documents ``user`` may produce: their teachers and the DDFPT."""
    return Classe.objects.filter(
        Q(pk__in=p.classes_enseignees(user, date).values("pk"))
        | Q(etablissement__in=etablissements_ou(user, TypeRole.DDFPT, date=date)))


def apprenants_attestables(user, date: Date = None) -> QuerySet[Apprenant]:
    """Learners ``user`` may issue an attestation to: enrolled (now or before — a learner who
    left gets one too) in a class whose documents ``user`` produces."""
    return Apprenant.objects.filter(pk__in=Inscription.objects.filter(
        classe__in=classes_documentees(user, date)).values("apprenant"))


def campagnes_documentees(user, date: Date = None) -> QuerySet[Campagne]:
    return Campagne.objects.filter(classe__in=classes_documentees(user, date)).select_related(
        "classe")
