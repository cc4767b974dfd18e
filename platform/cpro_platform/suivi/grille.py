"""The evaluation grid of a situation: read it, and save entries to it in one transaction.

``enregistrer_grille`` is the one way evaluations are written (the grid page, its autosave and
the API all call it). It runs a constant number of queries whatever the grid's size, refuses
bad input as a whole with French messages, and never overwrites a newer value silently: each
entry says which version of its cell it was made from, and an entry made from an older version
comes back as a ``Conflit`` showing the other value, its author and time.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from cpro_platform.referentials.models import Critere, Niveau

from . import perimetres as s
from .models import Etat, Evaluation, Situation, code_de
from .preuves import PreuveVerifiee, effacer_si_ecrits

#: A cell of the grid: (apprenant id, critère id).
Cellule = tuple[int, int]

#: Sent inside the save's transaction with ``situation`` and the new rows (``evaluations``):
#: what is derived from the evaluations (the livret's summary) is updated with them.
evaluations_enregistrees = Signal()


@dataclass(frozen=True)
class Saisie:
    """One teacher's entry for one cell."""

    apprenant_id: int
    critere_id: int
    etat: str = Etat.EVALUE
    niveau: int | None = None
    #: None keeps the cell's current comment (the grid's level-only entries send none).
    commentaire: str | None = None
    #: A new evidence file, checked (``preuves.verifier_preuve``); without one the previous
    #: file is kept unless ``retirer_preuve``.
    preuve: PreuveVerifiee | None = None
    retirer_preuve: bool = False

    def __post_init__(self):
        # The one writer of evaluations stores no file whose content was not checked.
        if self.preuve is not None and not isinstance(self.preuve, PreuveVerifiee):
            raise TypeError("Saisie.preuve takes a PreuveVerifiee (preuves.verifier_preuve).")

    @property
    def cellule(self) -> Cellule:
        return (self.apprenant_id, self.critere_id)

    @property
    def code(self) -> str:
        return code_de(self.etat, self.niveau)

    def identique_a(self, courante: "Evaluation | Actuelle | None") -> bool:
        """Would saving this entry change nothing?"""
        if courante is None:
            return self.etat == Etat.NON_EVALUE and not self.commentaire and not self.preuve
        return (self.etat == courante.etat and self.niveau == courante.niveau
                and self.commentaire in (None, courante.commentaire) and not self.preuve
                and not (self.retirer_preuve and courante.preuve))


@dataclass(frozen=True)
class Conflit:
    """An entry made from an older version of its cell than the current one."""

    saisie: Saisie
    version_lue: int
    courante: Evaluation

    @property
    def cellule(self) -> Cellule:
        return self.saisie.cellule


@dataclass
class Resultat:
    """What a save did: the new rows, the cells left unchanged, or the conflicts."""

    enregistrees: list[Evaluation] = field(default_factory=list)
    inchangees: list[Cellule] = field(default_factory=list)
    conflits: list[Conflit] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.conflits


class SaisieInvalide(ValidationError):
    """Entries refused as a whole; ``messages`` says what and where, in French."""


def echelle(situation: Situation) -> list[Niveau]:
    """The levels of the situation's referential scale, lowest first."""
    return list(Niveau.objects.filter(referentiel_id=situation.scenario.referentiel_id)
                .order_by("valeur"))


def taille(situation: Situation) -> int:
    """How many cells the grid has, the bound of one save (2 queries)."""
    return (s.apprenants_de_la_situation(situation).distinct().count()
            * situation.criteres.count())


def _verifier(situation: Situation, auteur, saisies: list[Saisie]) -> None:
    """Refuse, all at once, entries the grid cannot take (4 queries)."""
    valeurs = {n.valeur for n in echelle(situation)}
    criteres = {c.pk: c.code for c in situation.criteres.only("pk", "code")}
    apprenant_ids = {saisie.apprenant_id for saisie in saisies}
    de_la_classe = {a.pk: a.nom_complet for a in s.apprenants_de_la_situation(situation)
                    .filter(pk__in=apprenant_ids).only("pk", "nom", "prenom")}
    evaluables = set(s.lignes_evaluables(auteur, situation).filter(pk__in=apprenant_ids)
                     .values_list("pk", flat=True))
    erreurs, vues = [], set()
    for saisie in saisies:
        nom = de_la_classe.get(saisie.apprenant_id)
        code = criteres.get(saisie.critere_id)
        if nom is None:
            erreurs.append(_("L'apprenant n° %(id)s n'est pas inscrit dans la classe de cette "
                             "situation.") % {"id": saisie.apprenant_id})
            continue
        if code is None:
            erreurs.append(_("Le critère n° %(id)s n'est pas visé par cette situation.")
                           % {"id": saisie.critere_id})
            continue
        if saisie.apprenant_id not in evaluables:
            # Named by id only: the author may not even see this learner's name.
            erreurs.append(_("Vous ne pouvez pas évaluer l'apprenant n° %(id)s dans cette "
                             "situation.") % {"id": saisie.apprenant_id})
            continue
        ou = _("%(apprenant)s, critère %(critere)s") % {"apprenant": nom, "critere": code}
        if saisie.cellule in vues:
            erreurs.append(_("%(ou)s : saisie en double.") % {"ou": ou})
        vues.add(saisie.cellule)
        if saisie.etat not in Etat.values:
            erreurs.append(_("%(ou)s : état inconnu « %(etat)s ».")
                           % {"ou": ou, "etat": saisie.etat})
        elif saisie.etat == Etat.EVALUE and saisie.niveau not in valeurs:
            erreurs.append(_("%(ou)s : le niveau « %(niveau)s » n'est pas sur l'échelle du "
                             "référentiel (%(echelle)s).") % {
                "ou": ou, "niveau": saisie.niveau if saisie.niveau is not None else "",
                "echelle": ", ".join(str(v) for v in sorted(valeurs))})
        elif saisie.etat != Etat.EVALUE and saisie.niveau is not None:
            erreurs.append(_("%(ou)s : un niveau ne va pas avec « %(etat)s ».")
                           % {"ou": ou, "etat": Etat(saisie.etat).label})
    if erreurs:
        raise SaisieInvalide(erreurs)


def courantes(situation: Situation, cellules: Iterable[Cellule] | None = None
              ) -> dict[Cellule, Evaluation]:
    """The current value of each cell (all the situation's cells by default; 1 query)."""
    # No order (a dict): the model's default one joins four tables only to sort.
    qs = Evaluation.objects.courantes().filter(situation=situation).select_related(
        "auteur", "apprenant", "critere").order_by()
    if cellules is not None:
        cellules = list(cellules)
        qs = qs.filter(apprenant_id__in={a for a, _c in cellules},
                       critere_id__in={c for _a, c in cellules})
    return {(e.apprenant_id, e.critere_id): e for e in qs}


class Actuelle(NamedTuple):
    """A cell's current row, read as plain values: a save compares 600 cells, and building
    model instances for them would cost more than all its queries together."""

    pk: int
    apprenant_id: int
    critere_id: int
    etat: str
    niveau: int | None
    commentaire: str
    preuve: str
    preuve_nom: str
    preuve_type: str
    version: int


def _actuelles(situation: Situation, cellules: list[Cellule]) -> dict[Cellule, Actuelle]:
    lignes = (Evaluation.objects.courantes().filter(
        situation=situation, apprenant_id__in={a for a, _c in cellules},
        critere_id__in={c for _a, c in cellules}).values_list(*Actuelle._fields))
    return {(row[1], row[2]): Actuelle(*row) for row in lignes}


def _conflits(situation: Situation, conflits: list[tuple]) -> list[Conflit]:
    """The conflicts, with the other value loaded whole: its author, learner, critère."""
    autres = Evaluation.objects.select_related("auteur", "apprenant", "critere").in_bulk(
        [actuelle.pk for _s, _v, actuelle in conflits])
    return [Conflit(saisie, version_lue, autres[actuelle.pk])
            for saisie, version_lue, actuelle in conflits]


def _preparer(situation, auteur, saisies, versions, actuelles, maintenant
              ) -> tuple[Resultat, list[tuple]]:
    """The rows to insert, the unchanged cells, and the stale entries (not yet loaded)."""
    resultat, perimees = Resultat(), []
    for saisie in saisies:
        courante = actuelles.get(saisie.cellule)
        version_courante = courante.version if courante else 0
        if saisie.identique_a(courante):
            resultat.inchangees.append(saisie.cellule)
            continue
        version_lue = versions.get(saisie.cellule, 0)
        if version_lue != version_courante:
            perimees.append((saisie, version_lue, courante))
            continue
        commentaire = saisie.commentaire if saisie.commentaire is not None else (
            courante.commentaire if courante else "")
        resultat.enregistrees.append(Evaluation(
            situation=situation, apprenant_id=saisie.apprenant_id,
            critere_id=saisie.critere_id, etat=str(saisie.etat), niveau=saisie.niveau,
            commentaire=commentaire, version=version_courante + 1, courante=True,
            auteur=auteur, saisie_le=maintenant, **_preuve(saisie, courante)))
    return resultat, perimees


def _preuve(saisie: Saisie, courante: Actuelle | None) -> dict:
    """The evidence fields of the new row: the new file, none, or the current row's file
    (shared, never copied: the older versions keep pointing to it, history is append-only)."""
    if saisie.preuve:
        return {"preuve": saisie.preuve.fichier, "preuve_nom": saisie.preuve.nom,
                "preuve_type": saisie.preuve.type}
    if saisie.retirer_preuve or not courante:
        return {}
    return {"preuve": courante.preuve, "preuve_nom": courante.preuve_nom,
            "preuve_type": courante.preuve_type}


def enregistrer_grille(situation: Situation, auteur, saisies: list[Saisie],
                       versions: Mapping[Cellule, int]) -> Resultat:
    """Save ``saisies`` to the grid of ``situation`` as ``auteur``, all or nothing.

    ``versions`` gives, per cell, the version the entry was made from (0 for a cell that was
    empty; a missing cell counts as 0). Entries equal to the current value change nothing.

    * bad input (learner not in the class or not evaluable by ``auteur``, critère not targeted,
      level off the referential's scale, duplicate cell) raises ``SaisieInvalide``;
    * any entry made from an older version than the current one makes the whole save return
      ``Resultat(conflits=[…])`` with nothing saved, so the teacher can choose;
    * otherwise each changed cell gets a new current row superseding the previous one.

    New evidence files are written by the insert; if the save then fails (a lost race, a
    locked database…) they are removed again, since no row points to them.

    Constant number of queries: 4 checks, 1 read, 1 update, 1 insert, 1 bump of the livret
    versions (and 1 read of the other values when there are conflicts).
    """
    saisies = list(saisies)
    if not saisies:
        return Resultat()
    _verifier(situation, auteur, saisies)
    maintenant = timezone.now()
    cellules = [x.cellule for x in saisies]
    fichiers_neufs: list[Evaluation] = []
    try:
        with transaction.atomic():
            actuelles = _actuelles(situation, cellules)
            resultat, perimees = _preparer(situation, auteur, saisies, versions, actuelles,
                                           maintenant)
            if perimees:
                return Resultat(conflits=_conflits(situation, perimees))
            remplacees = [actuelles[e.apprenant_id, e.critere_id].pk
                          for e in resultat.enregistrees if e.version > 1]
            if remplacees:
                Evaluation.objects.filter(pk__in=remplacees).update(courante=False)
            fichiers_neufs = [e for e in resultat.enregistrees
                              if e.preuve and not e.preuve._committed]
            Evaluation.objects.bulk_create(resultat.enregistrees)
            evaluations_enregistrees.send(Situation, situation=situation,
                                          evaluations=resultat.enregistrees)
            return resultat
    except BaseException as erreur:
        effacer_si_ecrits(fichiers_neufs)
        if not isinstance(erreur, IntegrityError):
            raise
        # Another save of the same cells committed between our read and our write: the
        # unique constraints refused ours; report it as the conflicts it is.
        actuelles = _actuelles(situation, cellules)
        _resultat, perimees = _preparer(situation, auteur, saisies, versions, actuelles,
                                        maintenant)
        return Resultat(conflits=_conflits(situation, perimees))


def historique(situation: Situation, apprenant_id: int, critere_id: int) -> list[Evaluation]:
    """Every value a cell has had, newest first, with its author."""
    return list(Evaluation.objects.de_la_cellule(situation.pk, apprenant_id, critere_id)
                .select_related("auteur"))


def criteres_par_competence(situation: Situation) -> list[Critere]:
    """The targeted critères in referential order, with compétence, bloc and unit loaded."""
    return list(situation.criteres.select_related("competence__bloc__unite").order_by(
        "competence__bloc__ordre", "competence__ordre", "ordre"))
