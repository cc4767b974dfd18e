"""A class at a glance: learners × compétences heatmap, and the coverage of the critères.

Constant queries: enrolments, critères, scale, situations, and one read of the learners'
current evaluations on the class's referential, pivoted in Python.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from cpro_platform.etablissements.models import Apprenant, Classe
from cpro_platform.regles import Incidents, Suggestion
from cpro_platform.referentials.models import Competence, Critere, Niveau
from cpro_platform.suivi.models import Etat

from .lecture import classe_niveau, situations_des_classes_de
from .observations import Observateur, criteres_des, echelles, notes_courantes, suggestions

#: Below this, a critère counts as rarely evaluated so far.
SITUATIONS_MIN = 2
PART_APPRENANTS_MIN = 0.5


@dataclass
class Case:
    suggestion: Suggestion | None
    css: str

    @property
    def niveau(self) -> int | None:
        return self.suggestion.niveau if self.suggestion else None


@dataclass
class LigneApprenant:
    apprenant: Apprenant
    cases: list[Case]


@dataclass
class Couverture:
    critere: Critere
    #: Distinct situations in which at least one learner got a level on it.
    situations: int
    #: Learners with at least one level on it.
    apprenants: int
    effectif: int

    @property
    def jamais(self) -> bool:
        return self.situations == 0

    @property
    def rarement(self) -> bool:
        return not self.jamais and (self.situations < SITUATIONS_MIN or
                                    self.apprenants < PART_APPRENANTS_MIN * self.effectif)


@dataclass
class VueClasse:
    classe: Classe
    competences: list[Competence]
    lignes: list[LigneApprenant]
    couverture: list[Couverture]
    echelle: list[Niveau]
    #: Rules that failed while reading it (the page names their plugins).
    incidents: Incidents = field(default_factory=Incidents)

    @property
    def legende(self) -> list[tuple[Niveau, str]]:
        valeurs = [n.valeur for n in self.echelle]
        return [(n, classe_niveau(n.valeur, valeurs)) for n in self.echelle]

    @property
    def a_couvrir(self) -> list[Couverture]:
        """Critères never or rarely evaluated so far, never first."""
        return sorted((c for c in self.couverture if c.jamais or c.rarement),
                      key=lambda c: (not c.jamais, c.situations, c.apprenants))


def lire_classe(classe: Classe) -> VueClasse:
    apprenants = list(Apprenant.objects.filter(inscriptions__classe=classe).distinct()
                      .order_by("nom", "prenom"))
    ids = [a.pk for a in apprenants]
    criteres = criteres_des([classe.referentiel_id])
    par_id = {c.pk: c for c in criteres}
    echelles_ = echelles([classe.referentiel_id])
    valeurs = [n.valeur for n in echelles_[classe.referentiel_id]]
    situations = {s.pk: s for s in situations_des_classes_de(ids)}
    notes_ = notes_courantes(apprenant_id__in=ids, critere_id__in=list(par_id))
    incidents = Incidents()
    suggere = suggestions(notes_, Observateur(situations, par_id), echelles_, incidents)

    competences = list({c.competence_id: c.competence for c in criteres}.values())
    lignes = []
    for apprenant in apprenants:
        cases = []
        for competence in competences:
            suggestion = suggere.get((apprenant.pk, competence.pk))
            cases.append(Case(suggestion, classe_niveau(
                suggestion.niveau if suggestion else None, valeurs)))
        lignes.append(LigneApprenant(apprenant, cases))

    situations_par_critere, apprenants_par_critere = defaultdict(set), defaultdict(set)
    for note in notes_:
        if note.etat == Etat.EVALUE:
            situations_par_critere[note.critere_id].add(note.situation_id)
            apprenants_par_critere[note.critere_id].add(note.apprenant_id)
    couverture = [Couverture(c, len(situations_par_critere[c.pk]),
                             len(apprenants_par_critere[c.pk]), len(apprenants))
                  for c in criteres]
    return VueClasse(classe, competences, lignes, couverture, echelles_[classe.referentiel_id],
                     incidents)
