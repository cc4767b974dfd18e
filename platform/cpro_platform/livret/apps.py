"""The livret de suivi (a view over the evaluations), positionnements and dashboards."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivretConfig(AppConfig):
    name = "cpro_platform.livret"
    label = "livret"
    verbose_name = _("Livret de suivi")

    def ready(self) -> None:
        # signaux: the page versions' receivers; resume_signaux: the summary's updates.
        from . import politique, resume_signaux, signaux  # noqa: F401

        politique.enregistrer()
