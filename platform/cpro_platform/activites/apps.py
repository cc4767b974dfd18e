from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitesConfig(AppConfig):
    name = "cpro_platform.activites"
    label = "activites"
    verbose_name = _("Activités en entreprise")
    default_auto_field = "django.db.models.BigAutoField"
