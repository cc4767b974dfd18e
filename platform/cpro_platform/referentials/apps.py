from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferentialsConfig(AppConfig):
    name = "cpro_platform.referentials"
    label = "referentials"
    verbose_name = _("Référentiels")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the plugin system checks)
