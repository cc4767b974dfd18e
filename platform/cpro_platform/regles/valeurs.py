"""Values the rules receive and return: frozen, Django-free, explained.

The host turns its rows into these values before it asks a rule anything, so a plugin never
sees a model instance, and every answer carries the reason a page shows as "pourquoi ?".
Each type and each field is listed in ``docs/plugin_hooks.md`` (a meta-test checks it).
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType


@dataclass(frozen=True)
class ReferentielRef:
    """Which referential a rule is asked about: passed to every rule as ``referentiel``."""

    code: str        # e.g. "CPA"
    version: str     # e.g. "2024"
    plugin: str      # entry-point name of the plugin that provides it

    def __str__(self) -> str:
        return f"{self.code} {self.version}"


# --- Positioning --------------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationObservee:
    """One evaluation of one critère of the compétence, as the rule sees it."""

    critere: str                 # critère code
    niveau: int | None           # scale value; None for "non évalué" or "absent"
    date: datetime.date          # date of the situation
    situation: str               # situation title, for the explanation
    lieu: str                    # "centre" or "entreprise"
    certificative: bool = False


@dataclass(frozen=True)
class Contribution:
    """How much one evaluation weighed in the suggestion, and why."""

    evaluation: EvaluationObservee
    poids: float
    raison: str


@dataclass(frozen=True)
class Suggestion:
    niveau: int | None           # suggested scale value; None when there is no evidence
    regle: str                   # the rule's name and a one-sentence description
    contributions: tuple[Contribution, ...] = field(default_factory=tuple)


# --- Mastery, transfer, aggregation -------------------------------------------------------


@dataclass(frozen=True)
class SituationObservee:
    """One situation in which the learner got levels on the compétence's critères."""

    situation: str               # title
    date: datetime.date
    lieu: str                    # "centre" or "entreprise"
    certificative: bool
    niveaux: tuple[int, ...]     # the levels of the compétence's critères in it (≥ 1)

    @property
    def moyenne(self) -> float:
        return sum(self.niveaux) / len(self.niveaux)


@dataclass(frozen=True)
class Transfert:
    transfere: bool              # the compétence transfers (is mastered across situations)
    maitrisee_dans: int          # in how many situations it counted as mastered
    regle: str


@dataclass(frozen=True)
class Groupe:
    """A bloc of compétences or a unit (certification unit) whose level is asked."""

    nature: str                  # "bloc" or "unite"
    code: str
    intitule: str


@dataclass(frozen=True)
class NiveauCompetence:
    competence: str              # compétence code
    niveau: int | None           # None: no level yet


@dataclass(frozen=True)
class Agregat:
    niveau: float | None         # on the scale's range; None when no compétence has a level
    regle: str


# --- Bilans -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PositionnementObserve:
    """A teacher's judgement on a compétence (the latest one at the bilan's date)."""

    niveau: int
    date: datetime.date
    auteur: str
    commentaire: str = ""


@dataclass(frozen=True)
class EtatCompetence:
    """What is known of one compétence at the bilan's date."""

    competence: str
    positionnement: PositionnementObserve | None
    suggestion: Suggestion | None  # from the evaluations up to the date


@dataclass(frozen=True)
class NiveauBilan:
    competence: str
    niveau: int | None
    origine: str                 # "positionnement", "suggestion" or "aucun"
    raison: str


@dataclass(frozen=True)
class BilanSuggere:
    date: datetime.date
    niveaux: tuple[NiveauBilan, ...]
    regle: str

    @property
    def profil(self) -> Mapping[str, int | None]:
        """Compétence code → level: what ``compute_note`` and ``project_note`` read."""
        return MappingProxyType({n.competence: n.niveau for n in self.niveaux})


# --- Épreuves, pondérations, marks, projections -------------------------------------------


@dataclass(frozen=True)
class EpreuveObservee:
    code: str
    intitule: str
    coefficient: Decimal         # with sous-épreuves: their sum
    competences: tuple[str, ...] = ()   # compétences it lists itself
    sous_epreuves: tuple[EpreuveObservee, ...] = ()

    def walk(self) -> Iterator[EpreuveObservee]:
        yield self
        for sous in self.sous_epreuves:
            yield from sous.walk()

    @property
    def competences_evaluees(self) -> tuple[str, ...]:
        """Its own compétences, then its sous-épreuves' ones, without repeats."""
        codes: list[str] = []
        for epreuve in self.walk():
            codes += [c for c in epreuve.competences if c not in codes]
        return tuple(codes)


@dataclass(frozen=True)
class Poids:
    competence: str
    pourcentage: Decimal


@dataclass(frozen=True)
class Ponderation:
    """Each compétence's weight in an épreuve's mark, in percent (they sum to 100)."""

    epreuve: str
    poids: tuple[Poids, ...]
    origine: str                 # "referentiel", "coefficients", or a plugin's word
    regle: str

    @property
    def pourcentages(self) -> dict[str, Decimal]:
        return {p.competence: p.pourcentage for p in self.poids}


@dataclass(frozen=True)
class Terme:
    """One compétence's part in a mark."""

    competence: str
    niveau: int
    pourcentage: Decimal
    fraction: Fraction           # the level's place on the scale, 0 (lowest) to 1 (highest)
    points: Decimal              # its share of the mark, rounded to the hundredth


@dataclass(frozen=True)
class NoteEpreuve:
    epreuve: str
    note: Decimal | None         # out of ``sur``, to the hundredth; None: nothing to mark
    termes: tuple[Terme, ...]
    manquantes: tuple[str, ...]  # weighted compétences without a level (left out)
    formule: str                 # the formula in words
    calcul: str                  # the formula with this profile's numbers
    regle: str
    sur: int = 20


@dataclass(frozen=True)
class Enjeu:
    """A compétence never or rarely assessed whose weight can still move the mark."""

    competence: str
    pourcentage: Decimal
    situations: int              # situations in which it was assessed so far
    niveau: int | None           # its level in the profile, if any
    amplitude: Decimal           # points of the mark it spans from lowest to highest level


@dataclass(frozen=True)
class Projection:
    epreuve: str
    note_actuelle: Decimal | None  # the mark of the profile as it is
    note_min: Decimal | None     # if everything still open lands at the lowest level
    note_max: Decimal | None     # … at the highest level
    a_evaluer: tuple[Enjeu, ...]  # heaviest first
    regle: str


# --- CCF grids ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CritereObserve:
    """A critère of a compétence, with its indicators, as the grid rule sees it."""

    code: str
    intitule: str
    indicateurs: tuple[str, ...] = ()
    provisoire: bool = False     # provisional referential content (badged where printed)


@dataclass(frozen=True)
class CompetenceObservee:
    """A compétence an épreuve evaluates, with its critères and its bloc."""

    code: str
    intitule: str
    criteres: tuple[CritereObserve, ...] = ()
    bloc: Groupe | None = None
    provisoire: bool = False


@dataclass(frozen=True)
class Degre:
    """A labelled degree of mastery (a value of the referential's scale)."""

    valeur: int
    libelle: str


@dataclass(frozen=True)
class Rubrique:
    """A heading grouping lines of a grid (e.g. a bloc of compétences)."""

    code: str
    intitule: str


@dataclass(frozen=True)
class LigneGrille:
    """One line of a CCF grid: a compétence, assessed with one degree."""

    competence: str              # the compétence's code (a degree is recorded per line)
    intitule: str
    criteres: tuple[str, ...] = ()     # the critères of evaluation, as printed
    indicateurs: tuple[str, ...] = ()  # the indicators of performance, as printed
    rubrique: str = ""           # the code of its ``Rubrique``, "" for none
    provisoire: bool = False


@dataclass(frozen=True)
class GrilleStructure:
    """The layout of an épreuve's CCF evaluation grid."""

    epreuve: str                 # the (sous-)épreuve's code
    intitule: str                # the grid's title
    lignes: tuple[LigneGrille, ...]
    degres: tuple[Degre, ...]    # the degree columns, lowest first
    rubriques: tuple[Rubrique, ...] = ()
    regle: str = ""              # where the layout comes from, in one sentence
# --- Period marks -------------------------------------------------------------------------


@dataclass(frozen=True)
class EpreuveNotee:
    """An épreuve and its mark at a bilan, as the period-mark rule sees it."""

    epreuve: str                 # code
    intitule: str
    coefficient: Decimal         # its certification coefficient (with sous-épreuves: their sum)
    note: Decimal | None         # the mark retained at the bilan (after modulation); None: none


@dataclass(frozen=True)
class PartEpreuve:
    """One épreuve's part in a period mark."""

    epreuve: str
    note: Decimal
    coefficient: Decimal
    points: Decimal              # its share of the period mark, rounded to the hundredth


@dataclass(frozen=True)
class NotePeriode:
    note: Decimal | None         # out of ``sur``, to the hundredth; None: nothing to combine
    parts: tuple[PartEpreuve, ...]
    laissees: tuple[str, ...]    # épreuves without a mark at the bilan (left aside)
    formule: str                 # the formula in words
    calcul: str                  # the formula with these marks and coefficients
    regle: str
    sur: int = 20
