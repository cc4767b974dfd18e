"""Plugin problems reported as Django system checks (``manage.py check``)."""
from django.core import checks

from cpro_platform.plugins import PluginError, plugin_manager, reset_plugin_manager
from cpro_platform.referentiel.catalogue import CatalogueInvalide, collect


@checks.register("cpro")
def check_plugins(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    reset_plugin_manager()  # read the plugins as installed now, not as first imported
    try:
        collect(plugin_manager())
    except PluginError as exc:
        return [checks.Error(str(exc), hint="Update, fix or block this plugin "
                             "(CPRO['PLUGINS_BLOCK']).", obj=exc.plugin.name, id="cpro.E001")]
    except CatalogueInvalide as exc:
        return [checks.Error(error, hint="Run 'python -m cpro_platform.referentiel validate' "
                             "on the file.", id="cpro.E002") for error in exc.errors]
    return []
