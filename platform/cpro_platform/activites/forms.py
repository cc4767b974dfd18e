"""The sheet's form (phone first) and the tutor's review form."""
from itertools import groupby

from django import forms
from django.utils.translation import gettext_lazy as _

from cpro_platform.etablissements.models import Inscription, aujourdhui
from cpro_platform.referentials.models import Activite, Competence

from .fiches import Contenu
from .models import EtatFiche, PhotoFiche
from .photos import PHOTOS_MAX


class PlusieursFichiers(forms.ClearableFileInput):
    allow_multiple_selected = True


class ChampPhotos(forms.FileField):
    """Several files in one input; their content is checked by ``photos.verifier_photos``."""

    widget = PlusieursFichiers

    def clean(self, data, initial=None):
        fichiers = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(ChampPhotos, self).clean(f, initial) for f in fichiers]


def referentiels_de(apprenant):
    return Inscription.objects.filter(apprenant=apprenant).values("classe__referentiel")


class FicheForm(forms.Form):
    date = forms.DateField(label=_("Date"), initial=aujourdhui, widget=forms.DateInput(
        attrs={"type": "date", "class": "fr-input"}, format="%Y-%m-%d"),
        error_messages={"required": _("Indiquez la date de l'activité.")})
    vehicule = forms.CharField(label=_("Véhicule ou chantier"), required=False, max_length=200,
                               help_text=_("Par exemple : Clio IV, choc avant droit."),
                               widget=forms.TextInput(attrs={"class": "fr-input"}))
    description = forms.CharField(label=_("Ce que j'ai fait"), widget=forms.Textarea(
        attrs={"rows": 4, "class": "fr-input"}),
        error_messages={"required": _("Décrivez ce que vous avez fait.")})
    activites = forms.ModelMultipleChoiceField(
        label=_("Activités du référentiel"), required=False, queryset=Activite.objects.none(),
        widget=forms.CheckboxSelectMultiple)
    competences = forms.ModelMultipleChoiceField(
        label=_("Compétences mobilisées"), required=False, queryset=Competence.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Proposées d'après les activités choisies : cochez ou décochez. Sans "
                    "choix, celles des activités sont retenues."))
    photos = ChampPhotos(label=_("Photos"), required=False, help_text=_(
        "JPEG, PNG, WebP ou PDF, 10 Mo au plus chacune, %(max)s par fiche.") % {
        "max": PHOTOS_MAX}, widget=PlusieursFichiers(attrs={"accept": "image/*,.pdf"}))
    retirer = forms.ModelMultipleChoiceField(label=_("Photos à retirer"), required=False,
                                             queryset=PhotoFiche.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, apprenant, fiche=None, **kwargs):
        if fiche is not None and "initial" not in kwargs:
            kwargs["initial"] = {"date": fiche.date, "vehicule": fiche.vehicule,
                                 "description": fiche.description,
                                 "activites": list(fiche.activites.all()),
                                 "competences": list(fiche.competences.all())}
        super().__init__(*args, **kwargs)
        refs = referentiels_de(apprenant)
        self.fields["activites"].queryset = (
            Activite.objects.filter(pole__referentiel__in=refs)
            .select_related("pole").prefetch_related("competences")
            .order_by("pole__ordre", "ordre"))
        self.fields["competences"].queryset = (
            Competence.objects.filter(referentiel__in=refs).order_by("bloc__ordre", "ordre"))
        if fiche is not None:
            self.fields["retirer"].queryset = fiche.photos.all()
        else:
            del self.fields["retirer"]

    def activites_par_pole(self):
        """The activity checkboxes grouped by pôle, each with its compétences' ids (the page's
        script ticks them when the activity is chosen)."""
        choix = {a.pk: a for a in self.fields["activites"].queryset}
        cases = [(choix[int(case.data["value"].value)], case)
                 for case in self["activites"]]
        return [(pole, [(a, case, " ".join(str(c.pk) for c in a.competences.all()))
                        for a, case in groupe])
                for pole, groupe in groupby(cases, key=lambda x: x[0].pole)]

    def contenu(self) -> Contenu:
        d = self.cleaned_data
        return Contenu(date=d["date"], description=d["description"], vehicule=d["vehicule"],
                       activites=list(d["activites"]), competences=list(d["competences"]),
                       photos=d["photos"], retirees=list(d.get("retirer") or ()))


class RelectureForm(forms.Form):
    etat = forms.ChoiceField(label=_("Décision"), widget=forms.RadioSelect, choices=[
        (EtatFiche.CONFIRMEE, _("Confirmer : l'activité a bien été réalisée")),
        (EtatFiche.A_REVOIR, _("À revoir : renvoyer à l'apprenant avec un commentaire"))],
        error_messages={"required": _("Choisissez « Confirmer » ou « À revoir ».")})
    commentaire = forms.CharField(label=_("Commentaire"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3, "class": "fr-input"}))


class FiltresForm(forms.Form):
    """The teacher's filters of a class's sheets (all optional)."""

    apprenant = forms.ModelChoiceField(label=_("Apprenant"), required=False, queryset=None,
                                       widget=forms.Select(attrs={"class": "fr-select"}))
    etat = forms.ChoiceField(label=_("État"), required=False,
                             choices=[("", _("Tous"))] + EtatFiche.choices,
                             widget=forms.Select(attrs={"class": "fr-select"}))
    periode = forms.ModelChoiceField(label=_("Période"), required=False, queryset=None,
                                     widget=forms.Select(attrs={"class": "fr-select"}))

    def __init__(self, *args, classe, **kwargs):
        from cpro_platform.etablissements.models import Apprenant

        super().__init__(*args, **kwargs)
        self.fields["apprenant"].queryset = Apprenant.objects.filter(
            inscriptions__classe=classe).distinct().order_by("nom", "prenom")
        self.fields["periode"].queryset = classe.periodes_pfmp.all()
