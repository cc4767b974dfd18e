"""Companies and the people there who follow learners: Entreprise, Tuteur, Encadrement."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..validators import validate_siret
from .apprenants import Apprenant
from .periodes import Periode
from .structure import Etablissement


class Entreprise(models.Model):
    """A host company as known by one establishment (each keeps its own address book)."""

    etablissement = models.ForeignKey(Etablissement, on_delete=models.PROTECT,
                                      related_name="entreprises", verbose_name=_("établissement"))
    siret = models.CharField(_("SIRET"), max_length=14, validators=[validate_siret])
    nom = models.CharField(_("raison sociale"), max_length=200)
    adresse = models.CharField(_("adresse"), max_length=300, blank=True)
    code_postal = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    secteur = models.CharField(_("secteur d'activité"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("entreprise")
        verbose_name_plural = _("entreprises")
        ordering = ["nom"]
        constraints = [models.UniqueConstraint(fields=["etablissement", "siret"],
                                               name="entreprise_siret_par_etablissement")]

    def __str__(self) -> str:
        return self.nom


class Tuteur(models.Model):
    """A person in a company who follows learners: internship tutor or apprenticeship master.

    Which of the two is said by each Encadrement, since one person may be both.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="tutorats", verbose_name=_("compte"))
    entreprise = models.ForeignKey(Entreprise, on_delete=models.PROTECT, related_name="tuteurs",
                                   verbose_name=_("entreprise"))
    fonction = models.CharField(_("fonction"), max_length=200, blank=True)
    telephone = models.CharField(_("téléphone"), max_length=30, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tuteur ou maître d'apprentissage")
        verbose_name_plural = _("tuteurs et maîtres d'apprentissage")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [models.UniqueConstraint(fields=["user", "entreprise"],
                                               name="tuteur_unique_par_entreprise")]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.entreprise})"


class TypeEncadrement(models.TextChoices):
    TUTEUR_STAGE = "tuteur", _("Tuteur de stage (PFMP)")
    MAITRE_APPRENTISSAGE = "maitre", _("Maître d'apprentissage")


class Encadrement(Periode):
    """A tutor or master following one learner for a dated period (PFMP, apprenticeship)."""

    tuteur = models.ForeignKey(Tuteur, on_delete=models.PROTECT, related_name="encadrements",
                               verbose_name=_("tuteur ou maître d'apprentissage"))
    apprenant = models.ForeignKey(Apprenant, on_delete=models.CASCADE,
                                  related_name="encadrements", verbose_name=_("apprenant"))
    type = models.CharField(_("type"), max_length=6, choices=TypeEncadrement.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("encadrement")
        verbose_name_plural = _("encadrements")
        ordering = ["-debut"]
        constraints = [Periode.fin_apres_debut("encadrement_fin_apres_debut")]

    def __str__(self) -> str:
        return f"{self.tuteur} → {self.apprenant.nom_complet} ({self.get_type_display()})"
