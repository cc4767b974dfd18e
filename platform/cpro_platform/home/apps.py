from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "cpro_platform.home"
    label = "cpro_home"
    verbose_name = _("Accueil")
