"""The grid as a page shows it, and the short codes a cell holds ("1"…"4", "ABS", "NE").

``lire_grille`` runs a constant number of queries whatever the grid's size.
"""
from dataclasses import dataclass, field
from itertools import groupby

from cpro_platform.etablissements.models import Apprenant
from cpro_platform.referentials.models import Critere, Niveau

from . import perimetres as s
from .grille import Saisie, courantes, criteres_par_competence, echelle
from .models import ABSENT, NON_EVALUE, Etat, Evaluation, Situation

def saisie_du_code(apprenant_id: int, critere_id: int, code: str, **extra) -> Saisie:
    """The entry a typed code means; an unknown code becomes an entry the service refuses."""
    code = code.strip().upper()
    if code in ("", NON_EVALUE):
        return Saisie(apprenant_id, critere_id, etat=Etat.NON_EVALUE, **extra)
    if code == ABSENT:
        return Saisie(apprenant_id, critere_id, etat=Etat.ABSENT, **extra)
    if code.isdecimal():
        return Saisie(apprenant_id, critere_id, niveau=int(code), **extra)
    return Saisie(apprenant_id, critere_id, etat=code, **extra)


@dataclass
class Case:
    apprenant: Apprenant
    critere: Critere
    evaluation: Evaluation | None

    @property
    def code(self) -> str:
        """What the cell shows; "" when nothing was ever entered."""
        return self.evaluation.code if self.evaluation else ""

    @property
    def version(self) -> int:
        return self.evaluation.version if self.evaluation else 0

    @property
    def cle(self) -> str:
        """The suffix of the cell's form fields: ``c-<cle>`` (code) and ``v-<cle>`` (version)."""
        return f"{self.apprenant.pk}-{self.critere.pk}"


@dataclass
class Ligne:
    apprenant: Apprenant
    evaluable: bool
    cases: list[Case]


@dataclass
class Entete:
    """A header cell spanning ``largeur`` columns (a bloc or a compétence)."""

    objet: object
    largeur: int


@dataclass
class LectureGrille:
    situation: Situation
    echelle: list[Niveau]
    criteres: list[Critere]
    lignes: list[Ligne]
    blocs: list[Entete] = field(default_factory=list)
    competences: list[Entete] = field(default_factory=list)

    @property
    def modifiable(self) -> bool:
        return any(ligne.evaluable for ligne in self.lignes)


def _entetes(criteres: list[Critere], cle) -> list[Entete]:
    return [Entete(objet, len(list(groupe)))
            for objet, groupe in groupby(criteres, key=cle)]


def lire_grille(situation: Situation, user) -> LectureGrille:
    """The rows ``user`` may see, the targeted critères and every current value (5 queries)."""
    criteres = criteres_par_competence(situation)
    apprenants = list(s.lignes_visibles(user, situation).distinct().order_by("nom", "prenom"))
    evaluables = set(s.lignes_evaluables(user, situation).values_list("pk", flat=True))
    actuelles = courantes(situation)
    lignes = [Ligne(a, a.pk in evaluables,
                    [Case(a, c, actuelles.get((a.pk, c.pk))) for c in criteres])
              for a in apprenants]
    return LectureGrille(situation, echelle(situation), criteres, lignes,
                         blocs=_entetes(criteres, lambda c: c.competence.bloc),
                         competences=_entetes(criteres, lambda c: c.competence))
