"""Positionnements: a teacher's dated judgement of a learner's level on one compétence.

Append-only: placing a learner again adds a row, so the history of judgements stays readable.
The level the rule suggested at the time is stored beside the teacher's choice, so an
override is visible (and must carry a comment).
"""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpro_platform.etablissements.models import aujourdhui


class PositionnementQuerySet(models.QuerySet):
    def derniers(self):
        """The latest positionnement of each (apprenant, compétence), in one query."""
        plus_recent = self.model.objects.filter(
            apprenant_id=models.OuterRef("apprenant_id"),
            competence_id=models.OuterRef("competence_id"),
        ).order_by("-date", "-created_at", "-pk").values("pk")[:1]
        return self.filter(pk=models.Subquery(plus_recent))


class Positionnement(models.Model):
    apprenant = models.ForeignKey("etablissements.Apprenant", on_delete=models.PROTECT,
                                  related_name="positionnements", verbose_name=_("apprenant"))
    competence = models.ForeignKey("referentials.Competence", on_delete=models.PROTECT,
                                   related_name="positionnements",
                                   verbose_name=_("compétence"))
    #: ``referentials.Niveau.valeur`` on the referential's scale (like ``Evaluation.niveau``).
    niveau = models.PositiveSmallIntegerField(_("niveau"))
    date = models.DateField(_("date"), default=aujourdhui)
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="positionnements_saisis", verbose_name=_("auteur"))
    commentaire = models.TextField(_("commentaire"), blank=True)
    #: What the positioning rule suggested when the teacher decided (None: no evidence).
    niveau_suggere = models.PositiveSmallIntegerField(_("niveau suggéré"), null=True, blank=True)
    created_at = models.DateTimeField(_("saisi le"), default=timezone.now)

    objects = PositionnementQuerySet.as_manager()

    class Meta:
        verbose_name = _("positionnement")
        verbose_name_plural = _("positionnements")
        ordering = ["apprenant", "competence", "-date", "-created_at"]
        indexes = [models.Index(fields=["apprenant", "competence", "date"],
                                name="positionnement_apprenant")]

    def __str__(self) -> str:
        return f"{self.apprenant_id} × {self.competence_id} @ {self.date}: {self.niveau}"

    @property
    def force(self) -> bool:
        """Did the teacher choose another level than the suggested one?"""
        return self.niveau_suggere is not None and self.niveau != self.niveau_suggere


class VersionLivret(models.Model):
    """What a learner's livret pages show, as a number every write bumps (``versions``).

    The page cache (``livret.cache``) keys pages and PDFs by it. No database constraint on the
    learner: an import undone by raw SQL (``etablissements.imports.journal``) may remove a
    learner whose row was bumped meanwhile, and a leftover version is harmless.
    """

    apprenant = models.OneToOneField("etablissements.Apprenant", on_delete=models.CASCADE,
                                     db_constraint=False, related_name="version_livret",
                                     verbose_name=_("apprenant"))
    version = models.BigIntegerField(_("version"), default=0)
    modifie_le = models.DateTimeField(_("modifié le"), default=timezone.now)

    class Meta:
        verbose_name = _("version du livret")
        verbose_name_plural = _("versions des livrets")

    def __str__(self) -> str:
        return f"{self.apprenant_id} v{self.version}"


class ResumeCompetence(models.Model):
    """What the class view shows of one learner on one compétence, kept up to date.

    Derived data: written only by :mod:`cpro_platform.livret.resume` (in the transaction of
    every write that changes its inputs), rebuilt by ``manage.py recalculer_resumes``. A row
    exists for each (apprenant, compétence) with current evaluations; ``empreinte`` says which
    rules and referential data computed it, so a plugin upgrade or a re-sync makes it stale.
    """

    apprenant = models.ForeignKey("etablissements.Apprenant", on_delete=models.CASCADE,
                                  related_name="+")
    competence = models.ForeignKey("referentials.Competence", on_delete=models.CASCADE,
                                   related_name="+")
    empreinte = models.CharField(max_length=16)
    #: Current evaluations on its critères, whatever their state.
    evaluations = models.PositiveIntegerField()
    #: Situations with at least one level on it, their places, first and last dates.
    situations = models.PositiveIntegerField()
    lieux = models.JSONField(default=list)
    premiere = models.DateField(null=True)
    derniere = models.DateField(null=True)
    #: The positioning rule's answer (``Suggestion.niveau`` and ``.regle``).
    niveau = models.PositiveSmallIntegerField(null=True)
    regle = models.TextField(blank=True)
    #: When the rule failed: plugin, distribution, version, regle, detail (else None).
    echec = models.JSONField(null=True)
    #: Per-situation mean levels, oldest first (the sparkline).
    points = models.JSONField(default=list)
    #: Critère id (as a string) → ids of the situations with a level on it (the coverage).
    couverture = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["apprenant", "competence"],
                                               name="resume_competence_unique")]

    def __str__(self) -> str:
        return f"{self.apprenant_id} × {self.competence_id}: {self.niveau}"


class ResumeApprenant(models.Model):
    """The learner's summary rows were all computed: a missing row then means no evaluation
    on that compétence (and not "never computed")."""

    apprenant = models.OneToOneField("etablissements.Apprenant", on_delete=models.CASCADE,
                                     primary_key=True, related_name="+")

    def __str__(self) -> str:
        return str(self.apprenant_id)
