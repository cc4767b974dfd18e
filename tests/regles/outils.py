"""Shared test helpers: a gateway over the core plugins (plus any given), and a referential."""
from cpro_platform.plugins import PluginInfo, get_plugin_manager
from cpro_platform.regles import ReferentielRef, Regles

REF = ReferentielRef("CPA", "2024", "cpro_carrosserie")
AUTRE = ReferentielRef("CAV", "2022", "cpro_construction_vehicules")
ECHELLE = (1, 2, 3, 4)


def passerelle(*plugins: tuple[str, object]) -> Regles:
    """A gateway over the core plugins and ``(name, plugin)`` pairs, registered in order
    (as installed plugins: distribution ``cpro-<name>`` version 1.2.3)."""
    pm = get_plugin_manager(entry_points=[])
    for name, plugin in plugins:
        pm.infos[name] = PluginInfo(name, f"cpro-{name}", "1.2.3")
        pm.register(plugin, name=name)
    return Regles(pm)
