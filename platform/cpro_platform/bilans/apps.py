from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BilansConfig(AppConfig):
    name = "cpro_platform.bilans"
    label = "bilans"
    verbose_name = _("Bilans intermédiaires")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks, politique, politique_documents  # noqa: F401  (checks registers)

        politique.enregistrer()
        politique_documents.enregistrer()
