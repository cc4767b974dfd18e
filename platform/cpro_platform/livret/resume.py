"""The maintained summary the class view reads: one row per learner × compétence.

A class of thirty over three years has tens of thousands of current evaluations; the class view
needs, per learner × compétence, only the rule's suggested level (and, per critère, who was
evaluated where). :func:`recalculer` computes those rows with the livret's own code path
(``observations.suggestions`` over the same ``Observateur``) and is called in the transaction
of every write that changes its inputs (see :mod:`.resume_signaux`); :func:`lire` reads them
back in two queries and recomputes, on the spot, the learners whose rows are missing or were
computed by other rules or referential data (their ``empreinte``).
"""
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.db import connection, transaction

from cpro_platform.etablissements.models import Apprenant, Inscription
from cpro_platform.plugins import PluginInfo, plugin_manager
from cpro_platform.referentials.models import Referentiel
from cpro_platform.regles import ErreurDeRegle, Incidents, Suggestion

from .lecture import situations_des_classes_de
from .models import ResumeApprenant, ResumeCompetence
from .observations import (
    Observateur, cle_chronologique, criteres_des, date_de, echelles, notes_courantes,
    suggestions)

#: The stored fields, compared by ``recalculer_resumes --verifier``.
CHAMPS = ("empreinte", "evaluations", "situations", "lieux", "premiere", "derniere", "niveau",
          "regle", "echec", "points", "couverture")


class Lu(NamedTuple):
    """A stored row as the class view reads it."""

    apprenant_id: int
    competence_id: int
    empreinte: str
    niveau: int | None
    regle: str
    echec: dict | None
    couverture: dict[str, list[int]]

    @property
    def suggestion(self) -> Suggestion | None:
        """The rule's answer as the pages use it (None when it failed)."""
        return None if self.echec else Suggestion(niveau=self.niveau, regle=self.regle)

    @property
    def erreur(self) -> ErreurDeRegle | None:
        """The rule's failure, as the gateway reported it (None when it answered)."""
        if not self.echec:
            return None
        e = self.echec
        return ErreurDeRegle(PluginInfo(e["plugin"], e["distribution"], e["version"]),
                             e["regle"], e["detail"])


def empreinte(referentiel: Referentiel) -> str:
    """What a row depends on besides the evaluations and situations: the installed plugins
    (any of them may implement the positioning rule) with their versions, and the
    referential's data as last synced (its scale is the rule's input)."""
    plugins = sorted((i.name, i.distribution, i.version) for i in plugin_manager().infos.values())
    texte = repr((plugins, referentiel.code, referentiel.version, referentiel.plugin,
                  referentiel.data_hash))
    return hashlib.sha256(texte.encode()).hexdigest()[:16]


def _echec(erreur: ErreurDeRegle | None) -> dict | None:
    if erreur is None:
        return None
    p = erreur.plugin
    return {"plugin": p.name, "distribution": p.distribution, "version": p.version,
            "regle": erreur.regle, "detail": erreur.detail}


class _Faits:
    """What one learner's evaluations on one compétence add up to, oldest situation first."""

    __slots__ = ("evaluations", "situations", "lieux", "premiere", "derniere", "points",
                 "couverture")

    def __init__(self):
        self.evaluations = self.situations = 0
        self.lieux, self.points, self.couverture = set(), [], defaultdict(list)
        self.premiere = self.derniere = None

    def situation(self, situation, niveaux: list[int]) -> None:
        date = date_de(situation)
        self.situations += 1
        self.lieux.add(situation.lieu)
        self.premiere = self.premiere or date
        self.derniere = date
        self.points.append(sum(niveaux) / len(niveaux))


def calculer(apprenant_ids: Iterable[int], competence_ids: Iterable[int] | None = None
             ) -> list[ResumeCompetence]:
    """The rows of these learners (on these compétences, else all of their classes'
    referentials), computed from their current evaluations, not saved. Constant queries."""
    ids = sorted(set(apprenant_ids))
    if not ids:
        return []
    referentiels_de = defaultdict(set)
    for apprenant_id, referentiel_id in Inscription.objects.filter(
            apprenant_id__in=ids).values_list("apprenant_id", "classe__referentiel_id"):
        referentiels_de[apprenant_id].add(referentiel_id)
    tous = set().union(*referentiels_de.values())
    criteres = criteres_des(tous)
    if competence_ids is not None:
        gardees = set(competence_ids)
        criteres = [c for c in criteres if c.competence_id in gardees]
    par_id = {c.pk: c for c in criteres}
    if not par_id:
        return []
    situations = {s.pk: s for s in situations_des_classes_de(ids)}
    notes_ = notes_courantes(apprenant_id__in=ids, critere_id__in=list(par_id))
    echecs: dict = {}
    suggere = suggestions(notes_, Observateur(situations, par_id), echelles(tous), Incidents(),
                          echecs)

    # The facts, walking the situations in the order the rule saw them (as ``suggestions``).
    competence_de = {pk: c.competence_id for pk, c in par_id.items()}
    par_situation = defaultdict(list)
    for note in notes_:
        par_situation[note.situation_id].append(note)
    faits: dict[tuple[int, int], _Faits] = {}
    for situation in sorted(situations.values(), key=cle_chronologique):
        niveaux = defaultdict(list)
        for note in par_situation.get(situation.pk, ()):
            cle = (note.apprenant_id, competence_de[note.critere_id])
            f = faits.get(cle) or faits.setdefault(cle, _Faits())
            f.evaluations += 1
            if note.niveau is not None:
                niveaux[cle].append(note.niveau)
                f.couverture[str(note.critere_id)].append(situation.pk)
        for cle, valeurs in niveaux.items():
            faits[cle].situation(situation, valeurs)

    competences = {c.competence_id: c.competence for c in criteres}
    empreintes = {c.referentiel_id: empreinte(c.referentiel) for c in competences.values()}
    lignes = []
    for (apprenant_id, competence_id), f in faits.items():
        competence = competences[competence_id]
        if competence.referentiel_id not in referentiels_de[apprenant_id]:
            continue
        suggestion = suggere.get((apprenant_id, competence_id))
        lignes.append(ResumeCompetence(
            apprenant_id=apprenant_id, competence_id=competence_id,
            empreinte=empreintes[competence.referentiel_id], evaluations=f.evaluations,
            situations=f.situations, lieux=sorted(f.lieux), premiere=f.premiere,
            derniere=f.derniere, niveau=suggestion.niveau if suggestion else None,
            regle=suggestion.regle if suggestion else "",
            echec=_echec(echecs.get((apprenant_id, competence_id))), points=f.points,
            couverture=dict(f.couverture)))
    return lignes


def recalculer(apprenant_ids: Iterable[int], competence_ids: Iterable[int] | None = None
               ) -> list[ResumeCompetence]:
    """Recompute and store the rows of these learners (on these compétences, else all of
    them, which also marks the learners as summarised); returns the stored rows.

    Runs in the caller's transaction (the write that changed the evaluations), so the
    summary is never seen out of step with them."""
    ids = sorted(set(apprenant_ids))
    if not ids:
        return []
    competences = None if competence_ids is None else set(competence_ids)
    with transaction.atomic():
        if connection.features.has_select_for_update:
            # Two saves touching the same learners recompute one after the other, the second
            # reading the first one's evaluations (PostgreSQL; SQLite serialises writers).
            list(Apprenant.objects.select_for_update().filter(pk__in=ids).order_by("pk")
                 .values_list("pk", flat=True))
        lignes = calculer(ids, competences)
        portee = ResumeCompetence.objects.filter(apprenant_id__in=ids)
        if competences is not None:
            portee = portee.filter(competence_id__in=competences)
        # One DELETE whatever the number of rows: nothing points at the summary, and a
        # model delete() would read and delete by hundreds once any global delete signal
        # is connected (the imports' journal connects one).
        portee._raw_delete(portee.db)
        ResumeCompetence.objects.bulk_create(lignes)
        if competences is None:
            ResumeApprenant.objects.bulk_create(
                [ResumeApprenant(apprenant_id=pk) for pk in ids], ignore_conflicts=True)
    return lignes


def lire(apprenant_ids: list[int], competence_ids: list[int], referentiel: Referentiel
         ) -> dict[tuple[int, int], Lu]:
    """The rows of these learners on these compétences (of ``referentiel``), by (apprenant,
    compétence), as the class view needs them; a pair without a row has no evaluation. Two
    queries when the summary is up to date; learners never summarised, or whose rows other
    rules or referential data computed, are recomputed first (and stored)."""
    if not apprenant_ids or not competence_ids:
        return {}
    # Plain tuples of the columns the page shows (no model instances, no sparkline decoded).
    lignes = {(lu.apprenant_id, lu.competence_id): lu for lu in map(Lu._make, (
        ResumeCompetence.objects.filter(apprenant_id__in=apprenant_ids,
                                        competence_id__in=competence_ids)
        .values_list(*Lu._fields)))}
    resumes = set(ResumeApprenant.objects.filter(apprenant_id__in=apprenant_ids)
                  .values_list("apprenant_id", flat=True))
    attendue = empreinte(referentiel)
    a_refaire = ({pk for pk in apprenant_ids if pk not in resumes}
                 | {lu.apprenant_id for lu in lignes.values() if lu.empreinte != attendue})
    if a_refaire:
        gardees = set(competence_ids)
        lignes = {cle: lu for cle, lu in lignes.items() if cle[0] not in a_refaire}
        lignes.update(((r.apprenant_id, r.competence_id), Lu(*(getattr(r, champ)
                                                                for champ in Lu._fields)))
                      for r in recalculer(a_refaire) if r.competence_id in gardees)
    return lignes


def differences(stockees: Iterable[ResumeCompetence], calculees: Iterable[ResumeCompetence]
                ) -> list[str]:
    """What differs between stored rows and a recomputation, one line per field."""
    avant = {(r.apprenant_id, r.competence_id): r for r in stockees}
    apres = {(r.apprenant_id, r.competence_id): r for r in calculees}
    out = []
    for cle in sorted(avant.keys() | apres.keys()):
        a, b = avant.get(cle), apres.get(cle)
        if a is None or b is None:
            out.append(f"apprenant {cle[0]} × compétence {cle[1]}: "
                       f"{'missing' if a is None else 'not expected'}")
            continue
        out += [f"apprenant {cle[0]} × compétence {cle[1]}: {champ} {getattr(a, champ)!r} "
                f"≠ {getattr(b, champ)!r}" for champ in CHAMPS
                if getattr(a, champ) != getattr(b, champ)]
    return out
