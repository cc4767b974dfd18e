from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuiviConfig(AppConfig):
    name = "cpro_platform.suivi"
    label = "suivi"
    verbose_name = _("Suivi des compétences")

    def ready(self) -> None:
        from . import checks, politique, sqlite  # noqa: F401  (checks registers itself)

        politique.enregistrer()
        sqlite.connecter()
