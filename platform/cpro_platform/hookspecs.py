"""Hook specifications of the CPRO host: the whole public plugin surface.

Every hook is documented in ``docs/plugin_hooks.md`` under a heading that is its exact
signature, and referenced by at least one test (both enforced by meta-tests). Hooks take keyword
arguments only; an implementation may accept fewer arguments than its specification.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cpro_platform import hookspec

if TYPE_CHECKING:
    from cpro_platform.positionnement import EvaluationObservee, Suggestion
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
    referentiel: str,
    competence: str,
    evaluations: Sequence[EvaluationObservee],
    echelle: Sequence[int],
) -> Suggestion | None:
    """Suggest a learner's level on one compétence from their evaluation history.

    :param referentiel: the referential's code (e.g. ``"CPA"``), so a referential plugin can
        supply its own rule and leave the others to the default.
    :param competence: the compétence code.
    :param evaluations: every evaluation of the compétence's critères for this learner, oldest
        first, including "non évalué"/"absent" ones (``niveau`` is ``None``).
    :param echelle: the scale's values, lowest first.
    :return: a :class:`~cpro_platform.positionnement.Suggestion` whose ``contributions`` explain
        which evaluations counted and with which weight, or ``None`` to let another plugin
        decide. Stops at first non-None result. The built-in rule
        (``core_plugins.default_positionnement``, ``trylast``) is documented in
        ``docs/plugin_hooks.md``.
    """
