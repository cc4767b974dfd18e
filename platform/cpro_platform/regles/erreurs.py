"""A rule that failed, named after its plugin; the failures a page met, each once."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cpro_platform.plugins import PluginError, PluginInfo


class ErreurDeRegle(PluginError):
    """A plugin's rule raised, or answered something the host cannot use.

    ``plugin`` is the :class:`~cpro_platform.plugins.PluginInfo` (name, distribution, version),
    ``regle`` the hook's name, ``detail`` what went wrong (``"ValueError: …"``).
    """

    def __init__(self, plugin: PluginInfo, regle: str, detail: str):
        self.regle = regle
        self.detail = detail
        super().__init__(plugin, f"rule {regle} failed: {detail}")


@dataclass
class Incident:
    erreur: ErreurDeRegle
    fois: int = 1


class Incidents:
    """The rule failures met while building one page: each (plugin, rule) once, with how
    many times it failed, so a page asking a broken rule 900 times shows one alert."""

    def __init__(self) -> None:
        self._par_cle: dict[tuple[str, str], Incident] = {}

    def signaler(self, erreur: ErreurDeRegle) -> bool:
        """Record ``erreur``; True when it is the first of its (plugin, rule)."""
        cle = (erreur.plugin.name, erreur.regle)
        incident = self._par_cle.get(cle)
        if incident is None:
            self._par_cle[cle] = Incident(erreur)
            return True
        incident.fois += 1
        return False

    def __iter__(self) -> Iterator[Incident]:
        return iter(self._par_cle.values())

    def __len__(self) -> int:
        return len(self._par_cle)

    def __bool__(self) -> bool:
        return bool(self._par_cle)
