"""Keyboard entry of one sous-épreuve's grids across the class: learners × grid lines.

A cell is (learner, compétence) with the version it was read at; its code is a degree of the
grid's scale or empty (no degree yet). ``suivi/grille.js`` posts changed cells in batches and
``suivi.protocole`` answers: all or nothing — a cell a colleague changed meanwhile is a
conflict, a signed grid, a learner with a status (absent, dispensé, bénéfice), a degree off
the scale or a validated session refuses the whole batch with a French message. A learner's
grid is created on their first degree, its layout frozen from the gateway's grid rule.

Reading the page costs a fixed number of queries whatever the class size.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpro_platform.livret.lecture import classe_niveau
from cpro_platform.referentials.models import Competence, Epreuve
from cpro_platform.regles import GrilleStructure, Incidents

from .grilles import (
    ABREGES, MESSAGE_SESSION_FIGEE, MESSAGE_SIGNEE, Notation, candidats, creer_grilles, statuts,
    structure, structure_de)
from .models import Candidature, DegreGrille, EtatGrille, GrilleCCF, SessionExamen


class SaisieInvalide(Exception):
    def __init__(self, messages: list[str]):
        self.messages = [str(m) for m in messages]
        super().__init__(" ".join(self.messages))


# --- Reading ------------------------------------------------------------------------------


@dataclass
class Colonne:
    competence: Competence
    intitule: str
    provisoire: bool


@dataclass
class Case:
    colonne: Colonne
    degre: int | None
    version: int
    css: str
    cle: str              # "<apprenant>-<compétence>": the input's name is c-<cle>

    @property
    def code(self) -> str:
        return "" if self.degre is None else str(self.degre)


@dataclass
class Ligne:
    apprenant: object
    grille: GrilleCCF | None
    statut: Candidature | None
    cases: list[Case]
    modifiable: bool

    @property
    def abrege(self) -> str:
        return str(ABREGES[self.statut.statut]) if self.statut else ""


@dataclass
class GrilleClasse:
    session: SessionExamen
    epreuve: Epreuve
    structure: GrilleStructure | None
    colonnes: list[Colonne]
    lignes: list[Ligne]
    modifiable: bool
    incidents: Incidents = field(default_factory=Incidents)

    @property
    def valeurs(self) -> list[int]:
        return [d.valeur for d in self.structure.degres] if self.structure else []

    @property
    def provisoire(self) -> bool:
        return any(c.provisoire for c in self.colonnes)


def _gabarit(session: SessionExamen, epreuve: Epreuve, grilles, incidents: Incidents
             ) -> GrilleStructure | None:
    """The layout of the page: a grid's frozen one, else the rule's now."""
    for grille in grilles:
        return structure_de(grille.structure)
    return structure(epreuve, Notation.pour(session, []).bareme, incidents)


def lire_grille_classe(session: SessionExamen, epreuve: Epreuve, *, modifiable: bool
                       ) -> GrilleClasse:
    """The class × lines grid; ``modifiable``: the user may write (a signed grid, a learner
    with a status or a validated session stay read-only)."""
    incidents = Incidents()
    modifiable = modifiable and not session.figee
    apprenants = candidats(session)
    grilles = {g.apprenant_id: g for g in GrilleCCF.objects.filter(session=session,
                                                                     epreuve=epreuve)}
    gabarit = _gabarit(session, epreuve, grilles.values(), incidents)
    lignes_structure = gabarit.lignes if gabarit else ()
    competences = {c.code: c for c in Competence.objects.filter(
        referentiel_id=session.referentiel_id,
        code__in=[ligne.competence for ligne in lignes_structure])}
    colonnes = [Colonne(competences[ligne.competence], ligne.intitule, ligne.provisoire)
                for ligne in lignes_structure if ligne.competence in competences]
    cellules = {(g, c): (d, v) for g, c, d, v in DegreGrille.objects.filter(
        grille__in=list(grilles.values())).order_by().values_list(
        "grille_id", "competence_id", "degre", "version")}
    valeurs = [d.valeur for d in gabarit.degres] if gabarit else []
    avec_statut = statuts(session, epreuve)
    lignes = []
    for apprenant in apprenants:
        grille, statut = grilles.get(apprenant.pk), avec_statut.get((apprenant.pk, epreuve.pk))
        cases = []
        for colonne in colonnes:
            degre, version = cellules.get((grille.pk, colonne.competence.pk), (None, 0)) \
                if grille else (None, 0)
            cases.append(Case(colonne, degre, version, classe_niveau(degre, valeurs),
                              f"{apprenant.pk}-{colonne.competence.pk}"))
        lignes.append(Ligne(apprenant, grille, statut, cases, modifiable and statut is None
                            and not (grille and grille.etat == EtatGrille.SIGNEE)))
    return GrilleClasse(session, epreuve, gabarit, colonnes, lignes, modifiable, incidents)


# --- Saving -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Saisie:
    apprenant_id: int
    competence_id: int
    degre: int | None

    @property
    def code(self) -> str:
        return "" if self.degre is None else str(self.degre)


@dataclass
class Enregistree:
    apprenant_id: int
    competence_id: int
    version: int


@dataclass
class Conflit:
    saisie: Saisie
    apprenant: object
    competence: Competence
    degre: int | None
    version: int

    @property
    def cle(self) -> str:
        return f"{self.saisie.apprenant_id}-{self.saisie.competence_id}"

    @property
    def code(self) -> str:
        return "" if self.degre is None else str(self.degre)


@dataclass
class Resultat:
    enregistrees: list[Enregistree] = field(default_factory=list)
    conflits: list[Conflit] = field(default_factory=list)
    modifiees: int = 0

    @property
    def ok(self) -> bool:
        return not self.conflits


def saisie_du_code(apprenant_id: int, competence_id: int, code: str, valeurs) -> Saisie:
    """A posted cell; ``SaisieInvalide`` when the code is not a degree of the grid."""
    code = (code or "").strip()
    if code == "":
        return Saisie(apprenant_id, competence_id, None)
    if not code.isdecimal() or int(code) not in valeurs:
        raise SaisieInvalide([_("« %(code)s » n’est pas un degré de maîtrise de la grille "
                                "(%(echelle)s).") % {
            "code": code, "echelle": ", ".join(map(str, sorted(valeurs)))}])
    return Saisie(apprenant_id, competence_id, int(code))


def taille(session: SessionExamen, epreuve: Epreuve, gabarit: GrilleStructure) -> int:
    """How many cells the class's grids have at most, the bound of one save: candidates ×
    the longest layout (a grid keeps the one frozen when it was created)."""
    lignes = [len(s["lignes"]) for s in GrilleCCF.objects.filter(
        session=session, epreuve=epreuve).values_list("structure", flat=True)]
    return len(candidats(session)) * max([len(gabarit.lignes), *lignes])


def enregistrer_degres(session: SessionExamen, epreuve: Epreuve, saisies: list[Saisie],
                       versions: dict[tuple[int, int], int], gabarit: GrilleStructure
                       ) -> Resultat:
    """Save a batch of cells (``gabarit``: the layout of the page, for new grids)."""
    if not saisies:
        return Resultat()
    with transaction.atomic():
        SessionExamen.objects.select_for_update().filter(pk=session.pk).first()
        if session.figee:
            raise SaisieInvalide([MESSAGE_SESSION_FIGEE])
        apprenants = {a.pk: a for a in candidats(session)}
        ids = {s.apprenant_id for s in saisies}
        if ids - set(apprenants):
            raise SaisieInvalide([_("Certaines cases n’appartiennent à aucun candidat de "
                                    "cette session.")])
        avec_statut = statuts(session, epreuve)
        messages = []
        exclus = sorted(apprenants[i].nom_complet for i in ids if (i, epreuve.pk) in avec_statut)
        if exclus:
            messages.append(_("Pas de grille pour un candidat absent, dispensé ou qui conserve "
                              "le bénéfice d’une session antérieure (%(noms)s).") % {
                "noms": ", ".join(exclus)})
        # of=self: the joined rows are read, not locked; the mark's recalculation reads them
        grilles = {g.apprenant_id: g for g in GrilleCCF.objects.select_for_update(of=("self",))
                   .select_related("apprenant", "epreuve").filter(
                       session=session, epreuve=epreuve, apprenant_id__in=ids)}
        signees = sorted(apprenants[g.apprenant_id].nom_complet for g in grilles.values()
                         if g.etat == EtatGrille.SIGNEE)
        if signees:
            messages.append("%s (%s)" % (MESSAGE_SIGNEE, ", ".join(signees)))
        competences = {c.pk: c for c in Competence.objects.filter(
            pk__in={s.competence_id for s in saisies}, referentiel_id=session.referentiel_id)}
        lignes_par_grille = {g.pk: {ligne["competence"] for ligne in g.structure["lignes"]}
                             for g in grilles.values()}
        codes_gabarit = {ligne.competence for ligne in gabarit.lignes}
        hors_grille = {s.competence_id for s in saisies if s.competence_id not in competences
                       or competences[s.competence_id].code not in (
                           lignes_par_grille[grilles[s.apprenant_id].pk]
                           if s.apprenant_id in grilles else codes_gabarit)}
        if hors_grille:
            messages.append(_("Certaines compétences ne sont pas des lignes de cette grille."))
        if messages:
            raise SaisieInvalide(messages)
        existants = {(d.grille.apprenant_id, d.competence_id): d for d in DegreGrille.objects
                     .select_for_update().filter(grille__in=list(grilles.values()))
                     .select_related("grille", "competence")}
        resultat, changees = Resultat(), []
        for saisie in saisies:
            cle = (saisie.apprenant_id, saisie.competence_id)
            ligne = existants.get(cle)
            degre, version = (ligne.degre, ligne.version) if ligne else (None, 0)
            if degre == saisie.degre:
                resultat.enregistrees.append(Enregistree(*cle, version))
            elif versions.get(cle) != version:
                resultat.conflits.append(Conflit(saisie, apprenants[saisie.apprenant_id],
                                                 competences[saisie.competence_id], degre,
                                                 version))
            else:
                changees.append((saisie, ligne))
        if resultat.conflits:
            return Resultat(conflits=resultat.conflits)
        nouveaux = sorted({s.apprenant_id for s, ligne in changees
                           if s.apprenant_id not in grilles})
        if nouveaux:
            grilles.update(creer_grilles(session, epreuve, [apprenants[i] for i in nouveaux],
                                         gabarit))
        for saisie, ligne in changees:
            if ligne is None:
                ligne = existants[saisie.apprenant_id, saisie.competence_id] = DegreGrille(
                    grille=grilles[saisie.apprenant_id],
                    competence=competences[saisie.competence_id])
            ligne.degre = saisie.degre
            ligne.version += 1
            ligne.save()
            resultat.enregistrees.append(Enregistree(saisie.apprenant_id,
                                                     saisie.competence_id, ligne.version))
        resultat.modifiees = len(changees)
        _recalculer(session, {s.apprenant_id for s, _l in changees}, grilles, existants)
    return resultat


def _recalculer(session, apprenant_ids, grilles, existants) -> None:
    """The changed grids' marks again, each grid saved once (its version bumped)."""
    notation = Notation.pour(session, apprenant_ids)
    for apprenant_id in apprenant_ids:
        grille = grilles[apprenant_id]
        lignes = [d for (a, _c), d in existants.items() if a == apprenant_id]
        try:
            notation.recalculer(grille, lignes)
        except ValidationError as erreur:  # a modulation the new degrees push outside 0–20
            raise SaisieInvalide(erreur.messages) from erreur
        grille.version += 1
        grille.save()
