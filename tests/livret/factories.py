"""Livret test data: a learner's history of situations and evaluations, built in code."""
import datetime
from dataclasses import dataclass

from cpro_platform.suivi.grille import Saisie, courantes, enregistrer_grille
from cpro_platform.suivi.models import Etat, Lieu, Situation, TypeSituation
from tests import factories as f
from tests.suivi import factories as sf


def noter(situation: Situation, auteur, valeurs: dict) -> None:
    """Save ``{(apprenant, critere): code}`` ("1"…"4", "ABS", "NE") through the grid service."""
    saisies = []
    for (apprenant, critere), code in valeurs.items():
        if code == "ABS":
            saisies.append(Saisie(apprenant.pk, critere.pk, etat=Etat.ABSENT))
        elif code == "NE":
            saisies.append(Saisie(apprenant.pk, critere.pk, etat=Etat.NON_EVALUE))
        else:
            saisies.append(Saisie(apprenant.pk, critere.pk, niveau=int(code)))
    versions = {cellule: e.version for cellule, e in courantes(situation).items()}
    resultat = enregistrer_grille(situation, auteur, saisies, versions)
    assert resultat.ok


@dataclass
class Parcours:
    """A class, its teacher, learners, critères (2 per compétence) and a scenario."""

    etablissement: object
    classe: object
    enseignant: object
    apprenants: list
    criteres: list
    scenario: object

    def situation(self, titre: str, debut: datetime.date, *, lieu=Lieu.CENTRE,
                  type=TypeSituation.FORMATIVE, criteres=None) -> Situation:
        extra = {}
        criteres = criteres or self.criteres
        if type == TypeSituation.CERTIFICATIVE:
            # An épreuve evaluating the targeted critères' compétences (the certificative rule).
            extra["epreuve"] = sf.epreuve(self.classe.referentiel)
            extra["epreuve"].competences.set({c.competence for c in criteres})
        return sf.situation(self.scenario, criteres, titre, debut=debut,
                            lieu=lieu, type=type, **extra)


def parcours(apprenants: int = 2, nb_criteres: int = 4, compte: bool = True) -> Parcours:
    e = f.etablissement()
    c = f.classe(e)
    prof = f.enseignant(e, c)
    eleves = [f.apprenant(e, c, compte=compte and i == 0) for i in range(apprenants)]
    cibles = sf.criteres(c.referentiel, nb_criteres)
    return Parcours(e, c, prof, eleves, cibles, sf.scenario(c))
