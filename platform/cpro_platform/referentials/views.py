"""The referential browser: what each installed diploma contains, and where it comes from.

Both pages run a fixed number of queries whatever the size of the referential: counts are
subquery annotations, the detail page's tree is prefetched level by level.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce

from django.db.models import (BooleanField, Count, Exists, ExpressionWrapper, IntegerField,
                              OuterRef, Prefetch, Q, QuerySet, Subquery)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render

from .models import (Activite, Bloc, Competence, Critere, Epreuve, Indicateur, Pole,
                     Ponderation, Provenance, Referentiel, Unite)

#: Every kind of content with the lookup from it to its referential.
CONTENU: tuple[tuple[type, str], ...] = (
    (Unite, "referentiel"),
    (Bloc, "referentiel"),
    (Competence, "referentiel"),
    (Critere, "competence__referentiel"),
    (Indicateur, "critere__competence__referentiel"),
    (Pole, "referentiel"),
    (Activite, "pole__referentiel"),
    (Epreuve, "referentiel"),
    (Ponderation, "epreuve__referentiel"),
)


def _nombre_de(model, lien: str):
    """How many ``model`` rows belong to the outer referential, as a subquery annotation."""
    compte = (model.objects.filter(**{lien: OuterRef("pk")}).order_by().values(lien)
              .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(compte, output_field=IntegerField()), 0)


def _contient_du_provisoire():
    """True when the referential or any of its content is provisional."""
    provisoire = [Q(provenance=Provenance.PROVISOIRE)] + [
        Q(Exists(model.objects.filter(**{lien: OuterRef("pk")},
                                      provenance=Provenance.PROVISOIRE)))
        for model, lien in CONTENU]
    return ExpressionWrapper(reduce(operator.or_, provisoire), output_field=BooleanField())


def referentiels_annotes() -> QuerySet[Referentiel]:
    return Referentiel.objects.annotate(
        nb_blocs=_nombre_de(Bloc, "referentiel"),
        nb_competences=_nombre_de(Competence, "referentiel"),
        nb_criteres=_nombre_de(Critere, "competence__referentiel"),
        contenu_provisoire=_contient_du_provisoire(),
    )


def referentiel_list(request):
    referentiels = list(referentiels_annotes())
    return render(request, "referentials/list.html", {
        "actifs": [r for r in referentiels if r.actif],
        "inactifs": [r for r in referentiels if not r.actif],
    })


def _contenu_prefetche() -> QuerySet[Referentiel]:
    # Only what the page lists: a compétence cited by an activité or an épreuve is a code.
    citees = Competence.objects.only("id", "code", "intitule", "ordre")
    return referentiels_annotes().prefetch_related(
        "niveaux",
        Prefetch("unites", queryset=Unite.objects.prefetch_related(
            Prefetch("blocs", queryset=Bloc.objects.only("id", "code", "unite_id", "ordre")),
            Prefetch("epreuves", queryset=Epreuve.objects.only("id", "code", "unite_id",
                                                               "ordre")))),
        Prefetch("blocs", queryset=Bloc.objects.select_related("unite").prefetch_related(
            Prefetch("competences", queryset=Competence.objects.prefetch_related(
                Prefetch("criteres", queryset=Critere.objects.prefetch_related(
                    "indicateurs")))))),
        Prefetch("poles", queryset=Pole.objects.prefetch_related(
            Prefetch("activites", queryset=Activite.objects.prefetch_related(
                Prefetch("competences", queryset=citees))))),
        Prefetch("epreuves", queryset=Epreuve.objects.select_related("unite").prefetch_related(
            Prefetch("competences", queryset=citees),
            Prefetch("ponderations",
                     queryset=Ponderation.objects.select_related("competence")))),
    )


@dataclass
class LigneEpreuve:
    """One row of the exam table: an épreuve, how deep it sits, what it evaluates."""

    epreuve: Epreuve
    parent: Epreuve | None = None
    profondeur: int = 0
    sous_epreuves: list[LigneEpreuve] = field(default_factory=list)
    competences_evaluees: list[Competence] = field(default_factory=list)

    @property
    def ponderations(self) -> list[Ponderation]:
        return list(self.epreuve.ponderations.all())

    @property
    def total_ponderations(self) -> Decimal:
        return sum((p.pourcentage for p in self.ponderations), Decimal(0))

    @property
    def provenances_ponderations(self) -> list[Ponderation]:
        """One pondération per distinct provenance: the weights of an épreuve come from one
        entry of the file, so this is usually a single badge for the whole table."""
        distinctes: dict[tuple[str, str], Ponderation] = {}
        for p in self.ponderations:
            distinctes.setdefault((p.provenance, p.provenance_detail), p)
        return list(distinctes.values())


def lignes_epreuves(epreuves: list[Epreuve]) -> list[LigneEpreuve]:
    """The épreuves in reading order (each followed by its sous-épreuves), at any depth.

    An épreuve evaluates its own compétences, then its sous-épreuves' ones (as the validator
    reads it when it checks the pondérations).
    """
    lignes = {e.pk: LigneEpreuve(e) for e in epreuves}
    racines = []
    for e in epreuves:  # already ordered by ``ordre``
        if e.parent_id in lignes:
            lignes[e.pk].parent = lignes[e.parent_id].epreuve
            lignes[e.parent_id].sous_epreuves.append(lignes[e.pk])
        else:
            racines.append(lignes[e.pk])

    ordre: list[LigneEpreuve] = []

    def parcourir(ligne: LigneEpreuve, profondeur: int) -> list[Competence]:
        ligne.profondeur = profondeur
        ordre.append(ligne)
        evaluees = list(ligne.epreuve.competences.all())
        for sous in ligne.sous_epreuves:
            evaluees += [c for c in parcourir(sous, profondeur + 1) if c not in evaluees]
        ligne.competences_evaluees = evaluees
        return evaluees

    for racine in racines:
        parcourir(racine, 0)
    return ordre


def referentiel_detail(request, code: str, version: str):
    referentiel = get_object_or_404(_contenu_prefetche(), code=code, version=version)
    epreuves = lignes_epreuves(list(referentiel.epreuves.all()))
    return render(request, "referentials/detail.html", {
        "referentiel": referentiel,
        "epreuves": epreuves,
        "ponderees": [ligne for ligne in epreuves if ligne.ponderations],
    })
