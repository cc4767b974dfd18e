from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecuriteConfig(AppConfig):
    name = "cpro_platform.securite"
    label = "securite"
    verbose_name = _("Sécurité")
    default_auto_field = "django.db.models.BigAutoField"
