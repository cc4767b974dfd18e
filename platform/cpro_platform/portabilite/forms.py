from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import depots


class DepotForm(forms.Form):
    archive = forms.FileField(label=_("Dossier exporté (fichier .zip)"),
                              error_messages={"required": _("Choisissez le fichier du dossier.")})

    def clean_archive(self):
        fichier = self.cleaned_data["archive"]
        try:
            depots.verifier(fichier)
        except ValidationError as erreur:
            raise ValidationError(erreur.messages) from None
        return fichier
