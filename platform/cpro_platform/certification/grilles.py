"""CCF grids of a session: their layout, who gets one, and their proposed mark.

* The layout is the plugins' ``grille_epreuve`` rule, asked through the gateway with the
  referential's compétences, critères, indicators and labelled degrees; a grid freezes it in
  ``structure`` when it is created (``structure_en_dict`` / ``structure_de``).
* A learner with a ``Candidature`` (absent, dispensé, bénéfice) gets no grid: the pages show
  the status instead ("ABS" for an absent one).
* The proposed mark is the gateway's mark rule on the grid's degrees, with the learner's own
  pondération of the sous-épreuve if the teacher set one (``bilans.PonderationApprenant``),
  else the model one; the retained mark adds the ±2 modulation.

Reading a whole session or class costs a fixed number of queries (``Bareme`` once, each
table once), whatever the number of learners.
"""
from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpro_platform.bilans.bareme import Bareme, bareme_de, ponderations_propres
from cpro_platform.bilans.campagnes import apprenants_inscrits
from cpro_platform.bilans.notes import explication as explication_de
from cpro_platform.etablissements.models import Apprenant, aujourdhui
from cpro_platform.referentials.models import Competence, Critere, Epreuve, Indicateur
from cpro_platform.regles import (
    NOTE_SUR, CompetenceObservee, CritereObserve, Degre, EpreuveObservee, GrilleStructure,
    Groupe, Incidents, LigneGrille, NoteEpreuve, Rubrique, regles)

from .models import (
    Candidature, EtatGrille, GrilleCCF, SessionExamen, SituationEvaluation, StatutCandidat)
from .planification import sous_epreuves_ccf

MESSAGE_SESSION_FIGEE = gettext_lazy(
    "La commission d’évaluation de cette session est validée : ses grilles ne peuvent plus "
    "être modifiées ni rouvertes.")
MESSAGE_SIGNEE = gettext_lazy(
    "Cette grille est signée : elle ne peut plus être modifiée. Pour la corriger, rouvrez-la "
    "en indiquant le motif (la version signée reste dans l’historique).")
#: How a status shows in a grid's place.
ABREGES = {StatutCandidat.ABSENT: "ABS", StatutCandidat.ABSENT_JUSTIFIE: "ABS",
           StatutCandidat.DISPENSE: gettext_lazy("dispensé"),
           StatutCandidat.BENEFICE: gettext_lazy("bénéfice")}


# --- Layout -------------------------------------------------------------------------------


def epreuves_ccf(session: SessionExamen) -> list[Epreuve]:
    """The session's CCF sous-épreuves (one definition: ``planification.sous_epreuves_ccf``)."""
    return list(sous_epreuves_ccf(session))


def epreuve_observee(bareme: Bareme, code: str) -> EpreuveObservee:
    for epreuve in bareme.epreuves:
        for noeud in epreuve.walk():
            if noeud.code == code:
                return noeud
    raise LookupError(code)


def competences_observees(epreuve: Epreuve) -> list[CompetenceObservee]:
    """The compétences the épreuve evaluates, with critères, indicators, bloc (3 queries)."""
    competences = list(Competence.objects.filter(epreuves=epreuve).select_related("bloc")
                       .order_by("ordre", "code"))
    indicateurs = defaultdict(list)
    for critere_id, intitule in (Indicateur.objects.filter(
            critere__competence__in=competences).order_by("critere_id", "ordre", "pk")
            .values_list("critere_id", "intitule")):
        indicateurs[critere_id].append(intitule)
    criteres = defaultdict(list)
    for critere in Critere.objects.filter(competence__in=competences).order_by("ordre", "code"):
        criteres[critere.competence_id].append(CritereObserve(
            critere.code, critere.intitule, tuple(indicateurs[critere.pk]),
            critere.est_provisoire))
    return [CompetenceObservee(
        c.code, c.intitule, tuple(criteres[c.pk]),
        Groupe("bloc", c.bloc.code, c.bloc.intitule), c.est_provisoire) for c in competences]


def structure(epreuve: Epreuve, bareme: Bareme, incidents: Incidents | None = None
              ) -> GrilleStructure | None:
    """The grid layout the rule gives now (``None`` if it failed, recorded in
    ``incidents``; without it ``ErreurDeRegle`` is raised)."""
    echelle = [Degre(valeur, libelle) for valeur, libelle in bareme.libelles.items()]
    return regles().grille(bareme.ref, epreuve_observee(bareme, epreuve.code),
                           competences_observees(epreuve), echelle, incidents=incidents)


def structure_en_dict(valeur: GrilleStructure) -> dict:
    """JSON-ready (lists, not tuples), as ``GrilleCCF.structure`` reads back."""
    return json.loads(json.dumps(dataclasses.asdict(valeur)))


def structure_de(donnees: dict) -> GrilleStructure:
    """A frozen ``GrilleCCF.structure`` as the value it was."""
    return GrilleStructure(
        epreuve=donnees["epreuve"], intitule=donnees["intitule"],
        lignes=tuple(LigneGrille(**{**ligne, "criteres": tuple(ligne.get("criteres", ())),
                                    "indicateurs": tuple(ligne.get("indicateurs", ()))})
                     for ligne in donnees["lignes"]),
        degres=tuple(Degre(**d) for d in donnees["degres"]),
        rubriques=tuple(Rubrique(**r) for r in donnees.get("rubriques", ())),
        regle=donnees.get("regle", ""))


# --- Who gets a grid ----------------------------------------------------------------------


def statuts(session: SessionExamen, epreuve: Epreuve | None = None
            ) -> dict[tuple[int, int], Candidature]:
    """(apprenant id, épreuve id) → their non-ordinary status (one query)."""
    candidatures = Candidature.objects.filter(session=session)
    if epreuve is not None:
        candidatures = candidatures.filter(epreuve=epreuve)
    return {(c.apprenant_id, c.epreuve_id): c for c in candidatures}


def candidats(session: SessionExamen) -> list[Apprenant]:
    """The class's learners enrolled today, and anyone who already has a grid (sorted)."""
    inscrits = {a.pk: a for a in apprenants_inscrits(session.classe, aujourdhui())}
    anciens = GrilleCCF.objects.filter(session=session).exclude(
        apprenant_id__in=inscrits).values("apprenant_id")
    for a in Apprenant.objects.filter(pk__in=anciens):
        inscrits[a.pk] = a
    return sorted(inscrits.values(), key=lambda a: (a.nom, a.prenom, a.pk))


def situations_par_apprenant(session: SessionExamen, epreuve: Epreuve
                             ) -> tuple[dict[int, SituationEvaluation], SituationEvaluation | None]:
    """Each learner's situation d'évaluation of the épreuve, and the first one (2 queries)."""
    situations = list(SituationEvaluation.objects.filter(session=session, epreuve=epreuve)
                      .prefetch_related("apprenants"))
    par_apprenant: dict[int, SituationEvaluation] = {}
    for situation in situations:
        for apprenant in situation.apprenants.all():
            par_apprenant.setdefault(apprenant.pk, situation)
    return par_apprenant, (situations[0] if situations else None)


def refuser_si_figee(session: SessionExamen) -> None:
    if session.figee:
        raise ValidationError(str(MESSAGE_SESSION_FIGEE))


def creer_grilles(session: SessionExamen, epreuve: Epreuve, apprenants: list[Apprenant],
                  gabarit: GrilleStructure) -> dict[int, GrilleCCF]:
    """The grids of ``apprenants`` (created with ``gabarit`` frozen where missing);
    ``ValidationError`` for a learner with a status (no grid for them)."""
    avec_statut = statuts(session, epreuve)
    refuses = [a.nom_complet for a in apprenants if (a.pk, epreuve.pk) in avec_statut]
    if refuses:
        raise ValidationError(_("Pas de grille pour un candidat absent, dispensé ou qui "
                                "conserve le bénéfice d’une session antérieure : %(noms)s.")
                              % {"noms": ", ".join(refuses)})
    existantes = {g.apprenant_id: g for g in GrilleCCF.objects.filter(
        session=session, epreuve=epreuve, apprenant__in=apprenants)}
    par_apprenant, premiere = situations_par_apprenant(session, epreuve)
    donnees = structure_en_dict(gabarit)
    for apprenant in apprenants:
        if apprenant.pk not in existantes:
            situation = par_apprenant.get(apprenant.pk, premiere)
            existantes[apprenant.pk] = GrilleCCF.objects.create(
                session=session, apprenant=apprenant, epreuve=epreuve, structure=donnees,
                situation=situation, date=situation.debut if situation else None)
    return existantes


# --- Marks --------------------------------------------------------------------------------


def profil(grille: GrilleCCF, degres=None) -> dict[str, int | None]:
    """Compétence code → degree, for the grid's lines (``degres``: prefetched rows)."""
    lignes = degres if degres is not None else grille.degres.select_related("competence")
    valeurs = {d.competence.code: d.degre for d in lignes}
    return {ligne["competence"]: valeurs.get(ligne["competence"])
            for ligne in grille.structure.get("lignes", [])}


def manquantes(grille: GrilleCCF, degres=None) -> list[str]:
    """The codes of the lines without a degree, in the grid's order."""
    return [code for code, degre in profil(grille, degres).items() if degre is None]


@dataclass
class Notation:
    """What marks a session's grids read once (``Bareme`` and the learners' own weights)."""

    bareme: Bareme
    propres: dict[int, dict]
    incidents: Incidents = field(default_factory=Incidents)

    @classmethod
    def pour(cls, session: SessionExamen, apprenant_ids) -> Notation:
        return cls(bareme_de(session.referentiel),
                   ponderations_propres(list(apprenant_ids), session.referentiel))

    def noter(self, grille: GrilleCCF, degres=None) -> tuple[NoteEpreuve | None, object]:
        """The mark rule on the grid's degrees, and the pondération used (``None`` where a
        rule failed: see ``incidents``)."""
        observee = epreuve_observee(self.bareme, grille.epreuve.code)
        ponderation = self.bareme.ponderation(observee, self.propres.get(grille.apprenant_id,
                                                                          {}), self.incidents)
        if ponderation is None:
            return None, None
        return regles().noter(self.bareme.ref, observee, profil(grille, degres), ponderation,
                              self.bareme.echelle, incidents=self.incidents), ponderation

    def recalculer(self, grille: GrilleCCF, degres=None) -> None:
        """Put the proposed and retained marks and their explanation on ``grille`` (unsaved);
        ``ValidationError`` when the modulation would take the mark outside 0–20."""
        note, ponderation = self.noter(grille, degres)
        grille.note_calculee = note.note if note else None
        grille.explication = explication_de(note) if note else {}
        if note is not None:
            grille.explication["ponderation"] = {"origine": ponderation.origine,
                                                 "regle": ponderation.regle}
        grille.note = note_retenue(grille.note_calculee, grille.modulation,
                                   grille.apprenant.nom_complet)


def note_retenue(calculee: Decimal | None, modulation: Decimal, nom: str) -> Decimal | None:
    if calculee is None:
        return None
    note = calculee + modulation
    if not 0 <= note <= NOTE_SUR:
        raise ValidationError(_(
            "%(nom)s : la note retenue doit rester entre 0 et %(sur)s ; %(calculee)s modulée "
            "de %(modulation)s en sort. Réduisez la modulation.") % {
            "nom": nom, "sur": NOTE_SUR, "calculee": calculee, "modulation": modulation})
    return note


# --- A session's grids at a glance --------------------------------------------------------


@dataclass
class Case:
    apprenant: Apprenant
    grille: GrilleCCF | None
    statut: Candidature | None

    @property
    def abrege(self) -> str:
        return str(ABREGES[self.statut.statut]) if self.statut else ""

    @property
    def etat(self) -> str:
        if self.statut:
            return "statut"
        if self.grille is None:
            return "aucune"
        return "signee" if self.grille.etat == EtatGrille.SIGNEE else "en_cours"


@dataclass
class EpreuveDeSession:
    epreuve: Epreuve
    cases: list[Case]

    def _compte(self, etat: str) -> int:
        return sum(1 for case in self.cases if case.etat == etat)

    @property
    def signees(self) -> int:
        return self._compte("signee")

    @property
    def en_cours(self) -> int:
        return self._compte("en_cours")

    @property
    def aucune(self) -> int:
        return self._compte("aucune")

    @property
    def avec_statut(self) -> int:
        return self._compte("statut")


def grilles_de_session(session: SessionExamen) -> list[EpreuveDeSession]:
    """Per CCF sous-épreuve, each candidate with their grid or status (five queries)."""
    apprenants = candidats(session)
    grilles = {(g.apprenant_id, g.epreuve_id): g for g in GrilleCCF.objects.filter(
        session=session).select_related("signee_par")}
    avec_statut = statuts(session)
    return [EpreuveDeSession(epreuve, [
        Case(a, grilles.get((a.pk, epreuve.pk)), avec_statut.get((a.pk, epreuve.pk)))
        for a in apprenants]) for epreuve in epreuves_ccf(session)]
