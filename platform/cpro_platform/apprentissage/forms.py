"""Forms of the livret d'apprentissage; choices are always limited to one establishment."""
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpro_platform.comptes.forms import DsfrForm, DsfrModelForm
from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.etablissements.models import (
    Apprenant, Etablissement, Inscription, Parcours, Tuteur, actif_le_q)

from .contrats import verifier
from .models import BilanApprentissage, Contrat, LieuSemaine

User = get_user_model()
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def fin_apres_debut(form, message) -> None:
    """Say it on the end date, in French, before the model's constraint would (in English)."""
    debut, fin = form.cleaned_data.get("debut"), form.cleaned_data.get("fin")
    if debut and fin and fin < debut:
        form.add_error("fin", message)


class ContratForm(DsfrModelForm):
    """A contract of ``etablissement``; the rules (statut apprenti, overlap, master of the
    employer) are checked by ``contrats.verifier`` and shown on their fields."""

    class Meta:
        model = Contrat
        fields = ["apprenant", "employeur", "maitre", "formateur_referent", "debut", "fin",
                  "numero", "convention_collective", "idcc", "representant", "telephone",
                  "email"]
        widgets = {"debut": DATE, "fin": DATE}

    def __init__(self, *args, etablissement: Etablissement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["apprenant"].queryset = Apprenant.objects.filter(
            Q(pk__in=Parcours.objects.filter(etablissement=etablissement).values("apprenant"))
            | Q(pk__in=Inscription.objects.filter(
                classe__etablissement=etablissement).values("apprenant")))
        self.fields["employeur"].queryset = etablissement.entreprises.all()
        self.fields["maitre"].queryset = Tuteur.objects.filter(
            entreprise__etablissement=etablissement).select_related("user", "entreprise")
        self.fields["formateur_referent"].queryset = User.objects.filter(
            pk__in=Role.objects.filter(actif_le_q(), etablissement=etablissement,
                                       type__in=[TypeRole.ENSEIGNANT, TypeRole.DDFPT])
            .values("user")).order_by("last_name", "first_name")
        self.fields["formateur_referent"].label_from_instance = (
            lambda u: u.get_full_name() or u.get_username())

    def clean(self):
        data = super().clean()
        fin_apres_debut(self, _("La fin du contrat précède son début."))
        return data

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            verifier(self.instance)
        except ValidationError as erreur:
            self._update_errors(erreur)


class MotifForm(DsfrForm):
    """"2 semaines CFA / 2 semaines entreprise" from a date, to the contract's end."""

    depuis = forms.DateField(label=_("À partir de la semaine du"), widget=DATE)
    cfa = forms.IntegerField(label=_("Semaines au CFA"), min_value=0, max_value=20, initial=2)
    entreprise = forms.IntegerField(label=_("Semaines en entreprise"), min_value=0,
                                    max_value=20, initial=2)
    premier = forms.ChoiceField(label=_("Commencer par"), initial=LieuSemaine.CFA,
                                choices=[(LieuSemaine.CFA, LieuSemaine.CFA.label),
                                         (LieuSemaine.ENTREPRISE, LieuSemaine.ENTREPRISE.label)])

    def sequence(self) -> list[tuple[str, int]]:
        d = self.cleaned_data
        paires = [(LieuSemaine.CFA.value, d["cfa"]), (LieuSemaine.ENTREPRISE.value,
                                                      d["entreprise"])]
        return paires if d["premier"] == LieuSemaine.CFA else paires[::-1]


class CopieForm(DsfrForm):
    source = forms.ModelChoiceField(queryset=Contrat.objects.none(),
                                    label=_("Copier le calendrier du contrat de"))

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources
        self.fields["source"].label_from_instance = (
            lambda c: f"{c.apprenant.nom_complet} — {c.employeur.nom}")


class EntreeForm(DsfrForm):
    travaux = forms.CharField(label=_("Travaux confiés"), widget=forms.Textarea(
        attrs={"rows": 4}), max_length=5000)
    observations = forms.CharField(label=_("Observations"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class OuvrirBilanForm(DsfrModelForm):
    class Meta:
        model = BilanApprentissage
        fields = ["date", "debut", "fin"]
        widgets = {"date": DATE, "debut": DATE, "fin": DATE}

    def clean(self):
        data = super().clean()
        fin_apres_debut(self, _("La fin de la période précède son début."))
        return data


class SignatureForm(DsfrForm):
    nom = forms.CharField(label=_("Votre nom, pour signer"), max_length=200)
