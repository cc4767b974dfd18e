from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortabiliteConfig(AppConfig):
    name = "cpro_platform.portabilite"
    label = "portabilite"
    verbose_name = _("Dossier portable de l'apprenant")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import politique

        politique.enregistrer()
