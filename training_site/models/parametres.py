"""Settings of the Formation space, edited by administrators in the CMS (Paramètres)."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="calendar")
class ParametresFormation(BaseGenericSetting):
    """Who answers the people who register to a webinar."""

    courriel_contact = models.EmailField(
        _("adresse de contact"), blank=True,
        help_text=_("Réponse directe aux courriels d’inscription ; indiquée aussi sur la page "
                    "de chaque webinaire. Laisser vide pour n’en indiquer aucune."))

    panels = [FieldPanel("courriel_contact")]

    class Meta:
        verbose_name = _("espace Formation")
