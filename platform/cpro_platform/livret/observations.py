"""From stored evaluations to what the positioning rule sees, and the rule's answers.

The livret, the dashboards and the positionnement page all read a learner's current
evaluations as light ``Note`` rows (one query each, pivoted in Python) and ask the rules
gateway (:mod:`cpro_platform.regles`) for each compétence's level: one rule, everywhere.
"""
import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connection

from cpro_platform.referentials.models import Critere, Niveau
from cpro_platform.referentials.regles import ref_de
from cpro_platform.regles import (
    ErreurDeRegle, EvaluationObservee, Incidents, ReferentielRef, Suggestion, regles)
from cpro_platform.suivi.models import Etat, Evaluation, Situation, TypeSituation


class Note(NamedTuple):
    """A current evaluation as the livret reads it (no model instance: cheap in bulk)."""

    apprenant_id: int
    situation_id: int
    critere_id: int
    etat: str
    niveau: int | None


def notes(evaluations) -> list[Note]:
    """``evaluations`` (a queryset of current values) as ``Note`` rows, in one query.

    The ORM writes the SQL; the rows are read straight from the cursor, because a class's
    three years are tens of thousands of rows and model-less tuples are what the pages pivot.
    """
    try:
        sql, params = evaluations.values_list(*Note._fields).query.sql_with_params()
    except EmptyResultSet:  # e.g. a class without learners: nothing to read
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(map(Note._make, cursor.fetchall()))


def notes_courantes(**filtres) -> list[Note]:
    return notes(Evaluation.objects.courantes().filter(**filtres).order_by())


def date_de(situation: Situation) -> datetime.date:
    """When a situation counts in the history: its start, else the day it was created."""
    return situation.debut or situation.cree_le.date()


def cle_chronologique(situation: Situation) -> tuple:
    return (date_de(situation), situation.ordre, situation.pk)


def _ids(referentiel_ids):
    """A list of ids, or a subquery left as is."""
    return referentiel_ids if hasattr(referentiel_ids, "query") else set(referentiel_ids)


def echelles(referentiel_ids) -> dict[int, list[Niveau]]:
    """Each referential's scale, lowest first (one query; ids or a subquery)."""
    out = defaultdict(list)
    for niveau in Niveau.objects.filter(referentiel_id__in=_ids(referentiel_ids)).order_by(
            "referentiel_id", "valeur"):
        out[niveau.referentiel_id].append(niveau)
    return out


class Observateur:
    """Turns ``Note`` rows into ``EvaluationObservee`` values, sharing equal ones (a class of
    thirty reads the same situation × critère × level thousands of times)."""

    def __init__(self, situations: dict[int, Situation], criteres: dict[int, Critere]):
        self.situations = situations
        self.criteres = criteres
        self._cache: dict[tuple, EvaluationObservee] = {}

    def __call__(self, note: Note) -> EvaluationObservee:
        cle = (note.situation_id, note.critere_id, note.niveau)
        observee = self._cache.get(cle)
        if observee is None:
            situation = self.situations[note.situation_id]
            observee = self._cache[cle] = EvaluationObservee(
                critere=self.criteres[note.critere_id].code,
                niveau=note.niveau if note.etat == Etat.EVALUE else None,
                date=date_de(situation), situation=situation.titre, lieu=situation.lieu,
                certificative=situation.type == TypeSituation.CERTIFICATIVE)
        return observee


def suggerer(referentiel: ReferentielRef, competence_code: str,
             observees: list[EvaluationObservee], echelle: tuple[int, ...],
             incidents: Incidents | None = None) -> Suggestion | None:
    """Ask the rules for a compétence's suggested level (``observees`` oldest first).
    The built-in rule always answers, so ``None`` means the rule failed: it is then
    recorded in ``incidents`` (without ``incidents``, :class:`ErreurDeRegle` is raised)."""
    return regles().suggerer_positionnement(referentiel, competence_code, observees, echelle,
                                            incidents=incidents)


def criteres_des(referentiel_ids) -> list[Critere]:
    """The critères of the referentials in referential order, with compétence, its
    referential, bloc and unit loaded (one query; ids or a subquery)."""
    return list(Critere.objects.filter(competence__referentiel_id__in=_ids(referentiel_ids))
                .select_related("competence__referentiel", "competence__bloc__unite")
                .order_by("competence__referentiel__intitule", "competence__bloc__ordre",
                          "competence__bloc__code", "competence__ordre", "competence__code",
                          "ordre", "code"))


def suggestions(notes_: Iterable[Note], observateur: Observateur,
                echelles_: dict[int, list[Niveau]], incidents: Incidents,
                echecs: dict[tuple[int, int], ErreurDeRegle] | None = None
                ) -> dict[tuple[int, int], Suggestion | None]:
    """The suggestion for each (apprenant, compétence) that has evaluations, by the rules
    (``observateur.criteres`` must come from ``criteres_des``); ``None`` where the rule
    failed, the failure recorded in ``incidents`` (and, by pair, in ``echecs`` if given:
    the maintained summary stores it)."""
    competence_de = {pk: c.competence_id for pk, c in observateur.criteres.items()}
    # Oldest first, as the hook expects: bucket the notes by situation, then walk the
    # situations in chronological order (no per-note sort key over tens of thousands).
    par_situation = defaultdict(list)
    for note in notes_:
        par_situation[note.situation_id].append(note)
    par_competence = defaultdict(list)
    for situation in sorted(observateur.situations.values(), key=cle_chronologique):
        for note in par_situation.get(situation.pk, ()):
            competence_id = competence_de.get(note.critere_id)
            if competence_id is not None:
                par_competence[note.apprenant_id, competence_id].append(observateur(note))
    out = {}
    competences = {c.competence_id: c.competence for c in observateur.criteres.values()}
    # One ReferentielRef and one scale tuple per referential, not per call.
    refs = {c.referentiel_id: ref_de(c.referentiel) for c in competences.values()}
    valeurs = {ref: tuple(n.valeur for n in niveaux) for ref, niveaux in echelles_.items()}
    for (apprenant_id, competence_id), observees in par_competence.items():
        competence = competences[competence_id]
        suggestion = out[apprenant_id, competence_id] = suggerer(
            refs[competence.referentiel_id], competence.code, observees,
            valeurs.get(competence.referentiel_id, ()), incidents)
        if suggestion is None and echecs is not None:
            echecs[apprenant_id, competence_id] = incidents.dernier
    return out
