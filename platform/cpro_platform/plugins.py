"""The plugin manager: core plugins first, then installed entry points of group ``cpro_platform``.

Every error raised here names the plugin, its distribution and its version, so a teacher's
administrator can tell which package to update or remove.
"""
from __future__ import annotations

import importlib
import importlib.metadata
from collections.abc import Iterable
from dataclasses import dataclass

import pluggy

from cpro_platform import __version__, hookspecs

#: Entry-point group, marker project name and package name are one word.
PROJECT = "cpro_platform"
#: Built-in behaviour written as ordinary plugins; these cannot be blocked.
DEFAULT_PLUGINS: tuple[str, ...] = (
    "core_plugins.default_echelle",
    "core_plugins.default_positionnement",
    "core_plugins.default_maitrise",
    "core_plugins.default_agregation",
    "core_plugins.default_bilan",
    "core_plugins.default_ponderations",
    "core_plugins.default_note",
    "core_plugins.default_projection",
    "core_plugins.default_exports",
    "core_plugins.default_grille",
    "core_plugins.default_note_periode",
    "core_plugins.default_correspondance",
)


@dataclass(frozen=True)
class PluginInfo:
    name: str
    distribution: str
    version: str
    core: bool = False

    def __str__(self) -> str:
        return f"{self.name!r} (distribution {self.distribution} {self.version})"


class PluginError(Exception):
    """A plugin that cannot be loaded or used."""

    def __init__(self, plugin: PluginInfo, message: str):
        self.plugin = plugin
        super().__init__(f"Plugin {plugin}: {message}")


class CproPluginManager(pluggy.PluginManager):
    def __init__(self) -> None:
        super().__init__(PROJECT)
        self.infos: dict[str, PluginInfo] = {}

    def info(self, name: str) -> PluginInfo:
        return self.infos[name]

    def hook_names(self, name: str) -> list[str]:
        plugin = self.get_plugin(name)
        return sorted(caller.name for caller in self.get_hookcallers(plugin) or [])


def _entry_point_info(ep: importlib.metadata.EntryPoint) -> PluginInfo:
    dist = ep.dist
    if dist is None:
        return PluginInfo(ep.name, "unknown distribution", "?")
    return PluginInfo(ep.name, dist.metadata["Name"], dist.version)


def get_plugin_manager(
    *,
    allow: Iterable[str] | None = None,
    block: Iterable[str] = (),
    entry_points: Iterable[importlib.metadata.EntryPoint] | None = None,
) -> CproPluginManager:
    """A fresh manager: core plugins, then the allowed, unblocked installed plugins.

    :param allow: entry-point names to load; ``None`` loads them all.
    :param block: entry-point names never to load.
    :param entry_points: for tests; defaults to the installed ones.
    :raises PluginError: naming the plugin that failed to import or to validate.
    """
    pm = CproPluginManager()
    pm.add_hookspecs(hookspecs)
    for dotted in DEFAULT_PLUGINS:
        info = PluginInfo(dotted, "cpro-platform", __version__, core=True)
        _register(pm, importlib.import_module(dotted), info)

    allowed = None if allow is None else set(allow)
    blocked = set(block)
    if entry_points is None:
        entry_points = importlib.metadata.entry_points(group=PROJECT)
    for ep in sorted(entry_points, key=lambda ep: ep.name):
        if (allowed is not None and ep.name not in allowed) or ep.name in blocked:
            continue
        info = _entry_point_info(ep)
        if ep.name in pm.infos:
            raise PluginError(info, f"the name is already used by {pm.infos[ep.name]}")
        try:
            module = ep.load()
        except Exception as exc:  # any import-time failure is the plugin's, say so
            raise PluginError(info, f"failed to import {ep.value!r}: "
                                    f"{type(exc).__name__}: {exc}") from exc
        _register(pm, module, info)

    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(_info_for(pm, exc.plugin), _hint(str(exc))) from exc
    return pm


def _register(pm: CproPluginManager, module: object, info: PluginInfo) -> None:
    pm.infos[info.name] = info
    try:
        pm.register(module, name=info.name)
    except pluggy.PluginValidationError as exc:
        del pm.infos[info.name]
        raise PluginError(info, str(exc)) from exc


def _info_for(pm: CproPluginManager, plugin: object) -> PluginInfo:
    name = pm.get_name(plugin) or repr(plugin)
    return pm.infos.get(name, PluginInfo(name, "unknown distribution", "?"))


def _hint(message: str) -> str:
    known = ", ".join(sorted(name for name in dir(hookspecs) if _is_spec(name)))
    return f"{message} (known hooks: {known})"


def _is_spec(name: str) -> bool:
    return hasattr(getattr(hookspecs, name, None), f"{PROJECT}_spec")


_cached: CproPluginManager | None = None


def plugin_manager() -> CproPluginManager:
    """The process-wide manager, configured from the ``CPRO`` Django setting."""
    global _cached
    if _cached is None:
        from cpro_platform.conf import cpro_setting

        _cached = get_plugin_manager(allow=cpro_setting("PLUGINS_ALLOW"),
                                     block=cpro_setting("PLUGINS_BLOCK"))
    return _cached


def reset_plugin_manager() -> None:
    """Forget the process-wide manager (tests and settings changes)."""
    global _cached
    _cached = None
