"""Forms of the bilans pages: opening a campaign, modulating a mark; the bilan's and the
pondération's fields are one per compétence, read by ``lignes_postees`` and the views."""
from django import forms
from django.utils.translation import gettext_lazy as _

from cpro_platform.etablissements.models import aujourdhui

from .models import CODE_NON_EVALUE
from .validation import Ligne


class CampagneForm(forms.Form):
    titre = forms.CharField(label=_("Titre"), max_length=200, required=False, widget=forms.TextInput(
        attrs={"class": "fr-input", "placeholder": _("Bilan de fin de 1re période")}))
    date = forms.DateField(label=_("Date du bilan"), initial=aujourdhui,
                           help_text=_("Les positionnements et évaluations jusqu’à cette date "
                                       "préremplissent les bilans."),
                           widget=forms.DateInput(attrs={"type": "date", "class": "fr-input"},
                                                  format="%Y-%m-%d"))


class ModulationForm(forms.Form):
    modulation = forms.CharField(label=_("Modulation (points, entre −2 et +2)"),
                                 widget=forms.TextInput(attrs={"class": "fr-input",
                                                               "inputmode": "decimal"}))
    motif = forms.CharField(label=_("Motif"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2, "class": "fr-input"}),
                            help_text=_("Obligatoire pour toute modulation."))


def lignes_postees(post, competence_ids: list[int]) -> list[Ligne]:
    """The bilan form's ``niveau-<compétence>`` and ``commentaire-<compétence>`` fields: a
    level, "NE" (non évaluée à cette date), else no level (the service checks the scale)."""
    lignes = []
    for pk in competence_ids:
        texte = (post.get(f"niveau-{pk}") or "").strip()
        lignes.append(Ligne(pk, int(texte) if texte.isdecimal() else None,
                            post.get(f"commentaire-{pk}", ""),
                            non_evalue=texte.upper() == CODE_NON_EVALUE))
    return lignes
