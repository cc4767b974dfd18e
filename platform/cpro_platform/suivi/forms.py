"""Forms of the tracking pages; every choice is limited to what the user may reach."""
from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cpro_platform.comptes.forms import DsfrForm, DsfrModelForm
from cpro_platform.etablissements.models import Classe
from cpro_platform.referentials.models import Bloc, Competence, Critere, Epreuve

from .grille import echelle
from .lecture import saisie_du_code
from .models import ABSENT, NON_EVALUE, Scenario, Situation
from .preuves import EXTENSIONS, verifier_preuve

User = get_user_model()
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ScenarioForm(DsfrModelForm):
    class Meta:
        model = Scenario
        fields = ["titre", "description"]


class DuplicationForm(DsfrForm):
    classe = forms.ModelChoiceField(
        queryset=Classe.objects.none(), label=_("Classe de destination"),
        help_text=_("Une classe du même référentiel, de cette année ou d'une autre."))
    titre = forms.CharField(label=_("Titre de la copie"), max_length=200)

    def __init__(self, *args, scenario: Scenario, classes, **kwargs):
        kwargs.setdefault("initial", {"titre": scenario.titre})
        super().__init__(*args, **kwargs)
        self.fields["classe"].queryset = (classes.filter(referentiel=scenario.referentiel)
                                          .select_related("annee", "etablissement")
                                          .order_by("-annee__debut", "nom"))


@dataclass
class GroupeCompetence:
    competence: Competence
    criteres: list[Critere]


@dataclass
class GroupeBloc:
    bloc: Bloc
    competences: list[GroupeCompetence]


class SituationForm(DsfrModelForm):
    class Meta:
        model = Situation
        fields = ["titre", "ordre", "niveau", "description", "ressources", "lieu", "type",
                  "epreuve", "debut", "fin", "enseignants", "criteres"]
        widgets = {"debut": DATE, "fin": DATE, "enseignants": forms.CheckboxSelectMultiple,
                   "criteres": forms.CheckboxSelectMultiple,
                   "description": forms.Textarea(attrs={"rows": 4}),
                   "ressources": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, scenario: Scenario, **kwargs):
        kwargs.setdefault("instance", Situation(scenario=scenario))
        super().__init__(*args, **kwargs)
        self.scenario = scenario
        ref = scenario.referentiel_id
        self.fields["epreuve"].queryset = Epreuve.objects.filter(referentiel_id=ref)
        self.fields["enseignants"].queryset = (
            User.objects.filter(enseignements__classe_id=scenario.classe_id)
            .order_by("last_name", "first_name"))
        self.fields["enseignants"].label_from_instance = (
            lambda u: u.get_full_name() or u.get_username())
        self.fields["criteres"].queryset = (
            Critere.objects.filter(competence__referentiel_id=ref)
            .select_related("competence__bloc__unite")
            .order_by("competence__bloc__ordre", "competence__ordre", "ordre"))
        self.fields["criteres"].error_messages["invalid_choice"] = _(
            "Le critère %(value)s n'appartient pas au référentiel de la classe.")

    def clean_criteres(self):
        criteres = self.cleaned_data["criteres"]
        if self.instance.pk:
            gardes = {c.pk for c in criteres}
            evalues = (Critere.objects.filter(evaluations__situation=self.instance)
                       .exclude(pk__in=gardes).distinct())
            if evalues:
                raise forms.ValidationError(_(
                    "Ces critères ont déjà des évaluations dans cette situation et restent "
                    "visés : %(codes)s.") % {"codes": ", ".join(c.code for c in evalues)})
        # Checked with the type and épreuve by Situation.clean(), before anything is saved.
        self.instance.criteres_proposes = list(criteres)
        return criteres

    def groupes(self) -> list[GroupeBloc]:
        """The referential's critères grouped by bloc, then compétence (for the picker)."""
        blocs: dict[int, GroupeBloc] = {}
        comps: dict[int, GroupeCompetence] = {}
        for critere in self.fields["criteres"].queryset:
            competence = critere.competence
            if competence.pk not in comps:
                comps[competence.pk] = GroupeCompetence(competence, [])
                blocs.setdefault(competence.bloc_id, GroupeBloc(competence.bloc, [])
                                 ).competences.append(comps[competence.pk])
            comps[competence.pk].criteres.append(critere)
        return list(blocs.values())

    def criteres_coches(self) -> set[str]:
        return {str(v) for v in (self["criteres"].value() or [])}


class CelluleForm(DsfrForm):
    """One cell of a grid, with its comment and evidence file."""

    code = forms.ChoiceField(label=_("Niveau"))
    commentaire = forms.CharField(label=_("Commentaire"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    preuve = forms.FileField(
        label=_("Preuve (photo, document)"), required=False,
        help_text=_("PDF, JPEG, PNG ou WebP, 10 Mo au plus."),
        # A hint for the file picker only: the content is what ``clean_preuve`` checks.
        widget=forms.FileInput(attrs={"accept": ",".join(EXTENSIONS)}))
    retirer_preuve = forms.BooleanField(label=_("Retirer la preuve actuelle"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, situation: Situation, courante=None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("code", courante.code if courante else NON_EVALUE)
        initial.setdefault("commentaire", courante.commentaire if courante else "")
        initial.setdefault("version", courante.version if courante else 0)
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [
            *((str(n.valeur), f"{n.valeur} – {n.libelle}") for n in echelle(situation)),
            (ABSENT, _("Absent")), (NON_EVALUE, _("Non évalué"))]
        if not (courante and courante.preuve):
            del self.fields["retirer_preuve"]

    def clean_preuve(self):
        """The file, checked by its content (never by its name or declared type)."""
        preuve = self.cleaned_data.get("preuve")
        return verifier_preuve(preuve) if preuve else None

    def saisie(self, apprenant_id: int, critere_id: int):
        data = self.cleaned_data
        return saisie_du_code(apprenant_id, critere_id, data["code"],
                              commentaire=data["commentaire"], preuve=data.get("preuve"),
                              retirer_preuve=data.get("retirer_preuve", False))

    def version_lue(self) -> int:
        return self.cleaned_data["version"]
