"""Règles: the one gateway between the host and the plugins' rules. Django-free.

``regles()`` is the process-wide gateway; ``Regles(pm)`` one for a given plugin manager
(tests, the sync). Values in :mod:`.valeurs`, errors in :mod:`.erreurs`, export formats in
:mod:`.exports`, the calls in :mod:`.passerelle`. See ``docs/plugin_hooks.md``.
"""
from cpro_platform.plugins import plugin_manager

from .erreurs import ErreurDeRegle, Incident, Incidents
from .exports import (
    APPRENANT, CLASSE, DemandeExport, Fichier, FormatEnregistre, FormatExport, Production,
    RienAExporter)
from .passerelle import MODULATION_MAX, NOTE_SUR, Regles
from .valeurs import (
    Agregat, BilanSuggere, CompetenceObservee, Contribution, CritereObserve, Degre, Enjeu,
    EpreuveNotee, EpreuveObservee, EtatCompetence, EvaluationObservee, GrilleStructure, Groupe,
    LigneGrille, NiveauBilan, NiveauCompetence, NoteEpreuve, NotePeriode, PartEpreuve, Poids,
    Ponderation, PositionnementObserve, Projection, ReferentielRef, Rubrique, SituationObservee,
    Suggestion, Terme, Transfert)

_cache: Regles | None = None


def regles() -> Regles:
    """The gateway of the process-wide plugin manager (rebuilt when that one is reset;
    the manager reads the ``CPRO`` Django setting)."""
    global _cache
    pm = plugin_manager()
    if _cache is None or _cache.pm is not pm:
        _cache = Regles(pm)
    return _cache


__all__ = [
    "APPRENANT", "Agregat", "BilanSuggere", "CLASSE", "CompetenceObservee", "Contribution",
    "CritereObserve", "Degre", "DemandeExport", "Enjeu", "EpreuveNotee", "EpreuveObservee",
    "ErreurDeRegle", "EtatCompetence", "EvaluationObservee", "Fichier", "FormatEnregistre",
    "FormatExport", "GrilleStructure", "Groupe", "Incident", "Incidents", "LigneGrille",
    "MODULATION_MAX", "NOTE_SUR", "NiveauBilan", "NiveauCompetence", "NoteEpreuve",
    "NotePeriode", "PartEpreuve", "Poids", "Ponderation", "PositionnementObserve", "Production",
    "Projection", "ReferentielRef", "Regles", "RienAExporter", "Rubrique", "SituationObservee",
    "Suggestion", "Terme", "Transfert", "regles",
]
