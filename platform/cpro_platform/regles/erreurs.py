"""A rule that failed, named after its plugin; the failures a page met, each once."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

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
    """A plugin that failed on a page: its first error, and how often each rule failed."""

    erreur: ErreurDeRegle
    regles: dict[str, int] = field(default_factory=dict)

    @property
    def fois(self) -> int:
        return sum(self.regles.values())


class Incidents:
    """The rule failures met while building one page, by plugin: a page asking a broken rule
    900 times shows one alert naming the plugin and the rules that failed."""

    def __init__(self) -> None:
        self._par_plugin: dict[str, Incident] = {}
        #: The last failure recorded (what a caller asking one rule at a time stores).
        self.dernier: ErreurDeRegle | None = None

    def signaler(self, erreur: ErreurDeRegle) -> bool:
        """Record ``erreur``; True when it is the first of its (plugin, rule)."""
        self.dernier = erreur
        incident = self._par_plugin.setdefault(erreur.plugin.name, Incident(erreur))
        nouveau = erreur.regle not in incident.regles
        incident.regles[erreur.regle] = incident.regles.get(erreur.regle, 0) + 1
        return nouveau

    def __iter__(self) -> Iterator[Incident]:
        return iter(self._par_plugin.values())

    def __len__(self) -> int:
        return len(self._par_plugin)

    def __bool__(self) -> bool:
        return bool(self._par_plugin)
