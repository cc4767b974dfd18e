"""Scénarios pédagogiques and the situations de formation (TP) they order over the cycle."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cpro_platform.etablissements.models import Niveau as NiveauClasse


class Scenario(models.Model):
    """An ordered sequence of situations planned for one class on its referential."""

    classe = models.ForeignKey("etablissements.Classe", on_delete=models.PROTECT,
                               related_name="scenarios", verbose_name=_("classe"))
    #: The class's referential when the scenario was made; situations target its critères.
    referentiel = models.ForeignKey("referentials.Referentiel", on_delete=models.PROTECT,
                                    related_name="scenarios", verbose_name=_("référentiel"))
    titre = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    #: The scenario this one was duplicated from, if any.
    origine = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="copies", verbose_name=_("dupliqué de"))
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="+",
                                 verbose_name=_("créé par"))
    cree_le = models.DateTimeField(_("créé le"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("scénario pédagogique")
        verbose_name_plural = _("scénarios pédagogiques")
        ordering = ["classe", "titre"]

    def __str__(self) -> str:
        return f"{self.titre} ({self.classe.nom})"

    def get_absolute_url(self) -> str:
        return reverse("suivi:scenario", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.classe_id and self.referentiel_id and (
                self.classe.referentiel_id != self.referentiel_id):
            raise ValidationError({"classe": _(
                "Cette classe prépare un autre référentiel que celui du scénario.")})


class Lieu(models.TextChoices):
    CENTRE = "centre", _("Centre de formation")
    ENTREPRISE = "entreprise", _("Entreprise")


class TypeSituation(models.TextChoices):
    FORMATIVE = "formative", _("Formative")
    CERTIFICATIVE = "certificative", _("Certificative")


class Situation(models.Model):
    """A situation de formation (TP): where, when, by whom, and the critères it targets."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="situations",
                                 verbose_name=_("scénario"))
    ordre = models.PositiveIntegerField(_("ordre"), default=0,
                                        help_text=_("Rang de la situation dans le scénario."))
    #: When in the cycle (2nde → Tle) the situation takes place.
    niveau = models.CharField(_("année du cycle"), max_length=4, choices=NiveauClasse.choices,
                              blank=True)
    titre = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    ressources = models.TextField(_("ressources"), blank=True,
                                  help_text=_("Documents, matériel, liens utiles."))
    lieu = models.CharField(_("lieu"), max_length=10, choices=Lieu.choices, default=Lieu.CENTRE)
    type = models.CharField(_("type"), max_length=13, choices=TypeSituation.choices,
                            default=TypeSituation.FORMATIVE)
    epreuve = models.ForeignKey("referentials.Epreuve", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="situations",
                                verbose_name=_("épreuve"),
                                help_text=_("Obligatoire pour une situation certificative."))
    debut = models.DateField(_("date de début"), null=True, blank=True)
    fin = models.DateField(_("date de fin"), null=True, blank=True,
                           help_text=_("Vide si la situation tient en une journée."))
    enseignants = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                         related_name="situations_animees",
                                         verbose_name=_("enseignants"))
    criteres = models.ManyToManyField("referentials.Critere", related_name="situations",
                                      verbose_name=_("critères visés"))
    cree_le = models.DateTimeField(_("créée le"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("situation de formation")
        verbose_name_plural = _("situations de formation")
        ordering = ["scenario", "ordre", "debut", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(type="certificative") | Q(epreuve__isnull=False),
                name="situation_certificative_avec_epreuve"),
            models.CheckConstraint(
                condition=Q(fin__isnull=True) | Q(debut__isnull=False) & Q(fin__gte=models.F(
                    "debut")),
                name="situation_fin_apres_debut"),
        ]

    def __str__(self) -> str:
        return self.titre

    def get_absolute_url(self) -> str:
        return reverse("suivi:situation", args=[self.pk])

    @property
    def classe(self):
        return self.scenario.classe

    @property
    def en_entreprise(self) -> bool:
        return self.lieu == Lieu.ENTREPRISE

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.type == TypeSituation.CERTIFICATIVE and not self.epreuve_id:
            errors["epreuve"] = _("Une situation certificative désigne son épreuve.")
        if self.epreuve_id and self.scenario_id and (
                self.epreuve.referentiel_id != self.scenario.referentiel_id):
            errors["epreuve"] = _("Cette épreuve n'appartient pas au référentiel du scénario.")
        if self.fin and not self.debut:
            errors["debut"] = _("Indiquez la date de début.")
        elif self.fin and self.fin < self.debut:
            errors["fin"] = _("La date de fin précède la date de début.")
        if "epreuve" not in errors:
            # The critères the form is about to save (see SituationForm), else the saved ones.
            criteres = getattr(self, "criteres_proposes", None)
            if criteres is None and self.pk:
                criteres = self.criteres.all()
            if message := self.criteres_hors_epreuve(criteres or []):
                errors["criteres"] = message
        if errors:
            raise ValidationError(errors)

    def criteres_hors_epreuve(self, criteres) -> str:
        """Why ``criteres`` may not be targeted, or "" if they may: a certificative situation
        only targets critères of the compétences its épreuve evaluates (the CCF grid of that
        épreuve is built from them)."""
        if self.type != TypeSituation.CERTIFICATIVE or not self.epreuve_id:
            return ""
        competences = list(self.epreuve.competences_evaluees())
        permises = {c.pk for c in competences}
        hors = [c for c in criteres if c.competence_id not in permises]
        if not hors:
            return ""
        return _("Une situation certificative ne vise que des critères des compétences de son "
                 "épreuve %(epreuve)s (%(competences)s). Ces critères n'en relèvent pas : "
                 "%(criteres)s.") % {
            "epreuve": self.epreuve.code,
            "competences": ", ".join(f"{c.code} {c.intitule}" for c in competences)
            or _("aucune compétence déclarée"),
            "criteres": ", ".join(sorted(c.code for c in hors))}


@receiver(m2m_changed, sender=Situation.criteres.through)
def _criteres_de_l_epreuve(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """The rule holds on every write path (forms, demo, scripts), not only in the form."""
    if action != "pre_add" or not pk_set:
        return
    from cpro_platform.referentials.models import Critere

    if reverse:
        couples = [(s, [instance]) for s in Situation.objects.filter(
            pk__in=pk_set, type=TypeSituation.CERTIFICATIVE)]
    else:
        couples = [(instance, Critere.objects.filter(pk__in=pk_set))]
    for situation, criteres in couples:
        if message := situation.criteres_hors_epreuve(criteres):
            raise ValidationError({"criteres": message})
