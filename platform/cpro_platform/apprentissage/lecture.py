"""Everything a booklet shows, read once for its page and its PDF (a fixed number of queries
whatever the length of the contract)."""
import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.utils import formats

from cpro_platform.activites.models import FicheActivite
from cpro_platform.etablissements.models import aujourdhui
from cpro_platform.suivi.models import Etat, Evaluation
from cpro_platform.suivi.models.scenarios import Lieu

from .bilans import EtatSignature, etat_des_signatures
from .calendrier import Semaine, calendrier, decomptes, lieux, periodes_entreprise
from .entrees import entrees_par_periode
from .models import BilanApprentissage, Contrat


@dataclass(frozen=True)
class Mois:
    libelle: str
    semaines: list[Semaine]


@dataclass
class BilanLu:
    bilan: BilanApprentissage
    signatures: list[EtatSignature]
    #: Set by a page for its reader: the review awaits their signature.
    a_signer: bool = False

    @property
    def signatures_perimees(self) -> list[EtatSignature]:
        return [s for s in self.signatures if s.signature and not s.a_jour]


@dataclass(frozen=True)
class SituationEvaluee:
    """The company situation's current evaluations of the apprentice, level by level."""

    titre: str
    debut: datetime.date | None
    fin: datetime.date | None
    evaluations: int
    niveaux: list[tuple[str, int]]  # ("2", 3): three critères at level 2; "ABS" absences


@dataclass
class LivretApprentissage:
    contrat: Contrat
    mois: list[Mois]
    decomptes: dict[str, int]
    entrees: list
    bilans: list[BilanLu]
    fiches: list[FicheActivite]
    evaluations: list[SituationEvaluee] = field(default_factory=list)
    #: Company stretches not begun yet (listed in the calendar, not among the entries).
    periodes_a_venir: int = 0


def par_mois(semaines: list[Semaine]) -> list[Mois]:
    """Weeks grouped by the month of their Monday: a year fits on one screen or page."""
    mois: list[Mois] = []
    for semaine in semaines:
        libelle = formats.date_format(semaine.lundi, "F Y")
        if not mois or mois[-1].libelle != libelle:
            mois.append(Mois(libelle, []))
        mois[-1].semaines.append(semaine)
    return mois


def synthese_entreprise(contrat: Contrat) -> list[SituationEvaluee]:
    """The current evaluations made in company situations during the contract."""
    lignes = (Evaluation.objects.courantes()
              .filter(apprenant=contrat.apprenant, situation__lieu=Lieu.ENTREPRISE,
                      saisie_le__date__gte=contrat.debut, saisie_le__date__lte=contrat.fin)
              .exclude(etat=Etat.NON_EVALUE)
              .values_list("situation_id", "situation__titre", "situation__debut",
                           "situation__fin", "etat", "niveau")
              .order_by("situation__debut", "situation_id"))
    situations: dict[int, tuple] = {}
    for pk, titre, debut, fin, etat, niveau in lignes:
        entree = situations.setdefault(pk, (titre, debut, fin, Counter()))
        entree[3]["ABS" if etat == Etat.ABSENT else str(niveau)] += 1
    return [SituationEvaluee(titre, debut, fin, sum(compte.values()), sorted(compte.items()))
            for titre, debut, fin, compte in situations.values()]


def lire_livret(contrat: Contrat) -> LivretApprentissage:
    connus = lieux(contrat)
    semaines = calendrier(contrat, connus)
    bilans = [BilanLu(b, etat_des_signatures(b)) for b in contrat.bilans.prefetch_related(
        "signatures").order_by("date", "pk")]
    fiches = list(FicheActivite.objects.filter(contrat=contrat)
                  .prefetch_related("activites").order_by("date", "pk"))
    aujourd_hui = aujourdhui()
    entrees = [(periode, entree) for periode, entree in entrees_par_periode(contrat)
               if entree or periode.debut <= aujourd_hui]
    return LivretApprentissage(contrat, par_mois(semaines), decomptes(semaines), entrees,
                               bilans, fiches, synthese_entreprise(contrat),
                               sum(1 for p in periodes_entreprise(contrat, connus)
                                   if p.debut > aujourd_hui))
