"""A class's exam session and what certifies its learners in it.

* ``SessionExamen`` — a class and the year of the exam session it prepares (e.g. terminale
  2027): its épreuves come from the class's referential version (``referentials.Epreuve``),
  never retyped.
* ``SituationEvaluation`` — a CCF situation d'évaluation of one CCF sous-épreuve: in centre or
  in company, dates, a teacher and a professional evaluator, the learners concerned, and
  optionally the certificative ``suivi.Situation`` whose critères it observes.
* ``Candidature`` — a learner's status for one sous-épreuve of the session when it is not the
  ordinary "présent": absent (justified or not), dispensé, or bénéfice of a unit kept from an
  earlier session (with the kept mark).
* ``GrilleCCF`` and ``DegreGrille`` — the grid of one learner for one sous-épreuve, in the
  layout the plugin's ``grille_epreuve`` hook returns (frozen in ``structure`` when the grid is
  created): a degree of mastery per line, a proposed mark /20 computed by the mark rule, a ±2
  modulation with a reason, the evaluators' appreciation and signatures. **Signed, it is
  locked** (model and database); a ``ReouvertureGrille`` with a reason reopens it, audited.
* ``Commission`` and ``AjustementCommission`` — the commission d'évaluation of a session: it
  checks the class × sous-épreuve table, may adjust a mark with a recorded reason, validates;
  **after validation everything of the session is frozen** and archived.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cpro_platform.suivi.models import Lieu


class CertificationFigee(Exception):
    """Writing to a signed grid or to anything of a session whose commission validated."""


class SessionExamen(models.Model):
    classe = models.ForeignKey("etablissements.Classe", on_delete=models.PROTECT,
                               related_name="sessions_examen", verbose_name=_("classe"))
    #: The calendar year of the exam session (e.g. 2027 for June 2027).
    annee = models.PositiveSmallIntegerField(_("session"))
    #: The referential version the épreuves come from (the class's when created).
    referentiel = models.ForeignKey("referentials.Referentiel", on_delete=models.PROTECT,
                                    related_name="sessions_examen",
                                    verbose_name=_("référentiel"))
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("créée par"))
    cree_le = models.DateTimeField(_("créée le"), default=timezone.now)

    class Meta:
        verbose_name = _("session d'examen")
        verbose_name_plural = _("sessions d'examen")
        ordering = ["classe", "-annee"]
        constraints = [models.UniqueConstraint(fields=["classe", "annee"],
                                               name="session_examen_unique")]

    def __str__(self) -> str:
        return f"{self.classe.nom} — session {self.annee}"

    @property
    def figee(self) -> bool:
        """True once the session's commission validated."""
        return Commission.objects.filter(session=self, etat=EtatCommission.VALIDEE).exists()


class SituationEvaluation(models.Model):
    session = models.ForeignKey(SessionExamen, on_delete=models.PROTECT,
                                related_name="situations", verbose_name=_("session"))
    #: A CCF sous-épreuve of the session's referential.
    epreuve = models.ForeignKey("referentials.Epreuve", on_delete=models.PROTECT,
                                related_name="situations_evaluation",
                                verbose_name=_("sous-épreuve"))
    intitule = models.CharField(_("intitulé"), max_length=200)
    lieu = models.CharField(_("lieu"), max_length=10, choices=Lieu.choices, default=Lieu.CENTRE)
    debut = models.DateField(_("date de début"))
    fin = models.DateField(_("date de fin"), null=True, blank=True)
    evaluateur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="situations_ccf",
                                   verbose_name=_("enseignant évaluateur"))
    #: The professional evaluator: a known tutor, or a name and function typed in.
    professionnel = models.ForeignKey("etablissements.Tuteur", on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="situations_ccf",
                                      verbose_name=_("professionnel (tuteur)"))
    professionnel_nom = models.CharField(_("professionnel évaluateur"), max_length=200,
                                         blank=True)
    professionnel_fonction = models.CharField(_("fonction du professionnel"), max_length=200,
                                              blank=True)
    #: The certificative training situation whose critères this evaluation observes, if any.
    situation = models.ForeignKey("suivi.Situation", on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="evaluations_ccf",
                                  verbose_name=_("situation de formation"))
    apprenants = models.ManyToManyField("etablissements.Apprenant",
                                        related_name="situations_ccf",
                                        verbose_name=_("apprenants concernés"))

    history = HistoricalRecords(m2m_fields=[apprenants])

    class Meta:
        verbose_name = _("situation d'évaluation (CCF)")
        verbose_name_plural = _("situations d'évaluation (CCF)")
        ordering = ["session", "epreuve__ordre", "debut", "pk"]
        constraints = [models.CheckConstraint(
            condition=Q(fin__isnull=True) | Q(fin__gte=models.F("debut")),
            name="situation_ccf_fin_apres_debut")]

    def __str__(self) -> str:
        return f"{self.epreuve.code} — {self.intitule}"


class StatutCandidat(models.TextChoices):
    ABSENT_JUSTIFIE = "absent_justifie", _("Absent (justifié)")
    ABSENT = "absent", _("Absent (non justifié)")
    DISPENSE = "dispense", _("Dispensé")
    BENEFICE = "benefice", _("Bénéfice d'une session antérieure")


class Candidature(models.Model):
    """A learner's non-ordinary status for one sous-épreuve of a session."""

    session = models.ForeignKey(SessionExamen, on_delete=models.PROTECT,
                                related_name="candidatures", verbose_name=_("session"))
    apprenant = models.ForeignKey("etablissements.Apprenant", on_delete=models.PROTECT,
                                  related_name="candidatures", verbose_name=_("apprenant"))
    epreuve = models.ForeignKey("referentials.Epreuve", on_delete=models.PROTECT,
                                related_name="candidatures", verbose_name=_("sous-épreuve"))
    statut = models.CharField(_("statut"), max_length=16, choices=StatutCandidat.choices)
    motif = models.TextField(_("motif / pièce justificative"), blank=True)
    #: Bénéfice: the mark kept and the session it was obtained in.
    note_conservee = models.DecimalField(_("note conservée"), max_digits=4, decimal_places=2,
                                         null=True, blank=True)
    session_origine = models.PositiveSmallIntegerField(_("session d'origine"), null=True,
                                                       blank=True)
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("saisi par"))
    cree_le = models.DateTimeField(_("saisi le"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statut de candidat")
        verbose_name_plural = _("statuts de candidats")
        ordering = ["session", "apprenant__nom", "epreuve__ordre"]
        constraints = [
            models.UniqueConstraint(fields=["session", "apprenant", "epreuve"],
                                    name="candidature_unique"),
            models.CheckConstraint(
                condition=~Q(statut="benefice") | Q(note_conservee__isnull=False,
                                                    session_origine__isnull=False),
                name="candidature_benefice_avec_note"),
            models.CheckConstraint(
                condition=Q(note_conservee__isnull=True) | Q(note_conservee__gte=0,
                                                             note_conservee__lte=20),
                name="candidature_note_sur_20"),
        ]

    def __str__(self) -> str:
        return f"{self.apprenant} — {self.epreuve.code} : {self.get_statut_display()}"


class EtatGrille(models.TextChoices):
    BROUILLON = "brouillon", _("En cours de saisie")
    SIGNEE = "signee", _("Signée")


class GrilleCCF(models.Model):
    session = models.ForeignKey(SessionExamen, on_delete=models.PROTECT,
                                related_name="grilles", verbose_name=_("session"))
    apprenant = models.ForeignKey("etablissements.Apprenant", on_delete=models.PROTECT,
                                  related_name="grilles_ccf", verbose_name=_("apprenant"))
    epreuve = models.ForeignKey("referentials.Epreuve", on_delete=models.PROTECT,
                                related_name="grilles_ccf", verbose_name=_("sous-épreuve"))
    situation = models.ForeignKey(SituationEvaluation, on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="grilles",
                                  verbose_name=_("situation d'évaluation"))
    #: The layout from the ``grille_epreuve`` hook, frozen when the grid was created.
    structure = models.JSONField(_("structure de la grille"))
    date = models.DateField(_("date de l'évaluation"), null=True, blank=True)
    appreciation = models.TextField(_("appréciation des évaluateurs"), blank=True)
    note_calculee = models.DecimalField(_("note proposée"), max_digits=4, decimal_places=2,
                                        null=True, blank=True)
    modulation = models.DecimalField(_("modulation"), max_digits=3, decimal_places=2, default=0)
    motif = models.TextField(_("motif de la modulation"), blank=True)
    note = models.DecimalField(_("note retenue"), max_digits=4, decimal_places=2, null=True,
                               blank=True)
    #: The mark rule's explanation (levels, weights, formula with numbers).
    explication = models.JSONField(_("explication"), default=dict, blank=True)
    etat = models.CharField(_("état"), max_length=10, choices=EtatGrille.choices,
                            default=EtatGrille.BROUILLON)
    signee_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("signée par (enseignant)"))
    #: The professional evaluator's name as they signed (they may have no account).
    signature_professionnel = models.CharField(_("signature du professionnel"), max_length=200,
                                               blank=True)
    signee_le = models.DateTimeField(_("signée le"), null=True, blank=True)
    #: Bumped on every change: concurrent keyboard entry is detected (suivi.protocole).
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grille d'évaluation CCF")
        verbose_name_plural = _("grilles d'évaluation CCF")
        ordering = ["session", "epreuve__ordre", "apprenant__nom", "apprenant__prenom"]
        constraints = [
            models.UniqueConstraint(fields=["session", "apprenant", "epreuve"],
                                    name="grille_ccf_unique"),
            models.CheckConstraint(
                condition=Q(etat="brouillon") | Q(signee_par__isnull=False,
                                                  signee_le__isnull=False,
                                                  note__isnull=False),
                name="grille_signee_complete"),
            models.CheckConstraint(condition=Q(modulation__gte=-2) & Q(modulation__lte=2),
                                   name="grille_modulation_2_points"),
            models.CheckConstraint(condition=Q(modulation=0) | ~Q(motif=""),
                                   name="grille_modulation_motivee"),
            models.CheckConstraint(condition=Q(note__isnull=True) | Q(note__gte=0, note__lte=20),
                                   name="grille_note_sur_20"),
        ]

    def __str__(self) -> str:
        return f"{self.apprenant} — {self.epreuve.code} ({self.get_etat_display()})"

    @property
    def signee(self) -> bool:
        return self.etat == EtatGrille.SIGNEE

    #: What a reasoned reopening changes on a signed grid (``grilles.rouvrir``): its state
    #: and signatures, nothing of its content. The database checks it too (migration 0002).
    CHAMPS_REOUVERTURE = frozenset({"etat", "signee_par", "signee_le",
                                    "signature_professionnel", "version"})

    def _signee_en_base(self) -> bool:
        return bool(self.pk) and GrilleCCF.objects.filter(pk=self.pk,
                                                          etat=EtatGrille.SIGNEE).exists()

    def save(self, *args, **kwargs):
        champs = set(kwargs.get("update_fields") or ())
        reouverture = (self.etat == EtatGrille.BROUILLON and champs
                       and champs <= self.CHAMPS_REOUVERTURE)
        if not reouverture and self._signee_en_base():
            raise CertificationFigee(_("Cette grille est signée : elle ne peut plus être "
                                      "modifiée (rouvrez-la avec un motif)."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._signee_en_base():
            raise CertificationFigee(_("Cette grille est signée : elle ne peut pas être "
                                      "supprimée."))
        return super().delete(*args, **kwargs)


class DegreGrille(models.Model):
    """The degree of mastery (1–4 on the LSL Pro scale) of one line of a grid."""

    grille = models.ForeignKey(GrilleCCF, on_delete=models.CASCADE, related_name="degres",
                               verbose_name=_("grille"))
    competence = models.ForeignKey("referentials.Competence", on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("compétence"))
    degre = models.PositiveSmallIntegerField(_("degré de maîtrise"), null=True, blank=True)
    commentaire = models.TextField(_("observation"), blank=True)
    #: Bumped on every change: a cell typed over a colleague's is a conflict (suivi.protocole).
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("degré de maîtrise")
        verbose_name_plural = _("degrés de maîtrise")
        ordering = ["grille", "competence__ordre"]
        constraints = [models.UniqueConstraint(fields=["grille", "competence"],
                                               name="degre_grille_unique")]

    def _refuser_si_signee(self) -> None:
        if GrilleCCF.objects.filter(pk=self.grille_id, etat=EtatGrille.SIGNEE).exists():
            raise CertificationFigee(_("Cette grille est signée : ses degrés ne peuvent plus "
                                       "changer (rouvrez-la avec un motif)."))

    def save(self, *args, **kwargs):
        self._refuser_si_signee()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuser_si_signee()
        return super().delete(*args, **kwargs)


class ReouvertureGrille(models.Model):
    """A signed grid reopened for a reason (the audit keeps who, when and why)."""

    grille = models.ForeignKey(GrilleCCF, on_delete=models.PROTECT, related_name="reouvertures",
                               verbose_name=_("grille"))
    motif = models.TextField(_("motif"))
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                            related_name="+", verbose_name=_("par"))
    le = models.DateTimeField(_("le"), default=timezone.now)
    #: The grid as it was signed (mark, degrees, signatures), kept for the record.
    avant = models.JSONField(_("grille avant réouverture"))

    class Meta:
        verbose_name = _("réouverture de grille")
        verbose_name_plural = _("réouvertures de grilles")
        ordering = ["grille", "-le"]
        constraints = [models.CheckConstraint(condition=~Q(motif=""),
                                              name="reouverture_motivee")]


class EtatCommission(models.TextChoices):
    OUVERTE = "ouverte", _("En préparation")
    VALIDEE = "validee", _("Validée")


class Commission(models.Model):
    session = models.OneToOneField(SessionExamen, on_delete=models.PROTECT,
                                   related_name="commission", verbose_name=_("session"))
    date = models.DateField(_("date de la commission"), null=True, blank=True)
    lieu = models.CharField(_("lieu"), max_length=200, blank=True)
    membres = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                     verbose_name=_("membres"))
    observations = models.TextField(_("observations"), blank=True)
    etat = models.CharField(_("état"), max_length=8, choices=EtatCommission.choices,
                            default=EtatCommission.OUVERTE)
    validee_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("validée par"))
    validee_le = models.DateTimeField(_("validée le"), null=True, blank=True)
    #: The class × sous-épreuve table as validated (frozen copy for the archive and the PV).
    archive = models.JSONField(_("tableau validé"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[membres])

    class Meta:
        verbose_name = _("commission d'évaluation")
        verbose_name_plural = _("commissions d'évaluation")
        constraints = [models.CheckConstraint(
            condition=Q(etat="ouverte") | Q(validee_par__isnull=False, validee_le__isnull=False,
                                            archive__isnull=False),
            name="commission_validee_signee")]

    def __str__(self) -> str:
        return f"{self.session} — {self.get_etat_display()}"

    @property
    def validee(self) -> bool:
        return self.etat == EtatCommission.VALIDEE


class AjustementCommission(models.Model):
    """The commission's change of one learner's mark for one sous-épreuve, with its reason."""

    commission = models.ForeignKey(Commission, on_delete=models.PROTECT,
                                   related_name="ajustements", verbose_name=_("commission"))
    grille = models.ForeignKey(GrilleCCF, on_delete=models.PROTECT, related_name="ajustements",
                               verbose_name=_("grille"))
    note_avant = models.DecimalField(_("note proposée"), max_digits=4, decimal_places=2)
    note_apres = models.DecimalField(_("note arrêtée"), max_digits=4, decimal_places=2)
    motif = models.TextField(_("motif"))
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                            related_name="+", verbose_name=_("par"))
    le = models.DateTimeField(_("le"), default=timezone.now)
    #: Append-only: a new adjustment of the same grid supersedes this one.
    courant = models.BooleanField(_("courant"), default=True)

    class Meta:
        verbose_name = _("ajustement de la commission")
        verbose_name_plural = _("ajustements de la commission")
        ordering = ["commission", "-le"]
        constraints = [
            models.UniqueConstraint(fields=["grille"], condition=Q(courant=True),
                                    name="ajustement_un_courant"),
            models.CheckConstraint(condition=~Q(motif=""), name="ajustement_motive"),
            models.CheckConstraint(condition=Q(note_apres__gte=0, note_apres__lte=20),
                                   name="ajustement_note_sur_20"),
        ]
