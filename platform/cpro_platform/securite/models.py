"""Counters behind the rate limits (``limites``): one row per key and time window.

Keys hold a keyed hash of the address or e-mail, never the value itself.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Compteur(models.Model):
    cle = models.CharField(_("clé"), max_length=120)
    fenetre = models.DateTimeField(_("début de la fenêtre"))
    nombre = models.PositiveIntegerField(_("nombre"), default=0)

    class Meta:
        verbose_name = _("compteur de limite")
        verbose_name_plural = _("compteurs de limite")
        constraints = [models.UniqueConstraint(fields=["cle", "fenetre"],
                                               name="compteur_cle_fenetre_unique")]
        indexes = [models.Index(fields=["fenetre"], name="compteur_fenetre")]

    def __str__(self) -> str:
        return f"{self.cle} @ {self.fenetre:%Y-%m-%d %H:%M}: {self.nombre}"
