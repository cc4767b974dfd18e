from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PFMPConfig(AppConfig):
    name = "cpro_platform.pfmp"
    label = "pfmp"
    verbose_name = _("Périodes de formation en milieu professionnel")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import politique, rappels_acces

        politique.enregistrer()
        rappels_acces.enregistrer()
