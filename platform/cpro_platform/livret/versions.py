"""Per-learner versions of what the livret pages show; every write that changes them bumps.

``toucher(ids)`` bumps the learners' ``VersionLivret`` in the caller's transaction (one UPDATE,
plus one INSERT for learners without a row yet): a page read after the commit sees the new
version with the new data, never one without the other. Explicit calls sit on the bulk write
paths (``suivi.grille.enregistrer_grille``, ``suivi.scenarios.dupliquer_scenario``); model
writes bump through the signals of ``livret.signaux``. ``etat_apprenant`` and ``etat_classe``
read what the page cache keys a page by (``livret.cache``), in one query each.
"""
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils import timezone

from cpro_platform.etablissements.models import Apprenant, Classe

from .models import VersionLivret


def toucher(apprenant_ids: Iterable[int] | QuerySet) -> None:
    """Bump the versions of these learners (ids, or a queryset of learner ids)."""
    if not isinstance(apprenant_ids, QuerySet):
        apprenant_ids = {int(i) for i in apprenant_ids if i is not None}
        if not apprenant_ids:
            return
    maintenant = timezone.now()
    changees = VersionLivret.objects.filter(apprenant_id__in=apprenant_ids).update(
        version=F("version") + 1, modifie_le=maintenant)
    if isinstance(apprenant_ids, QuerySet):
        manquants = set(apprenant_ids.exclude(pk__in=VersionLivret.objects.values(
            "apprenant_id")).values_list("pk", flat=True))
    elif changees < len(apprenant_ids):
        manquants = apprenant_ids  # rows bumped above are left alone (ignore_conflicts)
    else:
        return
    VersionLivret.objects.bulk_create(
        [VersionLivret(apprenant_id=i, version=1, modifie_le=maintenant) for i in manquants],
        ignore_conflicts=True)


def apprenants_de_classes(classes: QuerySet | Iterable[int]) -> QuerySet:
    """The ids of the learners ever enrolled in ``classes`` (a queryset, for ``toucher``)."""
    return Apprenant.objects.filter(inscriptions__classe__in=classes).values("pk")


@dataclass(frozen=True)
class Etat:
    """What a page's key is made of beside the request (``livret.cache``)."""

    parties: tuple
    modifie_le: datetime.datetime | None


def _etat(lignes: list[tuple], *autres) -> Etat:
    lignes = sorted(set(lignes), key=repr)
    dates = [ligne[2] for ligne in lignes if ligne[2] is not None]
    return Etat((tuple(lignes), *autres), max(dates, default=None))


def etat_apprenant(apprenant: Apprenant) -> Etat:
    """The learner's version, and the referentials of their classes (one query), with the
    learner's own row as the view loaded it."""
    lignes = list(Apprenant.objects.filter(pk=apprenant.pk).values_list(
        "pk", "version_livret__version", "version_livret__modifie_le",
        "inscriptions__classe_id", "inscriptions__classe__referentiel__data_hash"))
    return _etat(lignes, _champs(apprenant))


def etat_classe(classe: Classe) -> Etat:
    """The versions of the class's learners (one query), the class's row and referential."""
    lignes = list(Apprenant.objects.filter(inscriptions__classe=classe).values_list(
        "pk", "version_livret__version", "version_livret__modifie_le"))
    return _etat(lignes, _champs(classe), classe.referentiel.data_hash)


def _champs(objet) -> tuple:
    """Every column of a row: a change the versions miss (an undone import) still shows."""
    return tuple(getattr(objet, f.attname) for f in objet._meta.concrete_fields)
