from django import forms
from django.utils.translation import gettext_lazy as _


class InscriptionForm(forms.Form):
    """Registration: a signed-in person's address is prefilled; a visitor types theirs."""

    nom = forms.CharField(label=_("Nom et prénom"), max_length=150, required=False)
    email = forms.EmailField(label=_("Adresse électronique"),
                             error_messages={
                                 "required": _("Saisissez votre adresse électronique : "
                                               "la confirmation y sera envoyée."),
                                 "invalid": _("Saisissez une adresse électronique valide, "
                                              "par exemple nom@exemple.fr.")})

    def __init__(self, *args, user=None, **kwargs):
        if user is not None and user.is_authenticated and "data" not in kwargs and not args:
            kwargs["initial"] = {"email": user.email,
                                 "nom": user.get_full_name() or user.get_username()}
        super().__init__(*args, **kwargs)
