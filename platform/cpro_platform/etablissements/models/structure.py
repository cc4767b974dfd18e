"""The establishment and its classes: Etablissement, AnneeScolaire, Classe, Enseignement."""
import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..validators import validate_uai
from .periodes import aujourdhui


class TypeEtablissement(models.TextChoices):
    LYCEE_PROFESSIONNEL = "lp", _("Lycée professionnel")
    CFA = "cfa", _("Centre de formation d'apprentis (CFA)")
    LYCEE_POLYVALENT = "lpo", _("Lycée polyvalent")


class Etablissement(models.Model):
    uai = models.CharField(_("UAI"), max_length=8, unique=True, validators=[validate_uai],
                           help_text=_("Unité administrative immatriculée, par exemple 0750655E."))
    nom = models.CharField(_("nom"), max_length=200)
    type = models.CharField(_("type"), max_length=3, choices=TypeEtablissement.choices)
    academie = models.CharField(_("académie"), max_length=100)
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    liens_un_seul_appareil = models.BooleanField(
        _("un seul appareil par lien de connexion"), default=False,
        help_text=_("Le lien envoyé à un tuteur ne fonctionne que dans le premier navigateur "
                    "qui l'ouvre ; pour changer d'appareil, le tuteur demande un nouveau lien."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("établissement")
        verbose_name_plural = _("établissements")
        ordering = ["nom"]

    def __str__(self) -> str:
        return f"{self.nom} ({self.uai})"

    def get_absolute_url(self) -> str:
        return reverse("gestion:tableau", args=[self.pk])


class AnneeScolaireQuerySet(models.QuerySet):
    def au(self, date: datetime.date | None = None):
        date = date or aujourdhui()
        return self.filter(debut__lte=date, fin__gte=date)


class AnneeScolaire(models.Model):
    """A school year, shared by every establishment (1 September – 31 August by default)."""

    code = models.CharField(_("code"), max_length=9, unique=True,
                            help_text=_("Par exemple 2025-2026."))
    debut = models.DateField(_("début"))
    fin = models.DateField(_("fin"))

    objects = AnneeScolaireQuerySet.as_manager()

    class Meta:
        verbose_name = _("année scolaire")
        verbose_name_plural = _("années scolaires")
        ordering = ["-debut"]
        constraints = [models.CheckConstraint(condition=models.Q(fin__gt=models.F("debut")),
                                              name="annee_fin_apres_debut")]

    def __str__(self) -> str:
        return self.code

    @classmethod
    def pour_date(cls, date: datetime.date | None = None) -> "AnneeScolaire":
        """The school year containing ``date``, created on first use (September to August)."""
        date = date or aujourdhui()
        first = date.year if date.month >= 9 else date.year - 1
        annee, _created = cls.objects.get_or_create(
            code=f"{first}-{first + 1}",
            defaults={"debut": datetime.date(first, 9, 1), "fin": datetime.date(first + 1, 8, 31)})
        return annee


class Niveau(models.TextChoices):
    SECONDE = "2nde", _("Seconde professionnelle")
    PREMIERE = "1re", _("Première professionnelle")
    TERMINALE = "tle", _("Terminale professionnelle")
    CAP1 = "cap1", _("CAP 1re année")
    CAP2 = "cap2", _("CAP 2e année")


class Classe(models.Model):
    etablissement = models.ForeignKey(Etablissement, on_delete=models.PROTECT,
                                      related_name="classes", verbose_name=_("établissement"))
    annee = models.ForeignKey(AnneeScolaire, on_delete=models.PROTECT, related_name="classes",
                              verbose_name=_("année scolaire"))
    nom = models.CharField(_("nom"), max_length=60, help_text=_("Par exemple 1 CPA."))
    niveau = models.CharField(_("niveau"), max_length=4, choices=Niveau.choices)
    referentiel = models.ForeignKey("referentials.Referentiel", on_delete=models.PROTECT,
                                    related_name="classes", verbose_name=_("référentiel"))
    enseignants = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Enseignement",
                                         related_name="classes_enseignees", blank=True,
                                         verbose_name=_("enseignants"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("classe")
        verbose_name_plural = _("classes")
        ordering = ["-annee__debut", "nom"]
        constraints = [models.UniqueConstraint(fields=["etablissement", "annee", "nom"],
                                               name="classe_unique_par_annee")]

    def __str__(self) -> str:
        return f"{self.nom} ({self.annee})"

    def get_absolute_url(self) -> str:
        return reverse("etablissements:classe", args=[self.pk])


class Enseignement(models.Model):
    """A teacher assigned to a class (the assignment itself is audited)."""

    classe = models.ForeignKey(Classe, on_delete=models.CASCADE, related_name="enseignements",
                               verbose_name=_("classe"))
    enseignant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="enseignements", verbose_name=_("enseignant"))
    discipline = models.CharField(_("discipline"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enseignement")
        verbose_name_plural = _("enseignements")
        constraints = [models.UniqueConstraint(fields=["classe", "enseignant"],
                                               name="enseignement_unique")]

    def __str__(self) -> str:
        return f"{self.enseignant} — {self.classe}"
