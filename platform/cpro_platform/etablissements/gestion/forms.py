"""Forms of the administration screens; choices are always limited to one establishment."""
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cpro_platform.comptes.forms import DsfrForm, DsfrModelForm
from cpro_platform.comptes.liens import adresse_du_personnel
from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.referentials.models import Referentiel

from ..models import (
    AnneeScolaire, Apprenant, Classe, Encadrement, Entreprise, Etablissement, Statut,
    TypeEncadrement, actif_le_q)
from ..validators import validate_ine

User = get_user_model()
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EtablissementForm(DsfrModelForm):
    """The establishment's own settings (its UAI is its identity and does not change here)."""

    class Meta:
        model = Etablissement
        fields = ["nom", "type", "academie", "commune", "liens_un_seul_appareil"]


class RoleForm(DsfrModelForm):
    class Meta:
        model = Role
        fields = ["type", "debut", "fin", "classes", "motif"]
        widgets = {"debut": DATE, "fin": DATE, "classes": forms.CheckboxSelectMultiple}
        help_texts = {"classes": _("Pour un inspecteur : les classes consultables (aucune "
                                   "cochée = toutes les classes de l'établissement).")}

    def __init__(self, *args, etablissement: Etablissement, personne=None, par=None, **kwargs):
        """``personne`` receives the role from ``par``: the model refuses a self-grant, so the
        form shows why (a new account is nobody yet, hence optional)."""
        if kwargs.get("instance") is None:
            kwargs["instance"] = Role(etablissement=etablissement)
            if personne is not None:
                kwargs["instance"].user = personne
            kwargs["instance"].accorde_par = par
        super().__init__(*args, **kwargs)
        self.fields["classes"].queryset = etablissement.classes.select_related("annee")

    def clean(self):
        data = super().clean()
        if data.get("classes") and data.get("type") != TypeRole.INSPECTEUR:
            self.add_error("classes", _("Seul un accès inspecteur se limite à des classes."))
        return data


class ClasseForm(DsfrModelForm):
    enseignants = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Enseignants"),
        help_text=_("Les personnes ayant un rôle d'enseignant en cours dans l'établissement."))

    class Meta:
        model = Classe
        fields = ["nom", "annee", "niveau", "referentiel"]

    def __init__(self, *args, etablissement: Etablissement, **kwargs):
        if kwargs.get("instance") is None:
            kwargs["instance"] = Classe(etablissement=etablissement)
        super().__init__(*args, **kwargs)
        self.etablissement = etablissement
        self.fields["referentiel"].queryset = Referentiel.objects.filter(actif=True)
        self.fields["annee"].queryset = AnneeScolaire.objects.all()
        self.fields["enseignants"].queryset = User.objects.filter(
            actif_le_q(prefix="roles__"), roles__etablissement=etablissement,
            roles__type=TypeRole.ENSEIGNANT).distinct().order_by("last_name", "first_name")
        self.fields["enseignants"].label_from_instance = lambda u: u.get_full_name() or u.username
        if self.instance.pk:
            self.initial["enseignants"] = list(self.instance.enseignants.values_list("pk",
                                                                                     flat=True))

    def clean_nom(self):
        nom = self.cleaned_data["nom"]
        annee = self.data.get(self.add_prefix("annee"))
        others = self.etablissement.classes.filter(nom=nom, annee_id=annee or None)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Une classe porte déjà ce nom cette année-là."))
        return nom


class ApprenantForm(DsfrModelForm):
    class Meta:
        model = Apprenant
        fields = ["ine", "nom", "prenom", "date_naissance", "email"]
        widgets = {"date_naissance": DATE}


class IneField(forms.CharField):
    """An INE typed in any case, with or without surrounding spaces."""

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class InscriptionApprenantForm(DsfrForm):
    """A new learner in the establishment (or one arriving from another, by INE)."""

    ine = IneField(label=_("INE"), max_length=11, validators=[validate_ine])
    nom = forms.CharField(label=_("Nom"), max_length=100)
    prenom = forms.CharField(label=_("Prénom"), max_length=100)
    date_naissance = forms.DateField(label=_("Date de naissance"), required=False, widget=DATE)
    email = forms.EmailField(label=_("Adresse électronique"), required=False)
    statut = forms.ChoiceField(label=_("Statut"), choices=Statut.choices)
    classe = forms.ModelChoiceField(label=_("Classe"), queryset=Classe.objects.none(),
                                    required=False)
    debut = forms.DateField(label=_("Date d'entrée"), widget=DATE)

    def __init__(self, *args, etablissement: Etablissement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classe"].queryset = etablissement.classes.select_related("annee")


class ParcoursForm(DsfrForm):
    """A change of statut and/or of class in this establishment, from a date (the past is
    kept: ``services.changer_statut_ou_classe``)."""

    statut = forms.ChoiceField(label=_("Statut"), choices=Statut.choices)
    classe = forms.ModelChoiceField(
        label=_("Nouvelle classe"), queryset=Classe.objects.none(), required=False,
        help_text=_("Laissez vide pour rester dans la même classe."))
    date = forms.DateField(label=_("À partir du"), widget=DATE)

    def __init__(self, *args, etablissement: Etablissement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classe"].queryset = etablissement.classes.select_related("annee")


class DepartForm(DsfrForm):
    date = forms.DateField(label=_("Dernier jour dans l'établissement"), widget=DATE)


class InscriptionClasseForm(DsfrForm):
    classe = forms.ModelChoiceField(label=_("Classe"), queryset=Classe.objects.none())
    debut = forms.DateField(label=_("À partir du"), widget=DATE)

    def __init__(self, *args, etablissement: Etablissement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classe"].queryset = etablissement.classes.select_related("annee")


class CompteForm(DsfrForm):
    username = forms.CharField(label=_("Identifiant de connexion"), max_length=150)


class EntrepriseForm(DsfrModelForm):
    class Meta:
        model = Entreprise
        fields = ["siret", "nom", "adresse", "code_postal", "commune", "secteur"]

    def __init__(self, *args, etablissement: Etablissement, **kwargs):
        if kwargs.get("instance") is None:
            kwargs["instance"] = Entreprise(etablissement=etablissement)
        super().__init__(*args, **kwargs)
        self.etablissement = etablissement

    def clean_siret(self):
        siret = self.cleaned_data["siret"]
        if self.etablissement.entreprises.filter(siret=siret).exclude(
                pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Cette entreprise est déjà enregistrée."))
        return siret


class TuteurForm(DsfrForm):
    prenom = forms.CharField(label=_("Prénom"), max_length=150)
    nom = forms.CharField(label=_("Nom"), max_length=150)
    email = forms.EmailField(label=_("Adresse électronique"),
                             help_text=_("Le lien de connexion y est envoyé."))
    fonction = forms.CharField(label=_("Fonction"), max_length=200, required=False)
    telephone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)

    def __init__(self, *args, etablissement: Etablissement, **kwargs):
        super().__init__(*args, **kwargs)
        self.etablissement = etablissement

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if adresse_du_personnel(self.etablissement, email):
            raise forms.ValidationError(_(
                "Cette adresse est celle d'un membre du personnel de l'établissement : le lien "
                "de connexion du tuteur lui serait envoyé. Saisissez l'adresse professionnelle "
                "du tuteur."))
        return email


class EncadrementForm(DsfrModelForm):
    class Meta:
        model = Encadrement
        fields = ["apprenant", "type", "debut", "fin"]
        widgets = {"debut": DATE, "fin": DATE}

    def __init__(self, *args, apprenants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["apprenant"].queryset = apprenants.order_by("nom", "prenom")
        self.fields["fin"].required = True

    def clean(self):
        data = super().clean()
        apprenant, type_, debut = data.get("apprenant"), data.get("type"), data.get("debut")
        if apprenant and type_ and debut:
            parcours = apprenant.parcours_au(debut)
            attendu = (Statut.APPRENTI if type_ == TypeEncadrement.MAITRE_APPRENTISSAGE
                       else Statut.SCOLAIRE)
            if parcours is None or parcours.statut != attendu:
                self.add_error("type", _(
                    "Un maître d'apprentissage suit un apprenti, un tuteur de stage un élève "
                    "sous statut scolaire : vérifiez le statut de l'apprenant à cette date."))
        return data
