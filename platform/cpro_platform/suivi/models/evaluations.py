"""Evaluations: one critère × learner × situation → a level, append-only.

A cell is never updated in place: a correction adds a row with the next ``version`` and
clears ``courante`` on the row it supersedes, so the previous value, its author and its time
stay readable. Exactly one row per cell is ``courante`` (a partial unique constraint), which is
what the livret and dashboards read.
"""
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..preuves import EXTENSIONS
from ..stockage import stockage_preuves


class Etat(models.TextChoices):
    EVALUE = "evalue", _("Évalué")
    NON_EVALUE = "non_evalue", _("Non évalué")
    ABSENT = "absent", _("Absent")


#: The short codes a grid cell shows and takes besides the levels "1", "2"…
ABSENT, NON_EVALUE = "ABS", "NE"


def code_de(etat: str, niveau: int | None) -> str:
    """What a cell shows for a value: its level, "ABS" or "NE"."""
    if etat == Etat.EVALUE:
        return str(niveau)
    return ABSENT if etat == Etat.ABSENT else NON_EVALUE


class EvaluationQuerySet(models.QuerySet):
    def courantes(self):
        """The current value of every cell (one row per situation × apprenant × critère)."""
        return self.filter(courante=True)

    def de_la_cellule(self, situation_id: int, apprenant_id: int, critere_id: int):
        """A cell's whole history, newest first."""
        return self.filter(situation_id=situation_id, apprenant_id=apprenant_id,
                           critere_id=critere_id).order_by("-version")


def chemin_preuve(evaluation: "Evaluation", filename: str) -> str:
    """A random name with the extension of the detected type, in the private storage: the
    uploader's name never reaches the file system (it is kept, sanitised, in ``preuve_nom``)."""
    extension = EXTENSIONS.get(evaluation.preuve_type, "bin")
    return f"{evaluation.situation_id}/{evaluation.apprenant_id}/{uuid4().hex}.{extension}"


class Evaluation(models.Model):
    situation = models.ForeignKey("suivi.Situation", on_delete=models.PROTECT,
                                  related_name="evaluations", verbose_name=_("situation"))
    apprenant = models.ForeignKey("etablissements.Apprenant", on_delete=models.PROTECT,
                                  related_name="evaluations", verbose_name=_("apprenant"))
    critere = models.ForeignKey("referentials.Critere", on_delete=models.PROTECT,
                                related_name="evaluations", verbose_name=_("critère"))
    etat = models.CharField(_("état"), max_length=10, choices=Etat.choices)
    #: ``referentials.Niveau.valeur`` on the referential's scale; set only when ``etat`` is
    #: "evalue". Stored as the value (not a key) because a scale is re-synced by value.
    niveau = models.PositiveSmallIntegerField(_("niveau"), null=True, blank=True)
    commentaire = models.TextField(_("commentaire"), blank=True)
    #: Shared with the older versions of the cell that had it (never copied, never deleted).
    preuve = models.FileField(_("preuve"), upload_to=chemin_preuve, storage=stockage_preuves,
                              blank=True, max_length=300,
                              help_text=_("Photo ou document attestant la réalisation."))
    preuve_nom = models.CharField(_("nom de la preuve"), max_length=150, blank=True,
                                  help_text=_("Nom d'origine du fichier, nettoyé."))
    preuve_type = models.CharField(_("type de la preuve"), max_length=50, blank=True,
                                   help_text=_("Type du fichier, détecté d'après son contenu."))
    #: 1 for the first value of the cell, then +1 per correction.
    version = models.PositiveIntegerField(_("version"))
    courante = models.BooleanField(_("valeur courante"), default=True)
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="evaluations_saisies", verbose_name=_("auteur"))
    saisie_le = models.DateTimeField(_("saisie le"), default=timezone.now)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")
        ordering = ["situation", "apprenant", "critere", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["situation", "apprenant", "critere", "version"],
                                    name="evaluation_version_unique"),
            models.UniqueConstraint(fields=["situation", "apprenant", "critere"],
                                    condition=Q(courante=True),
                                    name="evaluation_une_courante"),
            models.CheckConstraint(
                condition=Q(etat="evalue", niveau__isnull=False)
                | (~Q(etat="evalue") & Q(niveau__isnull=True)),
                name="evaluation_niveau_si_evalue"),
        ]
        indexes = [
            # The livret, the class view, positionnements and bilans read learners' current
            # values (on some critères): only current rows, and on PostgreSQL the columns they
            # read, so the read is an index-only scan (docs/architecture.md, "Scale plan").
            models.Index(fields=["apprenant", "critere"],
                         include=["situation", "etat", "niveau"], condition=Q(courante=True),
                         name="evaluation_courante_apprenant"),
        ]

    @property
    def code(self) -> str:
        return code_de(self.etat, self.niveau)

    def __str__(self) -> str:
        valeur = self.niveau if self.etat == Etat.EVALUE else self.get_etat_display()
        return f"{self.apprenant_id} × {self.critere_id} @ {self.situation_id}: {valeur}"
