from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitesConfig(AppConfig):
    name = "cpro_platform.activites"
    label = "activites"
    verbose_name = _("Activités en entreprise")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cpro_platform.pfmp import coevaluation_acces

        from . import politique, signaux  # noqa: F401  (signaux connects its receivers)

        politique.enregistrer()
        # The tutor's co-evaluation and bilan pages live in pfmp (their URLs and templates)
        # but belong to this feature: their actions are registered with the sheets'.
        coevaluation_acces.enregistrer()
