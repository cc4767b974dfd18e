"""Host tables for referentials, filled by ``manage.py sync_referentiels`` from the plugins.

Versioned by (code, version); a referential no longer provided becomes inactive, never deleted,
because evaluations point at its critères.
"""
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Provenance(models.TextChoices):
    OFFICIEL = "officiel", _("Officiel")
    PROVISOIRE = "provisoire", _("Provisoire")


class AvecProvenance(models.Model):
    provenance = models.CharField(_("provenance"), max_length=10, choices=Provenance.choices)
    #: The official reference, or for provisional content the note saying what it was written from.
    provenance_detail = models.TextField(_("détail de la provenance"), blank=True)

    class Meta:
        abstract = True

    @property
    def est_provisoire(self) -> bool:
        return self.provenance == Provenance.PROVISOIRE


class Referentiel(AvecProvenance):
    code = models.CharField(_("code"), max_length=40)
    version = models.CharField(_("version"), max_length=40)
    intitule = models.CharField(_("intitulé"), max_length=300)
    diplome = models.CharField(_("diplôme"), max_length=200)
    niveau = models.PositiveSmallIntegerField(_("niveau"))
    rncp = models.CharField(_("RNCP"), max_length=20, blank=True)
    code_diplome = models.CharField(_("code diplôme"), max_length=8, blank=True)
    arrete = models.TextField(_("arrêté"), blank=True)
    description = models.TextField(_("description"), blank=True)
    actif = models.BooleanField(_("actif"), default=True)
    plugin = models.CharField(_("plugin"), max_length=200)
    distribution = models.CharField(_("distribution"), max_length=200)
    distribution_version = models.CharField(_("version de la distribution"), max_length=50)
    fichier = models.CharField(_("fichier source"), max_length=500)
    data_hash = models.CharField(_("empreinte des données"), max_length=64)
    synchronise_le = models.DateTimeField(_("synchronisé le"))
    #: PFMP weeks required over the cycle (the file's optional ``[pfmp]``; empty: not given).
    pfmp_semaines = models.PositiveSmallIntegerField(_("semaines de PFMP exigées"), null=True,
                                                     blank=True)
    pfmp_detail = models.TextField(_("répartition des semaines de PFMP"), blank=True)
    pfmp_provenance = models.CharField(_("provenance de la durée de PFMP"), max_length=10,
                                       choices=Provenance.choices, blank=True)
    pfmp_provenance_detail = models.TextField(_("détail de la provenance de la durée de PFMP"),
                                              blank=True)

    class Meta:
        verbose_name = _("référentiel")
        verbose_name_plural = _("référentiels")
        ordering = ["intitule", "version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="referentiel_code_version"),
        ]

    def __str__(self) -> str:
        return f"{self.intitule} ({self.code} {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("referentials:detail", args=[self.code, self.version])

    @property
    def pfmp_provisoire(self) -> bool:
        return self.pfmp_provenance == Provenance.PROVISOIRE


class Niveau(models.Model):
    """One level of the referential's mastery scale (its own, or the default one)."""

    referentiel = models.ForeignKey(Referentiel, on_delete=models.CASCADE, related_name="niveaux")
    valeur = models.PositiveSmallIntegerField(_("valeur"))
    libelle = models.CharField(_("libellé"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("niveau de maîtrise")
        verbose_name_plural = _("niveaux de maîtrise")
        ordering = ["referentiel", "valeur"]
        constraints = [models.UniqueConstraint(fields=["referentiel", "valeur"],
                                               name="niveau_unique")]

    def __str__(self) -> str:
        return f"{self.valeur} – {self.libelle}"


class Ordonne(AvecProvenance):
    code = models.CharField(_("code"), max_length=40)
    intitule = models.TextField(_("intitulé"))
    ordre = models.PositiveIntegerField(_("ordre"), default=0)

    class Meta:
        abstract = True
        ordering = ["ordre"]

    def __str__(self) -> str:
        return f"{self.code} – {self.intitule}"


class Unite(Ordonne):
    referentiel = models.ForeignKey(Referentiel, on_delete=models.CASCADE, related_name="unites")

    class Meta(Ordonne.Meta):
        verbose_name = _("unité")
        verbose_name_plural = _("unités")
        constraints = [models.UniqueConstraint(fields=["referentiel", "code"], name="unite_code")]


class Bloc(Ordonne):
    referentiel = models.ForeignKey(Referentiel, on_delete=models.CASCADE, related_name="blocs")
    unite = models.ForeignKey(Unite, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="blocs")

    class Meta(Ordonne.Meta):
        verbose_name = _("bloc de compétences")
        verbose_name_plural = _("blocs de compétences")
        constraints = [models.UniqueConstraint(fields=["referentiel", "code"], name="bloc_code")]


class Competence(Ordonne):
    referentiel = models.ForeignKey(Referentiel, on_delete=models.CASCADE,
                                    related_name="competences")
    bloc = models.ForeignKey(Bloc, on_delete=models.PROTECT, related_name="competences")

    class Meta(Ordonne.Meta):
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        constraints = [models.UniqueConstraint(fields=["referentiel", "code"],
                                               name="competence_code")]


class Critere(Ordonne):
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="criteres")

    class Meta(Ordonne.Meta):
        verbose_name = _("critère d'évaluation")
        verbose_name_plural = _("critères d'évaluation")
        constraints = [models.UniqueConstraint(fields=["competence", "code"],
                                               name="critere_code")]


class Indicateur(AvecProvenance):
    critere = models.ForeignKey(Critere, on_delete=models.CASCADE, related_name="indicateurs")
    intitule = models.TextField(_("intitulé"))
    ordre = models.PositiveIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("indicateur de performance")
        verbose_name_plural = _("indicateurs de performance")
        ordering = ["ordre"]

    def __str__(self) -> str:
        return self.intitule


class Pole(Ordonne):
    referentiel = models.ForeignKey(Referentiel, on_delete=models.CASCADE, related_name="poles")

    class Meta(Ordonne.Meta):
        verbose_name = _("pôle d'activités")
        verbose_name_plural = _("pôles d'activités")
        constraints = [models.UniqueConstraint(fields=["referentiel", "code"], name="pole_code")]


class Activite(Ordonne):
    pole = models.ForeignKey(Pole, on_delete=models.CASCADE, related_name="activites")
    competences = models.ManyToManyField(Competence, related_name="activites", blank=True)
    taches = models.JSONField(_("tâches"), default=list, blank=True)

    class Meta(Ordonne.Meta):
        verbose_name = _("activité")
        verbose_name_plural = _("activités")
        constraints = [models.UniqueConstraint(fields=["pole", "code"], name="activite_code")]


class Mode(models.TextChoices):
    CCF = "ccf", _("CCF")
    PONCTUEL = "ponctuel", _("Ponctuel")


class Epreuve(Ordonne):
    referentiel = models.ForeignKey(Referentiel, on_delete=models.CASCADE,
                                    related_name="epreuves")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="sous_epreuves")
    unite = models.ForeignKey(Unite, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="epreuves")
    coefficient = models.DecimalField(_("coefficient"), max_digits=5, decimal_places=2)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, blank=True)
    formes = models.JSONField(_("formes"), default=list, blank=True)
    duree_minutes = models.PositiveIntegerField(_("durée (minutes)"), null=True, blank=True)
    competences = models.ManyToManyField(Competence, related_name="epreuves", blank=True)

    class Meta(Ordonne.Meta):
        verbose_name = _("épreuve")
        verbose_name_plural = _("épreuves")
        constraints = [models.UniqueConstraint(fields=["referentiel", "code"],
                                               name="epreuve_code")]

    FORMES = {"ecrite": _("écrite"), "orale": _("orale"), "pratique": _("pratique")}

    @property
    def formes_libelles(self) -> list[str]:
        return [str(self.FORMES.get(forme, forme)) for forme in self.formes]

    def competences_evaluees(self) -> models.QuerySet:
        """The compétences this épreuve evaluates: its own, and for an épreuve divided into
        sous-épreuves (E3 → E31, E32…) theirs too."""
        return Competence.objects.filter(
            models.Q(epreuves=self) | models.Q(epreuves__parent=self)).distinct().order_by(
            "bloc__ordre", "ordre")


class Ponderation(AvecProvenance):
    """Default weight of a compétence in an épreuve's mark, in percent."""

    epreuve = models.ForeignKey(Epreuve, on_delete=models.CASCADE, related_name="ponderations")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE,
                                   related_name="ponderations")
    pourcentage = models.DecimalField(_("pourcentage"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("pondération")
        verbose_name_plural = _("pondérations")
        ordering = ["epreuve", "competence__ordre"]
        constraints = [models.UniqueConstraint(fields=["epreuve", "competence"],
                                               name="ponderation_unique")]
