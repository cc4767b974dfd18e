"""Bilans intermédiaires and the marks computed from them.

A teacher opens a **campagne** for a class at a date; each learner gets a draft **bilan**: a
level per compétence (``NiveauBilan``), a comment per compétence and a general appreciation.
**Validation freezes it**: a validated bilan and its lines are never updated or deleted — the
model refuses (``BilanFige``) and so does the database (triggers, migration 0002). A correction
is a new bilan that ``remplace`` the validated one; the latest validated bilan of a learner
that nothing replaces is their "dernier bilan validé".

A compétence not assessed yet at the bilan's date (mid-cycle, most are not) is marked
**"non évaluée à cette date"** by the teacher (``OrigineNiveau.NON_EVALUE``, no level): a
bilan is complete when every line has a level or that mark. Such compétences are outside the
learner's profile, so a mark leaves them aside and says so.

A **note** (mark /20 of an épreuve) is computed from a validated bilan by the gateway's mark
rule with a **pondération** (``PonderationApprenant``: the model one, or the teacher's own);
the teacher may modulate it within ±2 points with a reason. Notes are append-only too: a new
computation or modulation adds a row and the previous one stops being ``courante``. On a
campaign (a period) the teacher may also ask for a **note de période** per learner
(``NoteDePeriode``): the épreuves' marks at the bilan weighted by their coefficients, stored
and modulated the same way (both are ``NoteArretee``).
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpro_platform.etablissements.models import aujourdhui


class BilanFige(Exception):
    """Writing to a validated bilan (or its lines, or a validated bilan's marks)."""


class Campagne(models.Model):
    classe = models.ForeignKey("etablissements.Classe", on_delete=models.PROTECT,
                               related_name="campagnes_bilan", verbose_name=_("classe"))
    titre = models.CharField(_("titre"), max_length=200)
    date = models.DateField(_("date du bilan"), default=aujourdhui)
    ouverte_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("ouverte par"))
    ouverte_le = models.DateTimeField(_("ouverte le"), default=timezone.now)

    class Meta:
        verbose_name = _("campagne de bilans")
        verbose_name_plural = _("campagnes de bilans")
        ordering = ["classe", "-date", "-pk"]
        constraints = [models.UniqueConstraint(fields=["classe", "titre"],
                                               name="campagne_titre_unique")]

    def __str__(self) -> str:
        return f"{self.titre} ({self.date:%d/%m/%Y})"


class EtatBilan(models.TextChoices):
    BROUILLON = "brouillon", _("Brouillon")
    VALIDE = "valide", _("Validé")


class BilanQuerySet(models.QuerySet):
    def valides(self):
        return self.filter(etat=EtatBilan.VALIDE)

    def en_vigueur(self):
        """Validated bilans that no validated bilan replaces."""
        return self.valides().exclude(
            pk__in=Bilan.objects.valides().filter(remplace__isnull=False).values("remplace"))


class Bilan(models.Model):
    apprenant = models.ForeignKey("etablissements.Apprenant", on_delete=models.PROTECT,
                                  related_name="bilans", verbose_name=_("apprenant"))
    campagne = models.ForeignKey(Campagne, on_delete=models.PROTECT, related_name="bilans",
                                 verbose_name=_("campagne"))
    #: The referential version the levels are on (the class's at the campaign's date).
    referentiel = models.ForeignKey("referentials.Referentiel", on_delete=models.PROTECT,
                                    related_name="bilans", verbose_name=_("référentiel"))
    date = models.DateField(_("date"))
    etat = models.CharField(_("état"), max_length=10, choices=EtatBilan.choices,
                            default=EtatBilan.BROUILLON)
    appreciation = models.TextField(_("appréciation générale"), blank=True)
    #: The validated bilan this one corrects (a correction never edits the original).
    remplace = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="remplace_par", verbose_name=_("remplace"))
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("créé par"))
    cree_le = models.DateTimeField(_("créé le"), default=timezone.now)
    valide_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("validé par"))
    valide_le = models.DateTimeField(_("validé le"), null=True, blank=True)

    objects = BilanQuerySet.as_manager()

    class Meta:
        verbose_name = _("bilan intermédiaire")
        verbose_name_plural = _("bilans intermédiaires")
        ordering = ["apprenant", "-date", "-pk"]
        constraints = [
            # One draft at a time per learner and campaign.
            models.UniqueConstraint(fields=["apprenant", "campagne"],
                                    condition=Q(etat="brouillon"), name="bilan_un_brouillon"),
            models.CheckConstraint(
                condition=Q(etat="brouillon") | Q(valide_par__isnull=False,
                                                  valide_le__isnull=False),
                name="bilan_valide_signe"),
        ]
        indexes = [models.Index(fields=["apprenant", "etat", "date"], name="bilan_apprenant")]

    def __str__(self) -> str:
        return f"{self.apprenant} — {self.campagne} ({self.get_etat_display()})"

    @property
    def valide(self) -> bool:
        return self.etat == EtatBilan.VALIDE

    def _fige_en_base(self) -> bool:
        return bool(self.pk) and Bilan.objects.filter(pk=self.pk, etat=EtatBilan.VALIDE).exists()

    def save(self, *args, **kwargs):
        if self._fige_en_base():
            raise BilanFige(f"bilan {self.pk} is validated: it cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._fige_en_base():
            raise BilanFige(f"bilan {self.pk} is validated: it cannot be deleted")
        return super().delete(*args, **kwargs)


class OrigineNiveau(models.TextChoices):
    POSITIONNEMENT = "positionnement", _("Positionnement")
    SUGGESTION = "suggestion", _("Suggestion de la règle")
    SAISIE = "saisie", _("Saisi par l'enseignant")
    AUCUN = "aucun", _("Aucune donnée")
    #: The teacher's explicit decision that the compétence was not assessed by the bilan's
    #: date (level None): mid-cycle most are not yet. Only a teacher sets it, never a rule.
    NON_EVALUE = "non_evalue", _("Non évaluée à cette date")

#: What a cell of the class grid holds for a compétence marked "non évaluée à cette date".
CODE_NON_EVALUE = "NE"


def code_de(niveau: int | None, origine: str) -> str:
    """A line's grid code from its level and origin (also for rows read without the model)."""
    if niveau is not None:
        return str(niveau)
    return CODE_NON_EVALUE if origine == OrigineNiveau.NON_EVALUE else ""


class NiveauBilan(models.Model):
    bilan = models.ForeignKey(Bilan, on_delete=models.CASCADE, related_name="niveaux",
                              verbose_name=_("bilan"))
    competence = models.ForeignKey("referentials.Competence", on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("compétence"))
    #: ``referentials.Niveau.valeur``; None while the teacher has not decided, or when they
    #: decided the compétence was not assessed at the date (``origine`` NON_EVALUE).
    niveau = models.PositiveSmallIntegerField(_("niveau"), null=True, blank=True)
    origine = models.CharField(_("origine"), max_length=14, choices=OrigineNiveau.choices)
    commentaire = models.TextField(_("commentaire"), blank=True)
    #: What the bilan rule proposed when the bilan was opened, and why (the evidence shown
    #: beside the level, even after the teacher changed it).
    niveau_propose = models.PositiveSmallIntegerField(_("niveau proposé"), null=True,
                                                      blank=True)
    raison = models.TextField(_("raison de la proposition"), blank=True)
    #: Bumped on every change: the class grid's saves detect a colleague's concurrent entry.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("niveau du bilan")
        verbose_name_plural = _("niveaux du bilan")
        ordering = ["bilan", "competence__bloc__ordre", "competence__ordre"]
        constraints = [models.UniqueConstraint(fields=["bilan", "competence"],
                                               name="niveau_bilan_unique")]

    @property
    def non_evalue(self) -> bool:
        return self.origine == OrigineNiveau.NON_EVALUE

    @property
    def decide(self) -> bool:
        """A level, or the explicit "non évaluée à cette date": what validation requires."""
        return self.niveau is not None or self.non_evalue

    @property
    def code(self) -> str:
        """As typed in the grid: the level, "NE", or "" (undecided)."""
        return code_de(self.niveau, self.origine)

    def _refuser_si_fige(self) -> None:
        if Bilan.objects.filter(pk=self.bilan_id, etat=EtatBilan.VALIDE).exists():
            raise BilanFige(f"bilan {self.bilan_id} is validated: its levels cannot change")

    def save(self, *args, **kwargs):
        self._refuser_si_fige()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuser_si_fige()
        return super().delete(*args, **kwargs)


class PonderationApprenant(models.Model):
    """The weights (percent per compétence code, summing to 100) a learner's mark of an épreuve
    uses; append-only, the latest row counts. Without one, the model pondération applies."""

    apprenant = models.ForeignKey("etablissements.Apprenant", on_delete=models.PROTECT,
                                  related_name="ponderations", verbose_name=_("apprenant"))
    epreuve = models.ForeignKey("referentials.Epreuve", on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("épreuve"))
    #: {compétence code: percent as a string Decimal}, summing to exactly 100.
    poids = models.JSONField(_("poids"))
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("auteur"))
    cree_le = models.DateTimeField(_("créée le"), default=timezone.now)
    #: Set when copied from another learner's ("dupliquer aux profils identiques").
    copie_de = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("copiée de"))

    class Meta:
        verbose_name = _("pondération d'un apprenant")
        verbose_name_plural = _("pondérations des apprenants")
        ordering = ["apprenant", "epreuve", "-cree_le", "-pk"]
        indexes = [models.Index(fields=["apprenant", "epreuve"], name="ponderation_apprenant")]


def contraintes_de_note(prefixe: str, une_courante_par: list[str]) -> list:
    """The database's guard on a stored mark: one current row per ``une_courante_par``,
    a modulation within ±2 points and motivated, a mark retained between 0 and 20."""
    return [
        models.UniqueConstraint(fields=une_courante_par, condition=Q(courante=True),
                                name=f"{prefixe}_une_courante"),
        models.CheckConstraint(condition=Q(modulation__gte=-2) & Q(modulation__lte=2),
                               name=f"{prefixe}_modulation_2_points"),
        models.CheckConstraint(condition=Q(note__gte=0) & Q(note__lte=20),
                               name=f"{prefixe}_sur_20"),
        models.CheckConstraint(condition=Q(modulation=0) | ~Q(motif=""),
                               name=f"{prefixe}_modulation_motivee"),
    ]


class NoteArretee(models.Model):
    """What every mark stored from a validated bilan holds (an épreuve's, a period's): the
    rule's mark, the team's modulation (±2 points, with a reason) and the mark retained, the
    explanation shown as "pourquoi cette note". Append-only (``courante``): see
    ``bilans.modulation``."""

    note_calculee = models.DecimalField(_("note calculée"), max_digits=4, decimal_places=2)
    modulation = models.DecimalField(_("modulation"), max_digits=3, decimal_places=2, default=0)
    motif = models.TextField(_("motif de la modulation"), blank=True)
    note = models.DecimalField(_("note retenue"), max_digits=4, decimal_places=2)
    explication = models.JSONField(_("explication"))
    courante = models.BooleanField(_("courante"), default=True)
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("auteur"))
    cree_le = models.DateTimeField(_("calculée le"), default=timezone.now)

    #: The fields, besides the bilan, that tell this mark from the bilan's other marks.
    CLE: tuple[str, ...] = ()

    class Meta:
        abstract = True


class Note(NoteArretee):
    """A mark /20 of one épreuve from one validated bilan; append-only (``courante``)."""

    bilan = models.ForeignKey(Bilan, on_delete=models.PROTECT, related_name="notes",
                              verbose_name=_("bilan"))
    epreuve = models.ForeignKey("referentials.Epreuve", on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("épreuve"))
    #: The weights used and the rule's explanation (terms, formula), as shown on the page.
    ponderation = models.JSONField(_("pondération appliquée"))

    CLE = ("epreuve",)

    class Meta:
        verbose_name = _("note d'épreuve")
        verbose_name_plural = _("notes d'épreuve")
        ordering = ["bilan", "epreuve", "-cree_le"]
        constraints = contraintes_de_note("note", ["bilan", "epreuve"])


class NoteDePeriode(NoteArretee):
    """The mark /20 of a period (a campaign) from one validated bilan: the épreuves' marks at
    that bilan weighted by their coefficients (``Regles.noter_periode``). Only when the team
    asks for it (``bilans.periodes``); append-only like ``Note``. ``explication`` keeps each
    épreuve's mark with the ``Note`` it came from, so a later change shows."""

    bilan = models.ForeignKey(Bilan, on_delete=models.PROTECT, related_name="notes_periode",
                              verbose_name=_("bilan"))

    class Meta:
        verbose_name = _("note de période")
        verbose_name_plural = _("notes de période")
        ordering = ["bilan", "-cree_le"]
        constraints = contraintes_de_note("note_periode", ["bilan"])


class Attestation(models.Model):
    """An attestation of acquired compétences, issued from validated bilans only; its content
    is frozen at issue (``contenu``) so a later bilan never changes a delivered document."""

    apprenant = models.ForeignKey("etablissements.Apprenant", on_delete=models.PROTECT,
                                  related_name="attestations", verbose_name=_("apprenant"))
    bilan = models.ForeignKey(Bilan, on_delete=models.PROTECT, related_name="attestations",
                              verbose_name=_("bilan de référence"))
    motif = models.CharField(_("motif"), max_length=200)
    #: Compétences, levels, referential version and provenance as printed.
    contenu = models.JSONField(_("contenu"))
    delivree_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("délivrée par"))
    delivree_le = models.DateTimeField(_("délivrée le"), default=timezone.now)

    class Meta:
        verbose_name = _("attestation de compétences")
        verbose_name_plural = _("attestations de compétences")
        ordering = ["apprenant", "-delivree_le"]
