"""The PFMP of a class at a glance, and one learner's: placements per period, weeks done,
running total against the referential's required weeks, alerts (rule: ``semaines``).

A learner's total counts every placement of their cycle and every period of every class they
were enrolled in, so a learner who changed class keeps their weeks. A fixed number of queries
whatever the class's size.
"""
import datetime
from collections import defaultdict
from dataclasses import dataclass

from cpro_platform.etablissements.models import Apprenant, Inscription, aujourdhui

from .models import PeriodePFMP, StagePFMP
from .semaines import Cumul, cumul, est_fin_de_cycle, semaines_effectuees, semaines_prevues


@dataclass
class Cellule:
    stage: StagePFMP
    effectuees: object
    prevues: object


@dataclass
class Ligne:
    apprenant: object
    #: One per period of the class, None where no placement is assigned.
    cellules: list
    cumul: Cumul


def _stages(apprenant_ids) -> dict[int, list[StagePFMP]]:
    par_apprenant = defaultdict(list)
    for stage in (StagePFMP.objects.filter(apprenant_id__in=apprenant_ids)
                  .select_related("periode__classe", "entreprise", "tuteur__user",
                                  "apprenant")):
        par_apprenant[stage.apprenant_id].append(stage)
    return par_apprenant


def periodes_des_apprenants(apprenant_ids) -> dict[int, list[PeriodePFMP]]:
    """Each learner's periods: those of every class they were enrolled in."""
    classes = defaultdict(set)
    for apprenant_id, classe_id in Inscription.objects.filter(
            apprenant_id__in=apprenant_ids).values_list("apprenant_id", "classe_id"):
        classes[apprenant_id].add(classe_id)
    toutes = list(PeriodePFMP.objects.filter(
        classe_id__in={c for ids in classes.values() for c in ids}))
    return {a: [p for p in toutes if p.classe_id in ids] for a, ids in classes.items()}


def lignes(apprenants, periodes_affichees, exigees: int | None,
           date: datetime.date | None = None, *, fin_de_cycle: bool = False) -> list[Ligne]:
    date = date or aujourdhui()
    ids = [a.pk for a in apprenants]
    stages, periodes = _stages(ids), periodes_des_apprenants(ids)
    resultat = []
    for apprenant in apprenants:
        siens = stages.get(apprenant.pk, [])
        par_periode = {s.periode_id: s for s in siens}
        cellules = []
        for periode in periodes_affichees:
            stage = par_periode.get(periode.pk)
            cellules.append(Cellule(stage, semaines_effectuees(stage, date),
                                    semaines_prevues(stage)) if stage else None)
        resultat.append(Ligne(apprenant, cellules,
                              cumul(siens, periodes.get(apprenant.pk, []), exigees, date,
                                    fin_de_cycle=fin_de_cycle)))
    return resultat


def tableau_classe(classe, date: datetime.date | None = None):
    """(periods of the class, one ``Ligne`` per learner enrolled now or before)."""
    periodes = list(classe.periodes_pfmp.select_related("situation").order_by("debut"))
    apprenants = list(Apprenant.objects.filter(inscriptions__classe=classe).distinct()
                      .order_by("nom", "prenom"))
    return periodes, lignes(apprenants, periodes, classe.referentiel.pfmp_semaines, date,
                            fin_de_cycle=est_fin_de_cycle(classe))
