"""Forms of the commission pages: preparing the commission, adjusting a mark."""
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cpro_platform.comptes.forms import DsfrForm

from .commission import Membre

User = get_user_model()
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CommissionForm(DsfrForm):
    date = forms.DateField(label=_("Date de la commission"), widget=DATE)
    lieu = forms.CharField(label=_("Lieu"), max_length=200, required=False)
    membres = forms.ModelMultipleChoiceField(
        label=_("Membres"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("Les enseignants de la classe, le DDFPT et les inspecteurs qui ont accès à "
                    "la classe (observateurs, en lecture seule)."))
    observations = forms.CharField(label=_("Observations"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, possibles: list[Membre], **kwargs):
        super().__init__(*args, **kwargs)
        qualites = {m.user.pk: m for m in possibles}
        self.fields["membres"].queryset = User.objects.filter(pk__in=qualites).order_by(
            "last_name", "first_name", "pk")
        self.fields["membres"].label_from_instance = (
            lambda u: f"{qualites[u.pk].nom} — {qualites[u.pk].libelle_qualite}")


class AjustementForm(DsfrForm):
    note = forms.CharField(label=_("Note arrêtée par la commission (sur 20)"), max_length=10,
                           required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    motif = forms.CharField(label=_("Motif de l’ajustement"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Obligatoire : il figure au procès-verbal."))
