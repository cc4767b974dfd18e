"""What the installed plugins provide: every registered referential, loaded and validated.

Django-free, so the authoring kit and the host's sync share it. All files are validated before
the host writes anything: one bad plugin stops the sync with every problem listed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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


def registrations(pm) -> list[tuple[object, Path]]:
    """Call each plugin's ``register_referentiels`` with a callback that knows who calls."""
    from cpro_platform.plugins import PluginError

    found: list[tuple[object, Path]] = []
    for impl in pm.hook.register_referentiels.get_hookimpls():
        info = pm.info(impl.plugin_name)

        def register(path, _info=info):
            found.append((_info, Path(path)))

        try:
            impl.function(**({"register": register} if "register" in impl.argnames else {}))
        except Exception as exc:
            raise PluginError(info, f"register_referentiels failed: "
                                    f"{type(exc).__name__}: {exc}") from exc
    return found


def collect(pm, *, strict: bool = False) -> list[Fourni]:
    """Load every registered referential; raise with all problems if any is unusable."""
    errors: list[str] = []
    provided: list[Fourni] = []
    owners: dict[tuple[str, str], object] = {}
    for info, path in registrations(pm):
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
            tuple(pm.hook.default_echelle(referentiel=referentiel) or ())
        provided.append(Fourni(info, path, referentiel, tuple(niveaux),
                               data_hash(referentiel, [n.model_dump() for n in niveaux])))
    if errors:
        raise CatalogueInvalide(errors)
    return provided
