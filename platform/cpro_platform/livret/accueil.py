"""The teacher's home: my classes, recent and upcoming situations, grids left to fill.

Constant queries: the counts come from correlated subqueries, not from one query per row.
"""
import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render

from cpro_platform.acces import perimetres as p
from cpro_platform.etablissements.models import Inscription, aujourdhui
from cpro_platform.suivi.models import Etat, Evaluation, Situation

#: How far back "recent" and ahead "upcoming" look, and how many of each the page lists.
FENETRE = datetime.timedelta(days=30)
LIMITE = 8


def _compte(qs: QuerySet, cle: str) -> Coalesce:
    return Coalesce(Subquery(qs.order_by().values(cle).annotate(n=Count("pk")).values("n")[:1],
                             output_field=IntegerField()), 0)


def situations_avec_remplissage(situations: QuerySet[Situation]) -> QuerySet[Situation]:
    """Annotate each situation with its grid's size (``cases``) and filled cells
    (``remplies``: a level or "absent"), each as a subquery."""
    criteres = Situation.criteres.through.objects.filter(situation=OuterRef("pk"))
    inscrits = Inscription.objects.actives().filter(classe=OuterRef("scenario__classe"))
    remplies = Evaluation.objects.courantes().filter(
        situation=OuterRef("pk"), etat__in=[Etat.EVALUE, Etat.ABSENT])
    return situations.annotate(
        nb_criteres=_compte(criteres, "situation"),
        nb_apprenants=_compte(inscrits, "classe"),
        remplies=_compte(remplies, "situation"),
    ).annotate(cases=F("nb_criteres") * F("nb_apprenants"))


def accueil_enseignant(request):
    today = aujourdhui()
    classes = (p.classes_enseignees(request.user)
               .select_related("annee", "referentiel", "etablissement")
               .annotate(effectif=Count("inscriptions", distinct=True,
                                        filter=Q(inscriptions__fin__isnull=True)
                                        | Q(inscriptions__fin__gte=today)))
               .order_by("-annee__debut", "nom"))
    miennes = Situation.objects.filter(
        scenario__classe__in=p.classes_enseignees(request.user)).select_related(
        "scenario__classe")
    recentes = list(situations_avec_remplissage(miennes.filter(
        debut__lte=today, debut__gte=today - FENETRE)).order_by("-debut", "ordre")[:LIMITE])
    a_venir = list(miennes.filter(debut__gt=today, debut__lte=today + FENETRE)
                   .order_by("debut", "ordre")[:LIMITE])
    a_remplir = list(situations_avec_remplissage(miennes.filter(debut__lte=today))
                     .filter(remplies__lt=F("cases")).order_by("-debut", "ordre")[:LIMITE])
    return render(request, "livret/accueil_enseignant.html", {
        "classes": classes, "recentes": recentes, "a_venir": a_venir,
        "a_remplir": a_remplir})
