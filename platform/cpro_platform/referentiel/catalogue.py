"""What the installed plugins provide: every registered referential, loaded and validated.

Django-free, so the authoring kit and the host's sync share it. All files are validated before
the host writes anything: one bad plugin stops the sync with every problem listed. The plugins
are asked through the rules gateway (:mod:`cpro_platform.regles`), like everywhere else.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cpro_platform.regles import Regles

from .loader import ReferentielInvalide, data_hash, load
from .schema import Niveau, Referentiel


@dataclass(frozen=True)
class Fourni:
    """A referential as provided by one plugin."""

    plugin: object  # cpro_platform.plugins.PluginInfo
    path: Path
    referentiel: Referentiel
    echelle: tuple[Niveau, ...]
    hash: str


class CatalogueInvalide(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def collect(pm, *, strict: bool = False) -> list[Fourni]:
    """Load every registered referential; raise with all problems if any is unusable."""
    regles = Regles(pm)
    errors: list[str] = []
    provided: list[Fourni] = []
    owners: dict[tuple[str, str], object] = {}
    for info, path in regles.referentiels_enregistres():
        try:
            referentiel = load(path, strict=strict, plugin=str(info))
        except ReferentielInvalide as exc:
            errors.append(str(exc))
            continue
        key = (referentiel.code, referentiel.version)
        if key in owners:
            errors.append(f"Referential {key[0]} version {key[1]} is provided twice: by plugin "
                          f"{owners[key]} and by plugin {info} ({path}); uninstall or block one.")
            continue
        owners[key] = info
        niveaux = referentiel.echelle.niveaux if referentiel.echelle else \
            regles.echelle_par_defaut(referentiel)
        provided.append(Fourni(info, path, referentiel, tuple(niveaux),
                               data_hash(referentiel, [n.model_dump() for n in niveaux])))
    if errors:
        raise CatalogueInvalide(errors)
    return provided
