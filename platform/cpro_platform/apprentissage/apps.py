from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprentissageConfig(AppConfig):
    name = "cpro_platform.apprentissage"
    label = "apprentissage"
    verbose_name = _("Livret d'apprentissage")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import politique

        politique.enregistrer()
