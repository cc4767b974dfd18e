from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EtablissementsConfig(AppConfig):
    name = "cpro_platform.etablissements"
    label = "etablissements"
    verbose_name = _("Établissements")
