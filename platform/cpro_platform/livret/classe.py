"""A class at a glance: learners × compétences heatmap, and the coverage of the critères.

Constant queries, flat in the years of history: enrolments, critères, scale, and the
maintained summary of the learners × compétences (:mod:`.resume`), pivoted in Python.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from cpro_platform.etablissements.models import Apprenant, Classe
from cpro_platform.regles import Incidents, Suggestion
from cpro_platform.referentials.models import Competence, Critere, Niveau

from . import resume
from .lecture import classe_niveau
from .observations import criteres_des, echelles

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
    echelles_ = echelles([classe.referentiel_id])
    valeurs = [n.valeur for n in echelles_[classe.referentiel_id]]
    competences = list({c.competence_id: c.competence for c in criteres}.values())
    # The maintained summary, not the evaluations: its cost does not grow with the years.
    resumes = resume.lire(ids, [c.pk for c in competences],
                          criteres[0].competence.referentiel) if criteres else {}

    incidents = Incidents()
    lignes = []
    for apprenant in apprenants:
        cases = []
        for competence in competences:
            ligne = resumes.get((apprenant.pk, competence.pk))
            if ligne is not None and ligne.echec:
                incidents.signaler(ligne.erreur)
            suggestion = ligne.suggestion if ligne else None
            cases.append(Case(suggestion, classe_niveau(
                suggestion.niveau if suggestion else None, valeurs)))
        lignes.append(LigneApprenant(apprenant, cases))

    situations_par_critere, apprenants_par_critere = defaultdict(set), defaultdict(set)
    for ligne in resumes.values():
        for critere_id, situations in ligne.couverture.items():
            situations_par_critere[int(critere_id)].update(situations)
            apprenants_par_critere[int(critere_id)].add(ligne.apprenant_id)
    couverture = [Couverture(c, len(situations_par_critere[c.pk]),
                             len(apprenants_par_critere[c.pk]), len(apprenants))
                  for c in criteres]
    return VueClasse(classe, competences, lignes, couverture, echelles_[classe.referentiel_id],
                     incidents)
