"""The positionnement form (one compétence at a time)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from cpro_platform.etablissements.models import aujourdhui


class PositionnementForm(forms.Form):
    niveau = forms.TypedChoiceField(label=_("Niveau retenu"), coerce=int,
                                    widget=forms.Select(attrs={"class": "fr-select"}))
    date = forms.DateField(label=_("Date"), initial=aujourdhui, widget=forms.DateInput(
        attrs={"type": "date", "class": "fr-input"}, format="%Y-%m-%d"))
    commentaire = forms.CharField(
        label=_("Commentaire"), required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "fr-input"}),
        help_text=_("Obligatoire si vous retenez un autre niveau que le niveau suggéré."))

    def __init__(self, *args, echelle, suggere=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["niveau"].choices = [(n.valeur, f"{n.valeur} – {n.libelle}")
                                         for n in echelle]
        if suggere is not None:
            self.fields["niveau"].initial = suggere
