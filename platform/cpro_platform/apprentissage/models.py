"""The livret d'apprentissage: an apprentice's contract with their employer and master, the
alternance calendar (CFA and company weeks), the master's entries per period and the periodic
reviews signed by master, trainer and apprentice.

The master reaches the apprentice through an ``Encadrement`` (type maître) dated like the
contract, made with it: access ends with the contract.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cpro_platform.signatures import Signature


class Contrat(models.Model):
    """An apprenticeship contract: the employer's data the booklet shows, and its master."""

    apprenant = models.ForeignKey("etablissements.Apprenant", on_delete=models.PROTECT,
                                  related_name="contrats_apprentissage",
                                  verbose_name=_("apprenti"))
    employeur = models.ForeignKey("etablissements.Entreprise", on_delete=models.PROTECT,
                                  related_name="contrats_apprentissage",
                                  verbose_name=_("employeur"))
    maitre = models.ForeignKey("etablissements.Tuteur", on_delete=models.PROTECT,
                               related_name="contrats_apprentissage",
                               verbose_name=_("maître d'apprentissage"))
    #: The master's dated link to the apprentice, made with the contract: it gives the access.
    encadrement = models.OneToOneField("etablissements.Encadrement", on_delete=models.SET_NULL,
                                       null=True, blank=True, related_name="contrat",
                                       editable=False)
    formateur_referent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="apprentis_suivis", verbose_name=_("formateur référent"))
    debut = models.DateField(_("début du contrat"))
    fin = models.DateField(_("fin du contrat"))
    numero = models.CharField(_("numéro de dépôt du contrat"), max_length=40, blank=True)
    convention_collective = models.CharField(_("convention collective"), max_length=200,
                                             blank=True)
    idcc = models.CharField(_("code IDCC"), max_length=4, blank=True)
    representant = models.CharField(_("représentant de l'employeur"), max_length=200,
                                    blank=True)
    telephone = models.CharField(_("téléphone de l'employeur"), max_length=30, blank=True)
    email = models.EmailField(_("adresse électronique de l'employeur"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contrat d'apprentissage")
        verbose_name_plural = _("contrats d'apprentissage")
        ordering = ["apprenant", "debut"]
        constraints = [models.CheckConstraint(condition=Q(fin__gte=F("debut")),
                                              name="contrat_fin_apres_debut")]

    def __str__(self) -> str:
        return f"{self.apprenant.nom_complet} — {self.employeur}"


class LieuSemaine(models.TextChoices):
    CFA = "cfa", _("Centre de formation")
    ENTREPRISE = "entreprise", _("Entreprise")
    CONGE = "conge", _("Congés")


class SemaineAlternance(models.Model):
    """One week of the alternance calendar, identified by its Monday."""

    contrat = models.ForeignKey(Contrat, on_delete=models.CASCADE, related_name="semaines",
                                verbose_name=_("contrat"))
    lundi = models.DateField(_("semaine du"))
    lieu = models.CharField(_("lieu"), max_length=10, choices=LieuSemaine.choices)

    class Meta:
        verbose_name = _("semaine d'alternance")
        verbose_name_plural = _("semaines d'alternance")
        ordering = ["contrat", "lundi"]
        constraints = [models.UniqueConstraint(fields=["contrat", "lundi"],
                                               name="semaine_unique_par_contrat")]

    def __str__(self) -> str:
        return f"{self.lundi:%d/%m/%Y} — {self.get_lieu_display()}"


class EntreeMaitre(models.Model):
    """What the master writes for a stretch of company weeks: work entrusted, observations."""

    contrat = models.ForeignKey(Contrat, on_delete=models.CASCADE, related_name="entrees",
                                verbose_name=_("contrat"))
    debut = models.DateField(_("du"))
    fin = models.DateField(_("au"))
    travaux = models.TextField(_("travaux confiés"))
    observations = models.TextField(_("observations du maître d'apprentissage"), blank=True)
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("auteur"))
    cree_le = models.DateTimeField(_("saisie le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("entrée du maître d'apprentissage")
        verbose_name_plural = _("entrées du maître d'apprentissage")
        ordering = ["contrat", "debut", "pk"]
        constraints = [models.CheckConstraint(condition=Q(fin__gte=F("debut")),
                                              name="entree_maitre_fin_apres_debut")]

    def __str__(self) -> str:
        return f"{self.debut:%d/%m/%Y} – {self.fin:%d/%m/%Y}"


#: Why a closed review refuses every change (the services show it; the model enforces it).
MESSAGE_CLOS = _("Ce bilan est signé par le maître d'apprentissage, le formateur et "
                 "l'apprenti : il est clos et ne peut plus être modifié.")


class BilanClos(ValidationError):
    """A change to a review that its three signatories closed."""

    def __init__(self):
        super().__init__(MESSAGE_CLOS, code="clos")


class BilanApprentissage(models.Model):
    """A periodic review of the apprenticeship, signed by master, trainer and apprentice; once
    all three signed it is closed."""

    contrat = models.ForeignKey(Contrat, on_delete=models.PROTECT, related_name="bilans",
                                verbose_name=_("contrat"))
    date = models.DateField(_("date du bilan"))
    debut = models.DateField(_("période du"))
    fin = models.DateField(_("au"))
    appreciation_maitre = models.TextField(_("appréciation du maître d'apprentissage"),
                                           blank=True)
    appreciation_formateur = models.TextField(_("appréciation du formateur"), blank=True)
    commentaire_apprenti = models.TextField(_("commentaire de l'apprenti"), blank=True)
    objectifs = models.TextField(_("objectifs pour la période suivante"), blank=True)
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("créé par"))
    cree_le = models.DateTimeField(_("créé le"), auto_now_add=True)
    #: Set when the third valid signature lands; from then on the row refuses every write.
    clos_le = models.DateTimeField(_("clos le"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bilan d'apprentissage")
        verbose_name_plural = _("bilans d'apprentissage")
        ordering = ["contrat", "date"]
        constraints = [models.CheckConstraint(condition=Q(fin__gte=F("debut")),
                                              name="bilan_apprentissage_fin_apres_debut")]

    def __str__(self) -> str:
        return f"{self.contrat} — {self.date:%d/%m/%Y}"

    @property
    def clos(self) -> bool:
        return self.clos_le is not None

    def est_clos_en_base(self) -> bool:
        """Closed as stored (an instance in memory may be stale or tampered with)."""
        return self.pk is not None and type(self).objects.filter(
            pk=self.pk, clos_le__isnull=False).exists()

    def save(self, *args, **kwargs):
        # The saving that closes it passes (the stored row is still open); none after it.
        if self.est_clos_en_base():
            raise BilanClos()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.est_clos_en_base():
            raise BilanClos()
        return super().delete(*args, **kwargs)


class QualiteSignataire(models.TextChoices):
    MAITRE = "maitre", _("Maître d'apprentissage")
    FORMATEUR = "formateur", _("Formateur")
    APPRENTI = "apprenti", _("Apprenti")


class SignatureApprentissage(Signature):
    bilan = models.ForeignKey(BilanApprentissage, on_delete=models.PROTECT,
                              related_name="signatures", verbose_name=_("bilan"))
    qualite = models.CharField(_("qualité"), max_length=10, choices=QualiteSignataire.choices)

    class Meta(Signature.Meta):
        verbose_name = _("signature d'un bilan d'apprentissage")
        verbose_name_plural = _("signatures des bilans d'apprentissage")

    def __str__(self) -> str:
        return f"{self.nom} ({self.get_qualite_display()})"

    def save(self, *args, **kwargs):
        # A closed review takes no signature, and its signatures are never rewritten.
        if BilanApprentissage.objects.filter(pk=self.bilan_id, clos_le__isnull=False).exists():
            raise BilanClos()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if BilanApprentissage.objects.filter(pk=self.bilan_id, clos_le__isnull=False).exists():
            raise BilanClos()
        return super().delete(*args, **kwargs)
