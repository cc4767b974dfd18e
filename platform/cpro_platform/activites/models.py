"""Fiches d'activité: what a learner did in the company, declared by them, confirmed or
commented by their tutor or master, linked to the referential's activities (RAP) and
compétences, with photos. They are the livret's company evidence.

A sheet belongs to a PFMP placement (scolaire) or an apprenticeship contract (apprenti); the
person who confirms is the tutor or master of that placement or contract.
"""
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cpro_platform.suivi.preuves import EXTENSIONS
from cpro_platform.suivi.stockage import stockage_preuves


class EtatFiche(models.TextChoices):
    DECLAREE = "declaree", _("Déclarée")
    CONFIRMEE = "confirmee", _("Confirmée par le tuteur")
    A_REVOIR = "a_revoir", _("À revoir")


class FicheActivite(models.Model):
    apprenant = models.ForeignKey("etablissements.Apprenant", on_delete=models.PROTECT,
                                  related_name="fiches_activite", verbose_name=_("apprenant"))
    stage = models.ForeignKey("pfmp.StagePFMP", on_delete=models.PROTECT, null=True,
                              blank=True, related_name="fiches", verbose_name=_("PFMP"))
    contrat = models.ForeignKey("apprentissage.Contrat", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="fiches",
                                verbose_name=_("contrat d'apprentissage"))
    date = models.DateField(_("date"))
    vehicule = models.CharField(_("véhicule ou chantier"), max_length=200, blank=True,
                                help_text=_("Par exemple : Clio IV, choc avant droit."))
    description = models.TextField(_("ce que j'ai fait"))
    activites = models.ManyToManyField("referentials.Activite", blank=True,
                                       related_name="fiches",
                                       verbose_name=_("activités du référentiel"))
    competences = models.ManyToManyField("referentials.Competence", blank=True,
                                         related_name="fiches",
                                         verbose_name=_("compétences mobilisées"))
    etat = models.CharField(_("état"), max_length=10, choices=EtatFiche.choices,
                            default=EtatFiche.DECLAREE)
    commentaire_tuteur = models.TextField(_("commentaire du tuteur"), blank=True)
    #: The tutor or master who confirmed or commented last, and when.
    relue_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="+", verbose_name=_("relue par"))
    relue_le = models.DateTimeField(_("relue le"), null=True, blank=True)
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("déclarée par"))
    cree_le = models.DateTimeField(_("déclarée le"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fiche d'activité")
        verbose_name_plural = _("fiches d'activité")
        ordering = ["apprenant", "date", "pk"]
        constraints = [models.CheckConstraint(
            condition=Q(stage__isnull=True) | Q(contrat__isnull=True),
            name="fiche_stage_ou_contrat")]

    def __str__(self) -> str:
        return f"{self.apprenant.nom_complet} — {self.date:%d/%m/%Y}"


def chemin_photo(photo: "PhotoFiche", filename: str) -> str:
    """A random name with the detected type's extension (the uploader's name is kept apart)."""
    extension = EXTENSIONS.get(photo.type, "bin")
    return f"fiches/{photo.fiche.apprenant_id}/{uuid4().hex}.{extension}"


class PhotoFiche(models.Model):
    """A photo (or PDF) attached to a sheet: checked by content, stored without URL."""

    fiche = models.ForeignKey(FicheActivite, on_delete=models.CASCADE, related_name="photos",
                              verbose_name=_("fiche"))
    fichier = models.FileField(_("fichier"), upload_to=chemin_photo, storage=stockage_preuves,
                               max_length=200)
    nom = models.CharField(_("nom du fichier"), max_length=150)
    type = models.CharField(_("type"), max_length=50)
    ajoutee_le = models.DateTimeField(_("ajoutée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["fiche", "pk"]

    def __str__(self) -> str:
        return self.nom
