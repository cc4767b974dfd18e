"""A registration to a webinar: confirmed, on the waiting list, or cancelled (never deleted)."""
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StatutInscription(models.TextChoices):
    INSCRIT = "inscrit", _("Inscrit")
    ATTENTE = "attente", _("Liste d'attente")
    ANNULE = "annule", _("Annulé")


def nouveau_jeton() -> str:
    return secrets.token_urlsafe(32)


class Inscription(models.Model):
    webinaire = models.ForeignKey("training_site.WebinairePage", on_delete=models.CASCADE,
                                  related_name="inscriptions", verbose_name=_("webinaire"))
    email = models.EmailField(_("adresse électronique"))
    nom = models.CharField(_("nom"), max_length=150, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="inscriptions_webinaires",
                             verbose_name=_("compte"))
    statut = models.CharField(_("statut"), max_length=7, choices=StatutInscription.choices)
    #: The only key to this registration (cancel link); unguessable.
    jeton = models.CharField(max_length=64, unique=True, default=nouveau_jeton, editable=False)
    cree_le = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    promu_le = models.DateTimeField(_("sorti de la liste d'attente le"), null=True, blank=True)
    annule_le = models.DateTimeField(_("annulé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["cree_le", "pk"]
        constraints = [
            # One running registration per address and webinar; cancelled ones stay as history.
            models.UniqueConstraint(fields=["webinaire", "email"], condition=~Q(statut="annule"),
                                    name="inscription_active_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.webinaire} ({self.get_statut_display()})"
