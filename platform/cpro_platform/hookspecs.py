"""Hook specifications of the CPRO host: the whole public plugin surface.

Every hook is documented in ``docs/plugin_hooks.md`` under a heading that is its exact
signature, and referenced by at least one test (both enforced by meta-tests). Hooks take keyword
arguments only; an implementation may accept fewer arguments than its specification.

Only the gateway (:mod:`cpro_platform.regles`) calls these hooks. Every rule gets the
referential as a :class:`~cpro_platform.regles.valeurs.ReferentielRef` and frozen values from
:mod:`cpro_platform.regles.valeurs`; every ``firstresult`` hook has a ``trylast`` default in
``core_plugins/``, and the last registered plugin is asked first.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from cpro_platform import hookspec

if TYPE_CHECKING:
    from cpro_platform.regles.exports import FormatExport
    from cpro_platform.regles.valeurs import (
        Agregat, BilanSuggere, CompetenceObservee, Degre, EpreuveNotee, EpreuveObservee,
        EtatCompetence, EvaluationObservee, GrilleStructure, Groupe, NiveauCompetence,
        NoteEpreuve, NotePeriode, Ponderation, Projection, ReferentielRef, SituationObservee,
        Suggestion, Transfert)
    from cpro_platform.referentiel.schema import Niveau, Referentiel


# --- Referentials -------------------------------------------------------------------------


@hookspec
def register_referentiels(register: Callable[[str | Path], None]) -> None:
    """Declare the referential data files this plugin provides.

    :param register: call it once per referential with the path of its TOML data file
        (usually ``Path(__file__).parent / "referentiel.toml"``). The host validates each file
        as it arrives and records which plugin sent it; an invalid file is reported with the
        plugin's name, the file and the field path.
    :return: nothing; the return value is ignored.
    """


@hookspec(firstresult=True)
def default_echelle(referentiel: Referentiel) -> list[Niveau] | None:
    """The mastery scale for a referential whose data file declares none.

    :param referentiel: the validated referential (a frozen value object).
    :return: the ordered levels, lowest first, or ``None`` to let another plugin decide.
        Stops at first non-None result. The built-in default (``core_plugins.default_echelle``,
        ``trylast``) returns the four LSL Pro degrees: 1 non maîtrisé, 2 insuffisamment
        maîtrisé, 3 maîtrisé, 4 bien maîtrisé.
    """


# --- Tracking -----------------------------------------------------------------------------


@hookspec(firstresult=True)
def suggest_positionnement(
    referentiel: ReferentielRef,
    competence: str,
    evaluations: Sequence[EvaluationObservee],
    echelle: Sequence[int],
) -> Suggestion | None:
    """Suggest a learner's level on one compétence from their evaluation history.

    :param referentiel: the referential (code, version, providing plugin), so a referential
        plugin can supply its own rule and leave the others to the default.
    :param competence: the compétence code.
    :param evaluations: every evaluation of the compétence's critères for this learner, oldest
        first, including "non évalué"/"absent" ones (``niveau`` is ``None``).
    :param echelle: the scale's values, lowest first.
    :return: a :class:`~cpro_platform.regles.valeurs.Suggestion` whose ``contributions``
        explain which evaluations counted and with which weight (its level must be on the
        scale), or ``None`` to let another plugin decide. Stops at first non-None result.
        The built-in rule (``core_plugins.default_positionnement``, ``trylast``) is
        documented in ``docs/plugin_hooks.md``.
    """


@hookspec(firstresult=True)
def seuil_maitrise(referentiel: ReferentielRef, echelle: Sequence[int]) -> int | None:
    """The lowest level of the scale that counts as mastered.

    :param referentiel: the referential.
    :param echelle: the scale's values, lowest first.
    :return: a value of ``echelle``, or ``None`` to let another plugin decide. Stops at first
        non-None result. Default (``core_plugins.default_maitrise``, ``trylast``): the upper
        half of the scale, ``echelle[len(echelle) // 2]`` (3 on 1–4).
    """


@hookspec(firstresult=True)
def detect_transfert(
    referentiel: ReferentielRef,
    competence: str,
    situations: Sequence[SituationObservee],
    seuil: int | None,
) -> Transfert | None:
    """Whether a compétence transfers: mastered across different situations.

    :param referentiel: the referential.
    :param competence: the compétence code.
    :param situations: the situations (shown on the page, oldest first) in which the learner
        got levels on the compétence's critères, with those levels.
    :param seuil: the mastery threshold (``seuil_maitrise``), ``None`` if there is none.
    :return: a :class:`~cpro_platform.regles.valeurs.Transfert`, or ``None`` to let another
        plugin decide. Stops at first non-None result. Default
        (``core_plugins.default_maitrise``, ``trylast``): a situation counts as mastered when
        the mean of the levels in it reaches ``seuil``; the compétence transfers when mastered
        in at least 2 situations.
    """


@hookspec(firstresult=True)
def aggregate_niveaux(
    referentiel: ReferentielRef,
    groupe: Groupe,
    niveaux: Sequence[NiveauCompetence],
    echelle: Sequence[int],
) -> Agregat | None:
    """The level of a bloc of compétences or of a unit, from its compétences' levels.

    :param referentiel: the referential.
    :param groupe: the bloc or unit (``nature`` ``"bloc"`` or ``"unite"``, code, title).
    :param niveaux: each of its compétences with its level (``None``: no level yet).
    :param echelle: the scale's values, lowest first.
    :return: an :class:`~cpro_platform.regles.valeurs.Agregat` whose level lies within the
        scale's range (or is ``None``), or ``None`` to let another plugin decide. Stops at
        first non-None result. Default (``core_plugins.default_agregation``, ``trylast``): the
        mean of the compétences that have a level.
    """


# --- Bilans, marks, projections -----------------------------------------------------------


@hookspec(firstresult=True)
def suggest_bilan(
    referentiel: ReferentielRef,
    date: datetime.date,
    competences: Sequence[EtatCompetence],
    echelle: Sequence[int],
) -> BilanSuggere | None:
    """Suggest a learner's bilan at a date: a level per compétence.

    :param referentiel: the referential.
    :param date: the bilan's date.
    :param competences: for each compétence of the referential, in its order, the latest
        positionnement dated on or before ``date`` and the positioning suggestion from the
        evaluations up to ``date`` (either may be ``None``).
    :param echelle: the scale's values, lowest first.
    :return: a :class:`~cpro_platform.regles.valeurs.BilanSuggere` (one ``NiveauBilan`` per
        compétence, with where its level comes from), or ``None`` to let another plugin
        decide. Stops at first non-None result. Default (``core_plugins.default_bilan``,
        ``trylast``): the positionnement where there is one, else the suggestion.
    """


@hookspec(firstresult=True)
def model_ponderations(
    referentiel: ReferentielRef,
    epreuve: EpreuveObservee,
    ponderations: Mapping[str, Decimal],
) -> Ponderation | None:
    """The model pondérations of an épreuve: each compétence's weight in its mark, in percent.

    :param referentiel: the referential.
    :param epreuve: the épreuve, with its coefficient, compétences and sous-épreuves.
    :param ponderations: the referential's own pondérations for this épreuve (compétence code
        → percent; empty when its data file declares none).
    :return: a :class:`~cpro_platform.regles.valeurs.Ponderation` whose weights are not
        negative and sum to exactly 100 (or are empty), or ``None`` to let another plugin
        decide. Stops at first non-None result. Default
        (``core_plugins.default_ponderations``, ``trylast``): the referential's own, else
        derived from the coefficients (documented in ``docs/plugin_hooks.md``).
    """


@hookspec(firstresult=True)
def compute_note(
    referentiel: ReferentielRef,
    epreuve: EpreuveObservee,
    profil: Mapping[str, int | None],
    ponderation: Ponderation,
    echelle: Sequence[int],
) -> NoteEpreuve | None:
    """An épreuve's mark out of 20 from a profile of compétence levels.

    :param referentiel: the referential.
    :param epreuve: the épreuve.
    :param profil: compétence code → level (``None`` or absent: no level).
    :param ponderation: the pondérations in force for this épreuve.
    :param echelle: the scale's values, lowest first.
    :return: a :class:`~cpro_platform.regles.valeurs.NoteEpreuve` (mark between 0 and 20 with
        its terms and formula, so a page can say why), or ``None`` to let another plugin
        decide. Stops at first non-None result. The ±2 points of modulation are not the
        rule's job: the host applies them. Default (``core_plugins.default_note``,
        ``trylast``): documented with a worked example in ``docs/plugin_hooks.md``.
    """


@hookspec(firstresult=True)
def project_note(
    referentiel: ReferentielRef,
    epreuve: EpreuveObservee,
    profil: Mapping[str, int | None],
    ponderation: Ponderation,
    couverture: Mapping[str, int],
    echelle: Sequence[int],
    noter: Callable[[Mapping[str, int | None]], NoteEpreuve | None],
) -> Projection | None:
    """The mark range an épreuve can still reach, and what left to assess weighs most.

    :param referentiel: the referential.
    :param epreuve: the épreuve.
    :param profil: the latest bilan's profile (compétence code → level).
    :param ponderation: the pondérations in force for this épreuve.
    :param couverture: compétence code → number of situations in which the learner was
        assessed on it so far (absent: never).
    :param echelle: the scale's values, lowest first.
    :param noter: the mark rule in force (``compute_note`` through the gateway), already
        bound to this épreuve, pondération and scale: give it a profile, get a mark.
    :return: a :class:`~cpro_platform.regles.valeurs.Projection` (``note_min`` ≤
        ``note_max``), or ``None`` to let another plugin decide. Stops at first non-None
        result. Default (``core_plugins.default_projection``, ``trylast``): documented in
        ``docs/plugin_hooks.md``.
    """


# --- Exports ------------------------------------------------------------------------------


@hookspec
def register_exports(register: Callable[[FormatExport], None]) -> None:
    """Declare the export formats this plugin provides.

    :param register: call it once per format with a frozen
        :class:`~cpro_platform.regles.exports.FormatExport` (code, French label, scope
        ``"apprenant"`` or ``"classe"``, media type and extension, whether it runs in the
        background worker, what is verified about it, and the callable that produces the
        file(s) from a :class:`~cpro_platform.regles.exports.DemandeExport`). A code already
        registered, or an invalid value, is an error naming the plugin.
    :return: nothing; the return value is ignored. The built-in formats (livret and bilan
        PDFs, the class's bilans, LSL Pro data) are registered by
        ``core_plugins.default_exports``; the UI and ``manage.py exporter`` list them all.
    """


# --- Certification ------------------------------------------------------------------------


@hookspec(firstresult=True)
def grille_epreuve(
    referentiel: ReferentielRef,
    epreuve: EpreuveObservee,
    competences: Sequence[CompetenceObservee],
    echelle: Sequence[Degre],
) -> GrilleStructure | None:
    """The layout of a (sous-)épreuve's CCF evaluation grid, as the national grids print it.

    :param referentiel: the referential.
    :param epreuve: the (sous-)épreuve the grid is for.
    :param competences: the compétences it evaluates, in its order, each with its critères,
        their indicators and its bloc.
    :param echelle: the labelled degrees of the referential's scale, lowest first.
    :return: a :class:`~cpro_platform.regles.valeurs.GrilleStructure` — one line per
        compétence of ``competences`` at most (each once), degree columns that are values of
        ``echelle`` — or ``None`` to let another plugin decide. Stops at first non-None
        result. A grid freezes the answer when it is created. Default
        (``core_plugins.default_grille``, ``trylast``): a line per compétence with its
        critères and indicators, grouped by bloc, the scale's degrees as columns.
    """


@hookspec(firstresult=True)
def compute_note_periode(
    referentiel: ReferentielRef,
    epreuves: Sequence[EpreuveNotee],
) -> NotePeriode | None:
    """A period's mark out of 20 from the épreuves' marks at one validated bilan.

    :param referentiel: the referential.
    :param epreuves: every épreuve of the referential (top level, in order) with its
        certification coefficient and the mark retained at the bilan (after the team's
        modulation), ``None`` where it has none.
    :return: a :class:`~cpro_platform.regles.valeurs.NotePeriode` (mark between 0 and 20
        with each épreuve's part, the épreuves left aside and the formula), or ``None`` to let
        another plugin decide. Stops at first non-None result. The ±2 points of modulation
        are the host's. Default (``core_plugins.default_note_periode``, ``trylast``): the
        coefficient-weighted mean of the marked épreuves, documented in
        ``docs/plugin_hooks.md``.
    """


# --- Referential versions -----------------------------------------------------------------


@hookspec(firstresult=True)
def correspondance_versions(
    referentiel_source: ReferentielRef,
    referentiel_cible: ReferentielRef,
    nature: str,
    codes: Sequence[str],
    codes_cibles: Sequence[str],
) -> Mapping[str, str | None] | None:
    """Where the codes of one version of a referential go in another version of it.

    Asked when data made on ``referentiel_source`` must be placed on ``referentiel_cible``
    (same code, another version): a learner's archive from an installation that has another
    version, a class moving to a new version.

    :param referentiel_source: the version the codes come from.
    :param referentiel_cible: the version they must be placed on.
    :param nature: what the codes are: ``"competence"``, ``"critere"``, ``"epreuve"`` or
        ``"activite"``.
    :param codes: the source codes to place (each once).
    :param codes_cibles: every code of that nature in the target version.
    :return: a mapping source code → target code (one of ``codes_cibles``), or → ``None``
        when the code has no place in the target (the host then refuses what depends on it
        and says which codes); a code left out counts as ``None``. Or ``None`` to let another
        plugin decide. Stops at first non-None result. Default
        (``core_plugins.default_correspondance``, ``trylast``): identity by code — a code
        goes to the same code when the target has it, else nowhere.
    """
