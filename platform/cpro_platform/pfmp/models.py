"""PFMP (périodes de formation en milieu professionnel): the periods a class plans, each
learner's placement in a company, the teacher's visits, and the signatures of the attestation
and of the tutor's bilan.

A period owns a situation "en entreprise" of the class: its critères are the ones the tutors
evaluate, and the tutors' evaluations are ordinary evaluations of that situation (versions,
livret, summaries and caches all follow). A placement's tutor reaches the learner through an
``Encadrement`` dated like the placement, so access ends with the placement.
"""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cpro_platform.signatures import Signature


class PeriodePFMP(models.Model):
    """A PFMP period planned for a class (the same dates for its learners by default)."""

    classe = models.ForeignKey("etablissements.Classe", on_delete=models.PROTECT,
                               related_name="periodes_pfmp", verbose_name=_("classe"))
    titre = models.CharField(_("titre"), max_length=200, help_text=_("Par exemple PFMP 1."))
    debut = models.DateField(_("début"))
    fin = models.DateField(_("fin"), help_text=_("Dernier jour inclus."))
    #: The weeks this period counts towards the referential's required total.
    semaines = models.PositiveSmallIntegerField(_("semaines"))
    #: The class's situation "en entreprise" for this period: its critères are evaluated by
    #: the tutors.
    situation = models.OneToOneField("suivi.Situation", on_delete=models.PROTECT,
                                     related_name="periode_pfmp",
                                     verbose_name=_("situation en entreprise"))
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+", verbose_name=_("créée par"))
    cree_le = models.DateTimeField(_("créée le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("période de PFMP")
        verbose_name_plural = _("périodes de PFMP")
        ordering = ["classe", "debut"]
        constraints = [models.CheckConstraint(condition=Q(fin__gte=F("debut")),
                                              name="periode_pfmp_fin_apres_debut")]

    def __str__(self) -> str:
        return f"{self.titre} ({self.classe.nom})"


class StagePFMP(models.Model):
    """One learner's placement for one period: company, tutor, following teacher, hours,
    absences, and what the attestation de PFMP states."""

    periode = models.ForeignKey(PeriodePFMP, on_delete=models.PROTECT, related_name="stages",
                                verbose_name=_("période"))
    apprenant = models.ForeignKey("etablissements.Apprenant", on_delete=models.PROTECT,
                                  related_name="stages_pfmp", verbose_name=_("apprenant"))
    entreprise = models.ForeignKey("etablissements.Entreprise", on_delete=models.PROTECT,
                                   related_name="stages_pfmp", verbose_name=_("entreprise"))
    tuteur = models.ForeignKey("etablissements.Tuteur", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="stages_pfmp", verbose_name=_("tuteur"))
    #: The tutor's dated link to the learner, made with the placement: it gives the access.
    encadrement = models.OneToOneField("etablissements.Encadrement", on_delete=models.SET_NULL,
                                       null=True, blank=True, related_name="stage_pfmp",
                                       editable=False)
    enseignant_referent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="stages_suivis", verbose_name=_("enseignant qui suit"))
    #: The placement's own dates (the period's unless it starts late or ends early).
    debut = models.DateField(_("début"))
    fin = models.DateField(_("fin"))
    adresse = models.CharField(_("lieu de la PFMP"), max_length=300, blank=True,
                               help_text=_("Si différent de l'adresse de l'entreprise."))
    horaires = models.CharField(_("horaires"), max_length=300, blank=True,
                                help_text=_("Par exemple : lundi–vendredi, 8 h–12 h, "
                                            "13 h 30–17 h."))
    heures_hebdo = models.DecimalField(_("heures par semaine"), max_digits=4, decimal_places=1,
                                       null=True, blank=True)
    jours_absence = models.DecimalField(_("jours d'absence"), max_digits=4, decimal_places=1,
                                        default=0)
    absences_detail = models.TextField(_("absences (dates, motifs)"), blank=True)
    activites_realisees = models.TextField(_("activités réalisées"), blank=True)
    appreciation_tuteur = models.TextField(_("appréciation générale du tuteur"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("PFMP d'un apprenant")
        verbose_name_plural = _("PFMP des apprenants")
        ordering = ["periode", "apprenant__nom", "apprenant__prenom"]
        constraints = [
            models.UniqueConstraint(fields=["periode", "apprenant"],
                                    name="stage_pfmp_unique_par_periode"),
            models.CheckConstraint(condition=Q(fin__gte=F("debut")),
                                   name="stage_pfmp_fin_apres_debut"),
        ]

    def __str__(self) -> str:
        return f"{self.apprenant.nom_complet} — {self.entreprise} ({self.periode.titre})"


class TypeVisite(models.TextChoices):
    VISITE = "visite", _("Visite en entreprise")
    MI_PARCOURS = "mi_parcours", _("Bilan de mi-période")
    CONTACT = "contact", _("Contact téléphonique")


class Visite(models.Model):
    """What the following teacher records of a visit or of the mid-period review."""

    stage = models.ForeignKey(StagePFMP, on_delete=models.CASCADE, related_name="visites",
                              verbose_name=_("PFMP"))
    type = models.CharField(_("type"), max_length=12, choices=TypeVisite.choices,
                            default=TypeVisite.VISITE)
    date = models.DateField(_("date"))
    avec = models.CharField(_("avec"), max_length=300, blank=True,
                            help_text=_("Les personnes rencontrées."))
    notes = models.TextField(_("compte rendu"), blank=True)
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("auteur"))
    cree_le = models.DateTimeField(_("saisie le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visite")
        verbose_name_plural = _("visites")
        ordering = ["stage", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} — {self.date:%d/%m/%Y}"


class DocumentSigne(models.TextChoices):
    ATTESTATION = "attestation", _("Attestation de PFMP")
    BILAN = "bilan", _("Bilan de PFMP")


class QualiteSignataire(models.TextChoices):
    TUTEUR = "tuteur", _("Tuteur")
    ENSEIGNANT = "enseignant", _("Enseignant")
    CHEF = "chef", _("Chef d'établissement ou son représentant")
    APPRENANT = "apprenant", _("Apprenant")


class SignaturePFMP(Signature):
    stage = models.ForeignKey(StagePFMP, on_delete=models.PROTECT, related_name="signatures",
                              verbose_name=_("PFMP"))
    document = models.CharField(_("document"), max_length=12, choices=DocumentSigne.choices)
    qualite = models.CharField(_("qualité"), max_length=10, choices=QualiteSignataire.choices)

    class Meta(Signature.Meta):
        verbose_name = _("signature de PFMP")
        verbose_name_plural = _("signatures de PFMP")

    def __str__(self) -> str:
        return f"{self.get_document_display()} — {self.nom} ({self.get_qualite_display()})"


# The reminders (their own module: the daily run's bookkeeping, not PFMP data).
from .rappels_modele import RappelPFMP, TypeRappel  # noqa: E402,F401
