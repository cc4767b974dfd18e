"""Learners and their dated history: Apprenant, Parcours (statut + establishment), Inscription.

A change of path (scolaire → apprenti, or another establishment) closes the running Parcours
and opens a new one; nothing is overwritten, so the past stays readable.
"""
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..validators import validate_ine
from .periodes import Periode, aujourdhui
from .structure import Classe, Etablissement


class Statut(models.TextChoices):
    SCOLAIRE = "scolaire", _("Sous statut scolaire")
    APPRENTI = "apprenti", _("Apprenti")


class Apprenant(models.Model):
    ine = models.CharField(_("INE"), max_length=11, unique=True, validators=[validate_ine],
                           help_text=_("Identifiant national élève, 11 caractères."))
    nom = models.CharField(_("nom"), max_length=100)
    prenom = models.CharField(_("prénom"), max_length=100)
    date_naissance = models.DateField(_("date de naissance"), null=True, blank=True)
    email = models.EmailField(_("adresse électronique"), blank=True)
    #: The learner's account, when they have one.
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="apprenant", verbose_name=_("compte"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("apprenant")
        verbose_name_plural = _("apprenants")
        ordering = ["nom", "prenom"]

    def __str__(self) -> str:
        return f"{self.nom_complet} ({self.ine})"

    @property
    def nom_complet(self) -> str:
        return f"{self.prenom} {self.nom}"

    def get_absolute_url(self) -> str:
        return reverse("etablissements:apprenant", args=[self.pk])

    def parcours_au(self, date: datetime.date | None = None) -> "Parcours | None":
        return self.parcours.actives(date).select_related("etablissement").first()

    def parcours_en_cours(self) -> "Parcours | None":
        """Like ``parcours_au()`` for today, but reading prefetched ``parcours`` if any."""
        return next((p for p in self.parcours.all() if p.en_cours), None)

    @transaction.atomic
    def changer_parcours(self, *, etablissement: Etablissement, statut: str,
                         date: datetime.date | None = None) -> "Parcours":
        """Close the running path the day before ``date`` and open a new one from ``date``."""
        date = date or aujourdhui()
        for courant in self.parcours.filter(fin__isnull=True, debut__lt=date):
            courant.fin = date - datetime.timedelta(days=1)
            courant.save()
        parcours = Parcours(apprenant=self, etablissement=etablissement, statut=statut,
                            debut=date)
        parcours.full_clean()
        parcours.save()
        return parcours


class Parcours(Periode):
    """A dated stretch of a learner's path: one statut in one establishment."""

    apprenant = models.ForeignKey(Apprenant, on_delete=models.CASCADE, related_name="parcours",
                                  verbose_name=_("apprenant"))
    etablissement = models.ForeignKey(Etablissement, on_delete=models.PROTECT,
                                      related_name="parcours", verbose_name=_("établissement"))
    statut = models.CharField(_("statut"), max_length=8, choices=Statut.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("parcours")
        verbose_name_plural = _("parcours")
        ordering = ["apprenant", "debut"]
        constraints = [Periode.fin_apres_debut("parcours_fin_apres_debut")]

    def __str__(self) -> str:
        return f"{self.apprenant.nom_complet} — {self.get_statut_display()}, {self.etablissement.nom}"

    def clean(self) -> None:
        super().clean()
        if not self.apprenant_id or not self.debut:
            return
        others = Parcours.objects.filter(apprenant_id=self.apprenant_id).exclude(pk=self.pk)
        end = self.fin or datetime.date.max
        overlapping = others.filter(debut__lte=end).exclude(fin__lt=self.debut)
        if overlapping.exists():
            raise ValidationError(_("Ce parcours chevauche un autre parcours de l'apprenant : "
                                    "clôturez d'abord le parcours en cours."))


class Inscription(Periode):
    """A learner's membership of a class (a class belongs to one school year)."""

    apprenant = models.ForeignKey(Apprenant, on_delete=models.CASCADE,
                                  related_name="inscriptions", verbose_name=_("apprenant"))
    classe = models.ForeignKey(Classe, on_delete=models.PROTECT, related_name="inscriptions",
                               verbose_name=_("classe"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["classe", "apprenant"]
        constraints = [
            models.UniqueConstraint(fields=["apprenant", "classe"], name="inscription_unique"),
            Periode.fin_apres_debut("inscription_fin_apres_debut"),
        ]

    def __str__(self) -> str:
        return f"{self.apprenant.nom_complet} — {self.classe}"
