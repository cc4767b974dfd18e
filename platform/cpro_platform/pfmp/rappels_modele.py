"""The PFMP reminders already sent (or refused): a reminder goes once to each person.

One row per (placement, kind, recipient). ``envoye_le`` set: sent, never sent again by the
daily run (only a teacher's "Relancer" sends it again, and counts it in ``relances``).
``refus`` set: the magic-link rules refused it (``comptes.liens``); the daily run tries again,
so a corrected address or an extended period lets it go.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TypeRappel(models.TextChoices):
    GRILLE = "grille", _("Grille à remplir")
    ATTESTATION = "attestation", _("Attestation à signer")


class RappelPFMP(models.Model):
    stage = models.ForeignKey("pfmp.StagePFMP", on_delete=models.CASCADE,
                              related_name="rappels", verbose_name=_("PFMP"))
    type = models.CharField(_("type"), max_length=12, choices=TypeRappel.choices)
    destinataire = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                     related_name="rappels_pfmp",
                                     verbose_name=_("destinataire"))
    adresse = models.EmailField(_("adresse"), blank=True)
    envoye_le = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    #: Why it could not go (the magic-link rules' message), as last tried.
    refus = models.TextField(_("motif du refus"), blank=True)
    essaye_le = models.DateTimeField(_("dernier essai"), null=True, blank=True)
    #: Sendings asked by the following teacher ("Relancer") after the first one.
    relances = models.PositiveSmallIntegerField(_("relances"), default=0)

    class Meta:
        verbose_name = _("rappel de PFMP")
        verbose_name_plural = _("rappels de PFMP")
        ordering = ["-essaye_le"]
        constraints = [models.UniqueConstraint(fields=["stage", "type", "destinataire"],
                                               name="rappel_pfmp_unique")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} — {self.destinataire} ({self.stage_id})"
