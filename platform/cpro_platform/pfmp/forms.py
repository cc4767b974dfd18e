"""Forms of the PFMP pages. They only parse input; the rules (overlaps, dates inside the
period, tutor of the company…) are the services', whose refusals ``erreurs_du_service``
puts back on the fields."""
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.etablissements.models import Apprenant, Entreprise, Inscription, Tuteur
from cpro_platform.referentials.models import Critere

from .models import TypeVisite

User = get_user_model()

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTE = forms.Textarea(attrs={"rows": 3})


def erreurs_du_service(form: forms.Form, erreur: ValidationError) -> None:
    """A service's refusal, field by field (a field the form lacks goes on top)."""
    for champ, messages in erreur.message_dict.items():
        for message in messages:
            form.add_error(champ if champ in form.fields else None, message)


class PeriodeForm(forms.Form):
    titre = forms.CharField(label=_("Titre"), max_length=200,
                            help_text=_("Par exemple PFMP 1."))
    debut = forms.DateField(label=_("Début"), widget=DATE)
    fin = forms.DateField(label=_("Fin"), widget=DATE, help_text=_("Dernier jour inclus."))
    semaines = forms.IntegerField(
        label=_("Semaines"), required=False, min_value=1, max_value=52,
        help_text=_("Semaines comptées pour la durée exigée ; vide : les jours ouvrés de la "
                    "période divisés par 5."))
    criteres = forms.ModelMultipleChoiceField(
        label=_("Critères évalués par les tuteurs"), required=False,
        queryset=Critere.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, classe, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteres"].queryset = (
            Critere.objects.filter(competence__referentiel=classe.referentiel)
            .select_related("competence").order_by("competence__ordre", "ordre"))

    def par_competence(self) -> list[tuple]:
        """(compétence, [(critère, checked)]) for the template: critères with their wording,
        grouped by compétence."""
        choisis = {str(v) for v in (self["criteres"].value() or [])}
        groupes: list[tuple] = []
        for critere in self.fields["criteres"].queryset:
            if not groupes or groupes[-1][0].pk != critere.competence_id:
                groupes.append((critere.competence, []))
            groupes[-1][1].append((critere, str(critere.pk) in choisis))
        return groupes


class StageForm(forms.Form):
    apprenant = forms.ModelChoiceField(label=_("Apprenant"), queryset=None)
    entreprise = forms.ModelChoiceField(label=_("Entreprise d’accueil"), queryset=None)
    tuteur = forms.ModelChoiceField(label=_("Tuteur"), queryset=None, required=False,
                                    help_text=_("Il suit l’apprenant pendant les dates de la "
                                                "PFMP, et seulement pendant celles-ci."))
    enseignant_referent = forms.ModelChoiceField(label=_("Enseignant qui suit"), queryset=None,
                                                 required=False)
    debut = forms.DateField(label=_("Début"), widget=DATE)
    fin = forms.DateField(label=_("Fin"), widget=DATE, help_text=_("Dernier jour inclus."))
    adresse = forms.CharField(label=_("Lieu de la PFMP"), max_length=300, required=False,
                              help_text=_("Si différent de l’adresse de l’entreprise."))
    horaires = forms.CharField(label=_("Horaires"), max_length=300, required=False,
                               help_text=_("Par exemple : lundi–vendredi, 8 h–12 h, "
                                           "13 h 30–17 h."))
    heures_hebdo = forms.DecimalField(label=_("Heures par semaine"), required=False,
                                      max_digits=4, decimal_places=1)

    def __init__(self, *args, periode, stage=None, **kwargs):
        super().__init__(*args, **kwargs)
        classe = periode.classe
        etablissement = classe.etablissement
        if stage is None:
            self.fields["apprenant"].queryset = _apprenants_de(classe)
            self.fields["apprenant"].label_from_instance = lambda a: a.nom_complet
        else:
            del self.fields["apprenant"]
        self.fields["entreprise"].queryset = Entreprise.objects.filter(
            etablissement=etablissement).order_by("nom")
        self.fields["tuteur"].queryset = Tuteur.objects.filter(
            entreprise__etablissement=etablissement).select_related("user", "entreprise")
        self.fields["enseignant_referent"].queryset = User.objects.filter(
            pk__in=Role.objects.filter(etablissement=etablissement, type=TypeRole.ENSEIGNANT)
            .actives().values("user")).order_by("last_name", "first_name")
        self.fields["enseignant_referent"].label_from_instance = (
            lambda u: u.get_full_name() or u.get_username())


def _apprenants_de(classe):
    return Apprenant.objects.filter(
        pk__in=Inscription.objects.filter(classe=classe).values("apprenant")
    ).order_by("nom", "prenom")


class AttestationForm(forms.Form):
    jours_absence = forms.DecimalField(label=_("Jours d’absence"), required=False, min_value=0,
                                       max_digits=4, decimal_places=1,
                                       help_text=_("Par demi-journées (0,5)."))
    absences_detail = forms.CharField(label=_("Absences (dates, motifs)"), required=False,
                                      widget=TEXTE)
    activites_realisees = forms.CharField(label=_("Activités réalisées"), required=False,
                                          widget=TEXTE)
    appreciation_tuteur = forms.CharField(label=_("Appréciation générale du tuteur"),
                                          required=False, widget=TEXTE)


class VisiteForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), choices=TypeVisite.choices)
    date = forms.DateField(label=_("Date"), widget=DATE)
    avec = forms.CharField(label=_("Avec"), max_length=300, required=False,
                           help_text=_("Les personnes rencontrées ou jointes."))
    notes = forms.CharField(label=_("Compte rendu"), widget=forms.Textarea(attrs={"rows": 6}))


class SignatureForm(forms.Form):
    nom = forms.CharField(label=_("Votre nom et prénom"), max_length=200,
                          error_messages={"required": _("Tapez votre nom et prénom pour "
                                                        "signer.")},
                          help_text=_("Taper votre nom vaut signature de l’attestation telle "
                                      "qu’elle est affichée."))
