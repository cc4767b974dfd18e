"""The examples of docs/plugin_hooks.md work: each example plugin registers, and the gateway
gets a valid answer from it for the CAV referential; the worked example's numbers are the
default rule's."""
import datetime
import re
import types
from decimal import Decimal
from pathlib import Path

import pytest

from cpro_platform.regles import (
    CompetenceObservee, CritereObserve, Degre, EpreuveNotee, EpreuveObservee, EtatCompetence,
    EvaluationObservee, Groupe, NiveauCompetence, Poids, Ponderation, PositionnementObserve,
    ReferentielRef, SituationObservee, Suggestion)
from tests.regles.outils import AUTRE, ECHELLE, REF, passerelle

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "plugin_hooks.md").read_text("utf-8")
EXEMPLES = [bloc for bloc in re.findall(r"```python\n(.*?)```", DOCS, re.S) if "@hookimpl" in bloc]
J = datetime.date(2026, 1, 15)
E = EpreuveObservee("E", "x", Decimal(1), ("A", "B", "C", "D"))
P = Ponderation("E", tuple(Poids(c, Decimal(25)) for c in "ABCD"), "x", "")
E31 = EpreuveObservee("E31", "x", Decimal(4), ("A", "B"))
COMPETENCES = tuple(CompetenceObservee(c, f"Compétence {c}", (CritereObserve(f"{c}.1", "k"),),
                                       Groupe("bloc", "B", "b")) for c in "AB")
DEGRES = tuple(Degre(v, f"degré {v}") for v in ECHELLE)
APPELS = {
    "suggest_positionnement": lambda r, ref: r.suggerer_positionnement(
        ref, "C1", [EvaluationObservee("C1.1", 2, J, "TP", "centre")], ECHELLE),
    "seuil_maitrise": lambda r, ref: r.seuil_maitrise(ref, ECHELLE),
    "detect_transfert": lambda r, ref: r.transfert(
        ref, "C1", [SituationObservee("TP", J, "centre", False, (4,)),
                    SituationObservee("PFMP", J, "entreprise", False, (3,))], 3),
    "aggregate_niveaux": lambda r, ref: r.agreger(
        ref, Groupe("unite", "U1", "u"), [NiveauCompetence("C1", 4), NiveauCompetence("C2", 2)],
        ECHELLE),
    "suggest_bilan": lambda r, ref: r.suggerer_bilan(
        ref, J, [EtatCompetence("C1", PositionnementObserve(2, J, "x"), Suggestion(3, "r"))],
        ECHELLE),
    "model_ponderations": lambda r, ref: r.ponderation_modele(ref, E),
    "compute_note": lambda r, ref: r.noter(ref, E, {"A": 4, "B": 1}, P, ECHELLE),
    "project_note": lambda r, ref: r.projeter(ref, E, {"A": 4}, P, {"A": 2}, ECHELLE),
    "grille_epreuve": lambda r, ref: r.grille(ref, E31, COMPETENCES, DEGRES),
    "compute_note_periode": lambda r, ref: r.noter_periode(ref, [
        EpreuveNotee("E1", "x", Decimal(3), Decimal(12)),
        EpreuveNotee("E2", "y", Decimal(1), Decimal(16)),
        EpreuveNotee("E3", "z", Decimal(2), None)]),
    # From the referential's 2019 version to the one asked about.
    "correspondance_versions": lambda r, ref: r.correspondance(
        ReferentielRef(ref.code, "2019", ref.plugin), ref, "competence",
        ["C1.3", "C4.2", "C2.1"], ["C1.2", "C2.1"]),
}


def test_there_is_an_example_plugin_for_every_rule():
    hooks = {re.search(r"^def (\w+)\(", bloc, re.M)[1] for bloc in EXEMPLES}
    assert set(APPELS) | {"register_referentiels", "default_echelle",
                          "register_exports"} == hooks


@pytest.mark.parametrize("source", EXEMPLES, ids=lambda s: re.search(r"^def (\w+)", s, re.M)[1])
def test_each_example_plugin_registers_and_answers(source):
    module = types.ModuleType("exemple")
    module.__file__ = "exemple.py"
    exec(compile(source, "plugin_hooks.md", "exec"), module.__dict__)
    hook = re.search(r"^def (\w+)\(", source, re.M)[1]
    regles = passerelle(("exemple", module))
    if hook == "register_exports":   # its format is registered, valid, by the example plugin
        assert regles.formats_export()["releve"].plugin.name == "exemple"
        return
    if hook not in APPELS:
        return   # referential hooks: registering (signature checked by pluggy) is the test
    defaut = APPELS[hook](passerelle(), AUTRE)
    reponse = APPELS[hook](regles, AUTRE)
    assert reponse is not None and reponse != defaut      # the example's own answer
    assert APPELS[hook](regles, REF) == APPELS[hook](passerelle(), REF)   # others: default


def test_the_worked_example_is_what_the_default_rule_computes():
    e32 = EpreuveObservee("E32", "x", Decimal(3), ("C2.1", "C2.2", "C2.3"))
    p32 = Ponderation("E32", (Poids("C2.1", Decimal(35)), Poids("C2.2", Decimal(40)),
                              Poids("C2.3", Decimal(25))), "referentiel", "")
    note = passerelle().noter(REF, e32, {"C2.1": 3, "C2.2": 4, "C2.3": 2}, p32, ECHELLE)
    sans = passerelle().noter(REF, e32, {"C2.1": 3, "C2.2": 4}, p32, ECHELLE)
    exemple = DOCS[DOCS.index("### Worked example"):DOCS.index("```python", DOCS.index(
        "### Worked example"))]
    assert f"**{note.note}** / 20" in exemple and f"**{sans.note}**" in exemple
    assert f"« {note.calcul} »" in exemple
    for terme in note.termes:
        assert f"| {terme.competence} | {terme.niveau} | {terme.fraction} | " \
               f"{terme.pourcentage} |" in exemple and f"| {terme.points} |" in exemple


def test_the_period_worked_example_is_what_the_default_rule_computes():
    debut = DOCS.index("### Worked example: a period mark")
    exemple = DOCS[debut:DOCS.index("```python", debut)]
    periode = passerelle().noter_periode(REF, [
        EpreuveNotee("E32", "x", Decimal(3), Decimal("15.00")),
        EpreuveNotee("E2", "y", Decimal(2), Decimal("16.67")),
        EpreuveNotee("E33", "z", Decimal(1), None)])
    assert f"**{periode.note}** / 20" in exemple and f"« {periode.calcul} »" in exemple
    for part in periode.parts:
        assert f"| {part.epreuve} | {part.note} | {part.coefficient} |" in exemple
        assert f"| {part.points} |" in exemple
    assert periode.laissees == ("E33",) and '`("E33",)`' in exemple
