"""From the referential tables to the values the rules see (:mod:`cpro_platform.regles`).

The pages and the bilans hand the gateway these values, never model instances.
"""
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache

from cpro_platform.regles import EpreuveObservee, ReferentielRef

from .models import Epreuve, Ponderation, Referentiel


@lru_cache(maxsize=256)
def _ref(code: str, version: str, plugin: str) -> ReferentielRef:
    return ReferentielRef(code, version, plugin)


def ref_de(referentiel: Referentiel) -> ReferentielRef:
    """The referential as the rules see it (one shared value per referential)."""
    return _ref(referentiel.code, referentiel.version, referentiel.plugin)


def epreuves_de(referentiel: Referentiel) -> list[EpreuveObservee]:
    """The referential's épreuves, each with its sous-épreuves, in order (two queries)."""
    lignes = list(Epreuve.objects.filter(referentiel=referentiel).order_by("ordre", "pk"))
    competences = defaultdict(list)
    for epreuve_id, code in (Epreuve.competences.through.objects
                             .filter(epreuve__referentiel=referentiel)
                             .order_by("competence__ordre", "competence__code")
                             .values_list("epreuve_id", "competence__code")):
        competences[epreuve_id].append(code)
    enfants = defaultdict(list)
    for epreuve in lignes:
        enfants[epreuve.parent_id].append(epreuve)

    def valeur(epreuve: Epreuve) -> EpreuveObservee:
        return EpreuveObservee(
            code=epreuve.code, intitule=epreuve.intitule, coefficient=epreuve.coefficient,
            competences=tuple(competences[epreuve.pk]),
            sous_epreuves=tuple(valeur(sous) for sous in enfants[epreuve.pk]))

    return [valeur(epreuve) for epreuve in enfants[None]]


def ponderations_declarees(referentiel: Referentiel) -> dict[str, dict[str, Decimal]]:
    """The referential's own pondérations: épreuve code → compétence code → percent."""
    out: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for epreuve, competence, pourcentage in (
            Ponderation.objects.filter(epreuve__referentiel=referentiel)
            .order_by("epreuve__ordre", "competence__ordre")
            .values_list("epreuve__code", "competence__code", "pourcentage")):
        out[epreuve][competence] = pourcentage
    return dict(out)
