"""Saving levels typed in a campaign's class grid: a batch of cells, all or nothing.

A cell is (bilan, compétence) with the version it was read at; its code is a level of the
scale, "NE" (the teacher's "non évaluée à cette date") or empty (undecided). A cell a colleague changed
meanwhile is a conflict: nothing of the batch is saved and the page offers to keep either
value (the evaluation grid's protocol, ``suivi/grille.js``). A cell of a validated bilan, of
another campaign or off the scale refuses the whole batch with a French message.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .models import CODE_NON_EVALUE, Bilan, Campagne, EtatBilan, NiveauBilan, code_de
from .validation import MESSAGE_FIGE, decider


class SaisieInvalide(Exception):
    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__(" ".join(messages))


@dataclass(frozen=True)
class Saisie:
    bilan_id: int
    competence_id: int
    niveau: int | None
    non_evalue: bool = False

    @property
    def code(self) -> str:
        return CODE_NON_EVALUE if self.non_evalue else code_de(self.niveau, "")


@dataclass
class Conflit:
    saisie: Saisie
    courante: NiveauBilan


@dataclass
class Resultat:
    enregistrees: list[NiveauBilan] = field(default_factory=list)
    conflits: list[Conflit] = field(default_factory=list)
    #: Lines actually changed (``enregistrees`` also holds the unchanged ones posted).
    modifiees: int = 0

    @property
    def ok(self) -> bool:
        return not self.conflits


def saisie_du_code(bilan_id: int, competence_id: int, code: str, echelle) -> Saisie:
    """A posted cell; ``SaisieInvalide`` when the code is neither a level of the scale nor
    "NE"."""
    code = (code or "").strip()
    if code == "":
        return Saisie(bilan_id, competence_id, None)
    if code.upper() == CODE_NON_EVALUE:
        return Saisie(bilan_id, competence_id, None, non_evalue=True)
    if not code.isdecimal() or int(code) not in echelle:
        raise SaisieInvalide([_("« %(code)s » n’est pas un niveau de l’échelle (%(echelle)s) "
                                "ni « NE » (non évaluée à cette date).")
                              % {"code": code, "echelle": ", ".join(map(str, echelle))}])
    return Saisie(bilan_id, competence_id, int(code))


def taille(campagne: Campagne) -> int:
    """How many cells the campaign's grid has, the bound of one save (1 query)."""
    return NiveauBilan.objects.filter(bilan__campagne=campagne).count()


def enregistrer_niveaux(campagne: Campagne, saisies: list[Saisie],
                        versions: dict[tuple[int, int], int]) -> Resultat:
    if not saisies:
        return Resultat()
    cles = {(s.bilan_id, s.competence_id) for s in saisies}
    with transaction.atomic():
        bilans = {b.pk: b for b in Bilan.objects.select_for_update().filter(
            campagne=campagne, pk__in={b for b, _c in cles})}
        inconnues = {b for b, _c in cles} - set(bilans)
        figes = sorted({b.apprenant.nom_complet for b in Bilan.objects.filter(
            pk__in=[pk for pk, b in bilans.items() if b.etat == EtatBilan.VALIDE])
            .select_related("apprenant")})
        messages = []
        if inconnues:
            messages.append(_("Certaines cases n’appartiennent à aucun bilan de cette "
                              "campagne."))
        if figes:
            messages.append("%s (%s)" % (MESSAGE_FIGE, ", ".join(figes)))
        if messages:
            raise SaisieInvalide(messages)
        lignes = {(n.bilan_id, n.competence_id): n for n in NiveauBilan.objects
                  .select_for_update().filter(bilan_id__in=bilans,
                                              competence_id__in={c for _b, c in cles})
                  .select_related("bilan__apprenant", "competence")}
        if cles - set(lignes):
            raise SaisieInvalide([_("Certaines compétences ne font pas partie de ces "
                                    "bilans.")])
        resultat, changees = Resultat(), []
        for saisie in saisies:
            ligne = lignes[saisie.bilan_id, saisie.competence_id]
            if ligne.code == saisie.code:
                resultat.enregistrees.append(ligne)  # nothing to write: send its version
            elif versions.get((saisie.bilan_id, saisie.competence_id)) != ligne.version:
                resultat.conflits.append(Conflit(saisie, ligne))
            else:
                decider(ligne, saisie.niveau, saisie.non_evalue)
                ligne.version += 1
                changees.append(ligne)
                resultat.enregistrees.append(ligne)
        resultat.modifiees = len(changees)
        if resultat.conflits:
            resultat.enregistrees, resultat.modifiees = [], 0
            return resultat
        _ecrire(changees)
    return resultat


def _ecrire(changees: list[NiveauBilan]) -> None:
    """One UPDATE per decision (level, origin), the versions bumped by the database (the rows
    are locked and were read at them): a class's grid holds a handful of decisions, where
    ``bulk_update`` wrote a CASE per row and field — 5 s for a 36 × 20 grid."""
    par_decision = defaultdict(list)
    for ligne in changees:
        par_decision[ligne.niveau, ligne.origine].append(ligne.pk)
    for (niveau, origine), pks in par_decision.items():
        NiveauBilan.objects.filter(pk__in=pks).update(niveau=niveau, origine=origine,
                                                      version=F("version") + 1)
