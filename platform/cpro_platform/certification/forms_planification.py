"""Forms of the certification's planning; every choice is limited to the session's class and
referential, and the rules are those of ``planification`` and ``candidats`` (one place)."""
from django import forms
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from cpro_platform.comptes.forms import DsfrForm, DsfrModelForm
from cpro_platform.referentials.models import Epreuve

from .candidats import erreurs_candidature
from .models import Candidature, SessionExamen, SituationEvaluation, StatutCandidat
from .planification import (
    apprenants_inscrits, enseignants, erreurs_situation, situations_certificatives,
    sous_epreuves, sous_epreuves_ccf, tuteurs)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PAS_DANS_LA_CLASSE = _("Cet apprenant n'est pas inscrit dans la classe de la session.")


def _nom(user) -> str:
    return user.get_full_name() or user.get_username()


class SessionForm(DsfrForm):
    annee = forms.IntegerField(label=_("Année de la session"),
                               help_text=_("Par défaut, l'année d'examen de la fin du cycle."))


class SituationEvaluationForm(DsfrModelForm):
    class Meta:
        model = SituationEvaluation
        fields = ["epreuve", "intitule", "lieu", "debut", "fin", "evaluateur", "professionnel",
                  "professionnel_nom", "professionnel_fonction", "situation", "apprenants"]
        widgets = {"debut": DATE, "fin": DATE, "apprenants": forms.CheckboxSelectMultiple}
        help_texts = {
            "professionnel": _("Le tuteur ou maître d'apprentissage d'un apprenant de la "
                               "classe ; sinon, saisissez le nom et la fonction ci-dessous."),
            "situation": _("Facultatif : la situation certificative du scénario dont cette "
                           "évaluation observe les critères (même épreuve)."),
            "apprenants": _("Tous les apprenants inscrits sont cochés par défaut."),
        }

    def __init__(self, *args, session: SessionExamen, **kwargs):
        kwargs.setdefault("instance", SituationEvaluation(session=session))
        super().__init__(*args, **kwargs)
        self.session = session
        classe = session.classe
        champs = self.fields
        # Every épreuve of the referential is accepted by the field, so that a non-CCF one
        # is refused with the rule's message; only the CCF sous-épreuves are offered.
        champs["epreuve"].queryset = Epreuve.objects.filter(referentiel_id=session.referentiel_id)
        champs["epreuve"].choices = [("", "---------"), *(
            (e.pk, f"{e.code} — {e.intitule}") for e in sous_epreuves_ccf(session))]
        champs["evaluateur"].queryset = enseignants(classe)
        champs["evaluateur"].label_from_instance = _nom
        champs["evaluateur"].error_messages["invalid_choice"] = _(
            "L'enseignant évaluateur est un enseignant de la classe.")
        champs["professionnel"].queryset = tuteurs(classe)
        champs["professionnel"].label_from_instance = (
            lambda t: f"{_nom(t.user)} — {t.entreprise.nom}")
        champs["professionnel"].error_messages["invalid_choice"] = _(
            "Ce professionnel n'encadre aucun apprenant de la classe : saisissez son nom et sa "
            "fonction.")
        champs["situation"].queryset = situations_certificatives(classe)
        champs["situation"].label_from_instance = (
            lambda s: f"{s.epreuve.code if s.epreuve_id else '—'} — {s.titre}")
        champs["situation"].error_messages["invalid_choice"] = _(
            "Cette situation n'est pas une situation certificative des scénarios de la classe.")
        champs["apprenants"].queryset = apprenants_inscrits(classe)
        champs["apprenants"].label_from_instance = lambda a: f"{a.nom} {a.prenom}"
        champs["apprenants"].error_messages["invalid_choice"] = PAS_DANS_LA_CLASSE
        champs["apprenants"].error_messages["required"] = _(
            "Cochez au moins un apprenant concerné.")
        if not self.instance.pk and not self.initial.get("apprenants"):
            # "All" by default (model_to_dict gave an empty list for a new situation).
            self.initial["apprenants"] = [a.pk for a in champs["apprenants"].queryset]

    def clean(self):
        """The planning rules, on the situation as it would be saved: errors land on their
        fields (and the database constraints are then not reached)."""
        data = super().clean()
        situation = construct_instance(self, SituationEvaluation(
            pk=self.instance.pk, session=self.session), self._meta.fields)
        for champ, message in erreurs_situation(situation).items():
            if champ not in self.errors:
                self.add_error(champ, message)
        return data


class StatutForm(DsfrForm):
    apprenant = forms.ModelChoiceField(queryset=None, label=_("Apprenant"),
                                       error_messages={"invalid_choice": PAS_DANS_LA_CLASSE})
    epreuve = forms.ModelChoiceField(
        queryset=None, label=_("Sous-épreuve"),
        error_messages={"invalid_choice": _("Ce n'est pas une sous-épreuve notée de la "
                                            "session.")})
    statut = forms.ChoiceField(label=_("Statut"), choices=StatutCandidat.choices)
    motif = forms.CharField(label=_("Motif / pièce justificative"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    note_conservee = forms.DecimalField(label=_("Note conservée (sur 20)"), required=False,
                                        max_digits=4, decimal_places=2,
                                        help_text=_("Bénéfice seulement."))
    session_origine = forms.IntegerField(label=_("Session d'origine"), required=False,
                                         help_text=_("Bénéfice seulement : l'année de la "
                                                     "session où la note a été obtenue."))

    def __init__(self, *args, session: SessionExamen, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["apprenant"].queryset = apprenants_inscrits(session.classe)
        self.fields["apprenant"].label_from_instance = lambda a: f"{a.nom} {a.prenom}"
        self.fields["epreuve"].queryset = sous_epreuves(session)
        self.fields["epreuve"].label_from_instance = lambda e: f"{e.code} — {e.intitule}"

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        candidature = Candidature(session=self.session, **{
            k: data.get(k) for k in ("statut", "note_conservee", "session_origine")},
            motif=data.get("motif", ""))
        for champ, message in erreurs_candidature(candidature).items():
            self.add_error(champ, message)
        return data
