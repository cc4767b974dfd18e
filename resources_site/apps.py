from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesSiteConfig(AppConfig):
    name = "resources_site"
    verbose_name = _("Espace Ressources")
