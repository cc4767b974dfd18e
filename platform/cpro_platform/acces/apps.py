from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccesConfig(AppConfig):
    name = "cpro_platform.acces"
    label = "acces"
    verbose_name = _("Politique d'accès")
