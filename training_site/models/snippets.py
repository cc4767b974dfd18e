"""Reusable non-page content of the Formation space, edited as Wagtail snippets."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Thematique(index.Indexed, models.Model):
    """A theme of the programme, e.g. « Le livret de suivi »."""

    nom = models.CharField(_("nom"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [FieldPanel("nom"), FieldPanel("description"), FieldPanel("ordre")]
    search_fields = [index.SearchField("nom"), index.AutocompleteField("nom")]

    class Meta:
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")
        ordering = ["ordre", "nom"]

    def __str__(self) -> str:
        return self.nom


class Intervenant(index.Indexed, models.Model):
    """A presenter, reused across webinars."""

    nom = models.CharField(_("nom"), max_length=120)
    fonction = models.CharField(_("fonction"), max_length=200, blank=True,
                                help_text=_("Par exemple : professeur de carrosserie, IEN-ET."))
    photo = models.ForeignKey("wagtailimages.Image", on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("photo"))
    biographie = models.TextField(_("biographie"), blank=True)

    panels = [FieldPanel("nom"), FieldPanel("fonction"), FieldPanel("photo"),
              FieldPanel("biographie")]
    search_fields = [index.SearchField("nom"), index.AutocompleteField("nom")]

    class Meta:
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")
        ordering = ["nom"]

    def __str__(self) -> str:
        return f"{self.nom} — {self.fonction}" if self.fonction else self.nom
