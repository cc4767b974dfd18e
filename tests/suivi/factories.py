"""Tracking test data built in code: a scale, critères, scenarios, situations, whole grids."""
import itertools
from dataclasses import dataclass

from cpro_platform.etablissements.models import Apprenant, Classe
from cpro_platform.referentials.models import (
    Bloc, Competence, Critere, Epreuve, Niveau, Referentiel, Unite)
from cpro_platform.suivi.models import Scenario, Situation
from tests import factories as f

_seq = itertools.count(1)
LIBELLES = ["Non maîtrisé", "Insuffisamment maîtrisé", "Maîtrisé", "Bien maîtrisé"]


def echelle(ref: Referentiel) -> list[Niveau]:
    return [Niveau.objects.get_or_create(referentiel=ref, valeur=v,
                                         defaults={"libelle": libelle})[0]
            for v, libelle in enumerate(LIBELLES, 1)]


def criteres(ref: Referentiel, n: int = 3, par_competence: int = 2) -> list[Critere]:
    """``n`` critères in a new bloc (with its unit), ``par_competence`` per compétence."""
    echelle(ref)
    k = next(_seq)
    unite = Unite.objects.create(referentiel=ref, code=f"U{k}", intitule=f"Unité {k}",
                                 provenance="officiel", ordre=k)
    bloc = Bloc.objects.create(referentiel=ref, unite=unite, code=f"B{k}", ordre=k,
                               intitule=f"Bloc {k}", provenance="officiel")
    out = []
    for i in range(n):
        if i % par_competence == 0:
            comp = Competence.objects.create(
                referentiel=ref, bloc=bloc, code=f"C{k}.{i // par_competence + 1}",
                intitule=f"Compétence {k}.{i // par_competence + 1}", provenance="officiel",
                ordre=i)
        out.append(Critere.objects.create(competence=comp, code=f"{comp.code}.{i + 1}",
                                          intitule=f"Critère {comp.code}.{i + 1}",
                                          provenance="provisoire", ordre=i))
    return out


def epreuve(ref: Referentiel, code: str | None = None) -> Epreuve:
    code = code or f"E{next(_seq)}"
    return Epreuve.objects.create(referentiel=ref, code=code, intitule=f"Épreuve {code}",
                                  coefficient=2, provenance="officiel")


def scenario(classe: Classe, titre: str | None = None, **fields) -> Scenario:
    return Scenario.objects.create(classe=classe, referentiel=classe.referentiel,
                                   titre=titre or f"Scénario {next(_seq)}", **fields)


def situation(scenario: Scenario, cibles: list[Critere], titre: str | None = None,
              **fields) -> Situation:
    sit = Situation.objects.create(scenario=scenario, titre=titre or f"TP {next(_seq)}",
                                   **fields)
    sit.criteres.set(cibles)
    return sit


@dataclass
class Grille:
    situation: Situation
    enseignant: object
    apprenants: list[Apprenant]
    criteres: list[Critere]


def grille(apprenants: int = 3, nb_criteres: int = 3, **situation_fields) -> Grille:
    """A class of ``apprenants`` taught by one teacher, and a situation targeting
    ``nb_criteres`` critères."""
    e = f.etablissement()
    c = f.classe(e)
    prof = f.enseignant(e, c)
    eleves = [f.apprenant(e, c) for _ in range(apprenants)]
    cibles = criteres(c.referentiel, nb_criteres)
    sit = situation(scenario(c), cibles, **situation_fields)
    return Grille(sit, prof, eleves, cibles)
