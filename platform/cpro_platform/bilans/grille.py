"""The class view of a campaign: learners × compétences, who is done and who is missing.

Each learner's row is their current bilan in the campaign: the newest one (a correction under
way, else the validated one). Those who may not write see validated bilans only. Constant
queries: the campaign's bilans (with their period marks), their levels (model-less rows), the
compétences, the scale.
"""
from dataclasses import dataclass, field

from cpro_platform.livret.lecture import classe_niveau
from cpro_platform.referentials.models import Competence, Niveau

from .etats import competences_de
from .models import Bilan, Campagne, NiveauBilan, code_de
from .periodes import avec_periodes


@dataclass
class Case:
    competence: Competence
    niveau: int | None
    version: int
    css: str
    cle: str            # "<bilan>-<compétence>": the input's name is c-<cle>
    code: str = ""      # as typed: the level, "NE" (non évaluée à cette date) or ""


@dataclass
class Ligne:
    bilan: Bilan | None     # None: nothing validated yet (for a reader)
    apprenant: object
    cases: list[Case]
    modifiable: bool

    @property
    def valide(self) -> bool:
        return bool(self.bilan and self.bilan.valide)

    @property
    def a_decider(self) -> int:
        """Compétences with neither a level nor "NE": what keeps the bilan from validation."""
        return sum(1 for case in self.cases if case.code == "")


@dataclass
class GrilleCampagne:
    campagne: Campagne
    competences: list[Competence]
    echelle: list[Niveau]
    lignes: list[Ligne]
    modifiable: bool
    blocs: list[tuple[object, int]] = field(default_factory=list)
    #: Every bilan of the campaign, with its period mark (``periodes.avec_periodes``).
    bilans: list[Bilan] = field(default_factory=list)

    @property
    def faits(self) -> list[Ligne]:
        return [ligne for ligne in self.lignes if ligne.valide]

    @property
    def a_faire(self) -> list[Ligne]:
        return [ligne for ligne in self.lignes if not ligne.valide]

    @property
    def valeurs(self) -> list[int]:
        return [n.valeur for n in self.echelle]

    @property
    def provisoire(self) -> bool:
        return self.campagne.classe.referentiel.est_provisoire or any(
            c.est_provisoire for c in self.competences)


def _courants(bilans: list[Bilan], modifiable: bool) -> dict[int, Bilan | None]:
    """Each learner's bilan to show: the newest, or for a reader the newest validated."""
    out: dict[int, Bilan | None] = {}
    for bilan in sorted(bilans, key=lambda b: (b.cree_le, b.pk), reverse=True):
        if bilan.apprenant_id in out and out[bilan.apprenant_id] is not None:
            continue
        out[bilan.apprenant_id] = bilan if (modifiable or bilan.valide) else None
    return out


def lire_grille(campagne: Campagne, *, modifiable: bool) -> GrilleCampagne:
    referentiel = campagne.classe.referentiel
    bilans = list(avec_periodes(campagne.bilans.select_related("apprenant", "valide_par")))
    courants = _courants(bilans, modifiable)
    competences = competences_de(referentiel.pk)
    echelle = list(Niveau.objects.filter(referentiel=referentiel).order_by("valeur"))
    valeurs = [n.valeur for n in echelle]
    css = {v: classe_niveau(v, valeurs) for v in valeurs}
    ids = [b.pk for b in courants.values() if b is not None]
    cellules = {(b, c): (n, v, code_de(n, o)) for b, c, n, v, o in NiveauBilan.objects.filter(
        bilan_id__in=ids).order_by().values_list("bilan_id", "competence_id", "niveau",
                                                 "version", "origine")}
    apprenants = {b.apprenant_id: b.apprenant for b in bilans}
    lignes = []
    for apprenant_id, bilan in courants.items():
        cases = []
        for competence in competences:
            niveau, version, code = cellules.get((bilan.pk, competence.pk), (None, 0, "")) \
                if bilan else (None, 0, "")
            cases.append(Case(competence, niveau, version, css.get(niveau, ""),
                              f"{bilan.pk if bilan else 0}-{competence.pk}", code))
        lignes.append(Ligne(bilan, apprenants[apprenant_id], cases,
                            modifiable and bilan is not None and not bilan.valide))
    lignes.sort(key=lambda ligne: (ligne.apprenant.nom, ligne.apprenant.prenom,
                                   ligne.apprenant.pk))
    blocs: list[tuple[object, int]] = []
    for competence in competences:
        if blocs and blocs[-1][0] == competence.bloc:
            blocs[-1] = (competence.bloc, blocs[-1][1] + 1)
        else:
            blocs.append((competence.bloc, 1))
    return GrilleCampagne(campagne, competences, echelle, lignes, modifiable, blocs, bilans)
