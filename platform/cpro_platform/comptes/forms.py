"""Forms of the accounts app, drawn with the DSFR; ``DsfrForm``/``DsfrModelForm`` serve all apps."""
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

User = get_user_model()


class Dsfr(DsfrBaseForm):
    """DSFR drawing, minus django-dsfr's transitional warning on every render (we keep its
    current behaviour: required fields marked)."""

    def get_context(self) -> dict:
        context = forms.BaseForm.get_context(self)
        context.setdefault("DSFR_MARK_OPTIONAL_FIELDS", False)
        return context


class DsfrForm(Dsfr):
    """A plain form drawn with the DSFR."""


class DsfrModelForm(forms.ModelForm, Dsfr):
    """A model form drawn with the DSFR."""


def dsfr(form_class: type[forms.Form]) -> type[forms.Form]:
    """The same form class, drawn with the DSFR (for Django's own forms)."""
    return type(form_class.__name__, (form_class, Dsfr), {})


LoginForm = dsfr(auth_forms.AuthenticationForm)
PasswordChangeForm = dsfr(auth_forms.PasswordChangeForm)
PasswordResetForm = dsfr(auth_forms.PasswordResetForm)
SetPasswordForm = dsfr(auth_forms.SetPasswordForm)


class PersonneForm(DsfrModelForm):
    """Identity of a person (an account); the username is chosen at creation only."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]
        labels = {"username": _("Identifiant de connexion")}
        help_texts = {"username": _("Lettres, chiffres et @ . + - _ ; par exemple j.martin.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        if self.instance.pk:
            self.fields["username"].disabled = True
        if self.instance.pk and self.instance.has_usable_password():
            # Password resets go to this address: whoever could change it for an account in
            # use could take the account over. Only the platform administrator changes it then.
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _(
                "Cette personne a déjà activé son compte : son adresse ne peut plus être changée "
                "ici (les réinitialisations de mot de passe y sont envoyées). Demandez-le à "
                "l'administrateur de la plateforme.")
            self._bound_fields_cache.pop("email", None)  # built by the DSFR form already

    def clean_email(self):
        if self.fields["email"].disabled:
            return self.instance.email
        email = self.cleaned_data["email"].strip().lower()
        if email and User.objects.filter(email__iexact=email).exclude(
                pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Cette adresse est déjà celle d'un autre compte."))
        return email
