"""The default rules behind the bilans: model pondérations, profile → mark, projection,
suggested bilan — and plugins replacing each of them."""
import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from cpro_platform import hookimpl
from cpro_platform.regles import (
    EpreuveNotee, EpreuveObservee, EtatCompetence, NoteEpreuve, NotePeriode, Poids, Ponderation,
    PositionnementObserve, Projection, Suggestion)
from tests.regles.outils import AUTRE, ECHELLE, REF, passerelle

E32 = EpreuveObservee("E32", "Préparation et mise en peinture", Decimal(3),
                      ("C2.1", "C2.2", "C2.3"))
P32 = Ponderation("E32", (Poids("C2.1", Decimal(35)), Poids("C2.2", Decimal(40)),
                          Poids("C2.3", Decimal(25))), "referentiel", "")
E3 = EpreuveObservee("E3", "Épreuve pratique", Decimal(9), (), (
    EpreuveObservee("E31", "Réparation", Decimal(4), ("C1.1", "C1.2", "C1.3", "C1.4")),
    E32,
    EpreuveObservee("E33", "Structure", Decimal(2), ("C3.1", "C3.2"))))


def ponderation(pourcentages: dict, epreuve="E") -> Ponderation:
    return Ponderation(epreuve, tuple(Poids(c, Decimal(p)) for c, p in pourcentages.items()),
                       "referentiel", "")


# --- Profile → mark -----------------------------------------------------------------------


def test_the_documented_example_gives_14_33_and_16_89_without_c2_3():
    regles = passerelle()
    note = regles.noter(REF, E32, {"C2.1": 3, "C2.2": 4, "C2.3": 2}, P32, ECHELLE)
    # 20 × (35 × 2/3 + 40 × 1 + 25 × 1/3) / 100 = 20 × 71.666… / 100 = 14.333…
    assert note.note == Decimal("14.33")
    assert [(t.competence, t.niveau, t.pourcentage, t.fraction, t.points) for t in note.termes] \
        == [("C2.1", 3, 35, Fraction(2, 3), Decimal("4.67")),
            ("C2.2", 4, 40, Fraction(1), Decimal("8.00")),
            ("C2.3", 2, 25, Fraction(1, 3), Decimal("1.67"))]
    assert note.manquantes == () and note.sur == 20
    assert note.calcul == "20 × (35 × 2/3 + 40 × 1 + 25 × 1/3) ÷ 100 = 14,33"
    assert "(niveau − 1) ÷ (4 − 1)" in note.formule
    # C2.3 not assessed yet: left out of both sums, and listed as missing.
    sans = regles.noter(REF, E32, {"C2.1": 3, "C2.2": 4}, P32, ECHELLE)
    assert sans.note == Decimal("16.89")          # 20 × 63.333… / 75
    assert sans.manquantes == ("C2.3",)
    assert sans.calcul == "20 × (35 × 2/3 + 40 × 1) ÷ 75 = 16,89"


def test_the_mark_is_not_the_mean_of_the_levels():
    # Levels 4, 4, 1 average 3 (→ 13.33 on a 1–4 scale), but the heavy compétence is at 1.
    note = passerelle().noter(REF, E32, {"C2.1": 4, "C2.2": 1, "C2.3": 4}, P32, ECHELLE)
    assert note.note == Decimal("12.00")          # 20 × (35 + 0 + 25) / 100


@pytest.mark.parametrize("niveau,note", [(1, "0.00"), (2, "6.67"), (3, "13.33"), (4, "20.00")])
def test_levels_map_to_fractions_of_the_scale(niveau, note):
    profil = {"C2.1": niveau, "C2.2": niveau, "C2.3": niveau}
    assert passerelle().noter(REF, E32, profil, P32, ECHELLE).note == Decimal(note)


def test_rounding_is_half_up_to_the_hundredth():
    # Scale 1..5: level 2 is 1/4. 20 × 12.5 × 1/4 / 100 = 0.625 exactly → 0.63 (not 0.62).
    p = ponderation({"A": "12.5", "B": "87.5"})
    note = passerelle().noter(REF, E32, {"A": 2, "B": 1}, p, (1, 2, 3, 4, 5))
    assert note.note == Decimal("0.63")


def test_no_level_at_all_gives_no_mark_and_lists_everything_missing():
    note = passerelle().noter(REF, E32, {"C9": 4}, P32, ECHELLE)
    assert note.note is None and note.manquantes == ("C2.1", "C2.2", "C2.3")


def test_a_level_off_the_scale_is_an_error_naming_the_core_plugin():
    from cpro_platform.regles import ErreurDeRegle

    with pytest.raises(ErreurDeRegle, match=r"'core_plugins.default_note'.*level 7"):
        passerelle().noter(REF, E32, {"C2.1": 7}, P32, ECHELLE)


class NoteMoyenne:
    """A plugin whose CAV marks are the plain mean of the levels, out of 20."""

    @hookimpl
    def compute_note(self, referentiel, epreuve, profil, ponderation, echelle):
        if referentiel.code != "CAV":
            return None
        niveaux = [v for v in profil.values() if v is not None]
        note = Decimal(20 * sum(niveaux)) / (len(niveaux) * echelle[-1])
        return NoteEpreuve(epreuve.code, note.quantize(Decimal("0.01")), (), (), "moyenne",
                           "", "Moyenne des niveaux.")


def test_a_plugin_replaces_the_mark_rule_for_its_referential():
    regles = passerelle(("moyenne", NoteMoyenne()))
    profil = {"C2.1": 3, "C2.2": 4, "C2.3": 2}
    assert regles.noter(AUTRE, E32, profil, P32, ECHELLE).note == Decimal("15.00")
    assert regles.noter(REF, E32, profil, P32, ECHELLE).note == Decimal("14.33")


# --- Model pondérations -------------------------------------------------------------------


def test_the_referentials_own_ponderations_come_first():
    declarees = {"C2.2": Decimal(40), "C2.1": Decimal(35), "C2.3": Decimal(25)}
    p = passerelle().ponderation_modele(REF, E32, declarees)
    assert p.origine == "referentiel"
    assert [(x.competence, x.pourcentage) for x in p.poids] == [
        ("C2.1", 35), ("C2.2", 40), ("C2.3", 25)]   # in the épreuve's order


def test_without_them_a_leaf_epreuve_spreads_evenly_with_the_largest_remainder():
    e2 = EpreuveObservee("E2", "Analyse", Decimal(4), ("C4.1", "C4.2", "C4.3"))
    p = passerelle().ponderation_modele(REF, e2)
    assert p.origine == "coefficients"
    assert [(x.competence, x.pourcentage) for x in p.poids] == [
        ("C4.1", 34), ("C4.2", 33), ("C4.3", 33)]


def test_sous_epreuves_weigh_by_their_coefficients():
    e = EpreuveObservee("E", "Deux parties", Decimal(3), (), (
        EpreuveObservee("Ea", "a", Decimal(2), ("A1", "A2", "A3")),
        EpreuveObservee("Eb", "b", Decimal(1), ("B1",))))
    p = passerelle().ponderation_modele(REF, e).pourcentages
    # shares 2/3 each for A*, 1 for B1, out of 3: 22.2, 22.2, 22.2, 33.3 → 22, 22, 22, 34
    assert p == {"A1": 22, "A2": 22, "A3": 22, "B1": 34}


def test_the_documented_e3_example_sums_to_exactly_100():
    p = passerelle().ponderation_modele(REF, E3).pourcentages
    assert sum(p.values()) == 100 and all(v == int(v) for v in p.values())
    # Each of the 9 compétences has 100/9 = 11.11…; the one point left goes to the first.
    assert list(p.values()) == [12] + [11] * 8


def test_a_competence_in_two_sous_epreuves_adds_its_shares():
    e = EpreuveObservee("E", "x", Decimal(2), (), (
        EpreuveObservee("Ea", "a", Decimal(1), ("A", "B")),
        EpreuveObservee("Eb", "b", Decimal(1), ("B",))))
    assert passerelle().ponderation_modele(REF, e).pourcentages == {"A": 25, "B": 75}


class PonderationsEgales:
    @hookimpl
    def model_ponderations(self, referentiel, epreuve, ponderations):
        codes = epreuve.competences_evaluees
        if referentiel.code != "CAV" or 100 % len(codes):
            return None
        return Ponderation(epreuve.code, tuple(Poids(c, Decimal(100 // len(codes)))
                                               for c in codes), "egales", "Parts égales.")


def test_a_plugin_replaces_the_model_ponderations():
    regles = passerelle(("egales", PonderationsEgales()))
    e = EpreuveObservee("E", "x", Decimal(1), ("A", "B", "C", "D"))
    assert regles.ponderation_modele(AUTRE, e, {"A": 70, "B": 10, "C": 10, "D": 10}) \
        .pourcentages == {"A": 25, "B": 25, "C": 25, "D": 25}
    assert regles.ponderation_modele(REF, e, {"A": 70, "B": 10, "C": 10, "D": 10}) \
        .pourcentages["A"] == 70


# --- Suggested bilan ----------------------------------------------------------------------

JOUR = datetime.date(2026, 1, 15)


def test_the_bilan_takes_the_positionnement_else_the_suggestion():
    etats = [
        EtatCompetence("C1", PositionnementObserve(2, datetime.date(2026, 1, 10), "M. Prof"),
                       Suggestion(4, "r")),
        EtatCompetence("C2", None, Suggestion(3, "r")),
        EtatCompetence("C3", None, Suggestion(None, "r")),
        EtatCompetence("C4", None, None),
    ]
    bilan = passerelle().suggerer_bilan(REF, JOUR, etats, ECHELLE)
    assert bilan.date == JOUR
    assert [(n.competence, n.niveau, n.origine) for n in bilan.niveaux] == [
        ("C1", 2, "positionnement"), ("C2", 3, "suggestion"), ("C3", None, "aucun"),
        ("C4", None, "aucun")]
    assert "10/01/2026" in bilan.niveaux[0].raison and "M. Prof" in bilan.niveaux[0].raison
    assert dict(bilan.profil) == {"C1": 2, "C2": 3, "C3": None, "C4": None}


class BilanSuggestions:
    """A plugin that ignores positionnements older than the latest suggestion's evidence."""

    @hookimpl
    def suggest_bilan(self, referentiel, date, competences, echelle):
        from cpro_platform.regles import BilanSuggere, NiveauBilan

        return BilanSuggere(date, tuple(
            NiveauBilan(e.competence, e.suggestion.niveau if e.suggestion else None,
                        "suggestion", "") for e in competences), "Suggestions seules.")


def test_a_plugin_replaces_the_suggested_bilan():
    etats = [EtatCompetence("C1", PositionnementObserve(2, JOUR, "x"), Suggestion(4, "r"))]
    bilan = passerelle(("bilan", BilanSuggestions())).suggerer_bilan(REF, JOUR, etats, ECHELLE)
    assert bilan.profil["C1"] == 4


# --- Projection ---------------------------------------------------------------------------


def test_projection_opens_what_was_never_or_rarely_assessed_heaviest_first():
    # C2.1 settled at 3 (3 situations); C2.2 at 4 but seen once: open; C2.3 never assessed.
    projection = passerelle().projeter(
        REF, E32, {"C2.1": 3, "C2.2": 4}, P32, {"C2.1": 3, "C2.2": 1}, ECHELLE)
    assert projection.note_actuelle == Decimal("16.89")
    assert projection.note_min == Decimal("4.67")    # 20 × 35 × 2/3 / 100
    assert projection.note_max == Decimal("17.67")   # 20 × (35 × 2/3 + 40 + 25) / 100
    assert [(e.competence, e.situations, e.niveau, e.amplitude)
            for e in projection.a_evaluer] == [("C2.2", 1, 4, Decimal("8.00")),
                                               ("C2.3", 0, None, Decimal("5.00"))]


def test_projection_of_a_settled_profile_is_a_single_mark():
    profil = {"C2.1": 3, "C2.2": 4, "C2.3": 2}
    projection = passerelle().projeter(REF, E32, profil, P32, dict.fromkeys(profil, 5),
                                       ECHELLE)
    assert projection.note_min == projection.note_max == projection.note_actuelle \
        == Decimal("14.33")
    assert projection.a_evaluer == ()


def test_projection_uses_the_mark_rule_in_force():
    regles = passerelle(("moyenne", NoteMoyenne()))
    projection = regles.projeter(AUTRE, E32, {"C2.1": 4}, P32, {"C2.1": 2}, ECHELLE)
    # The plugin's plain mean: (4 + 1 + 1) / 3 → 10/20 at worst, (4 + 4 + 4) / 3 → 20 at best.
    assert (projection.note_min, projection.note_max) == (Decimal("10.00"), Decimal("20.00"))


class ProjectionPrudente:
    @hookimpl
    def project_note(self, referentiel, epreuve, profil, ponderation, couverture, echelle,
                     noter):
        actuelle = noter(profil)
        note = actuelle.note if actuelle else None
        return Projection(epreuve.code, note, note, note, (), "Aucune projection.")


def test_a_plugin_replaces_the_projection():
    projection = passerelle(("prudente", ProjectionPrudente())).projeter(
        REF, E32, {"C2.1": 3, "C2.2": 4}, P32, {}, ECHELLE)
    assert projection.note_min == projection.note_max == Decimal("16.89")


# --- Period mark --------------------------------------------------------------------------

PERIODE = [EpreuveNotee("E32", "Préparation", Decimal(3), Decimal("15.00")),
           EpreuveNotee("E2", "Analyse", Decimal(2), Decimal("16.67")),
           EpreuveNotee("E33", "Structure", Decimal(1), None)]


def test_the_period_mark_weighs_the_marked_epreuves_by_their_coefficients():
    """docs/plugin_hooks.md, "Worked example: a period mark": (15 × 3 + 16.67 × 2) / 5."""
    periode = passerelle().noter_periode(REF, PERIODE)
    assert periode.note == Decimal("15.67")            # 78.34 / 5 = 15.668
    assert [(p.epreuve, p.note, p.coefficient, p.points) for p in periode.parts] == [
        ("E32", Decimal("15.00"), 3, Decimal("9.00")),
        ("E2", Decimal("16.67"), 2, Decimal("6.67"))]
    assert periode.laissees == ("E33",) and periode.sur == 20
    assert periode.calcul == "(15,00 × 3 + 16,67 × 2) ÷ 5 = 15,67"
    assert "Σ (note de l’épreuve × coefficient)" in periode.formule


def test_the_period_mark_is_not_the_plain_mean_of_the_marks():
    epreuves = [EpreuveNotee("E1", "a", Decimal(6), Decimal(8)),
                EpreuveNotee("E2", "b", Decimal(1), Decimal(20))]
    # Plain mean 14; the coefficient-6 épreuve pulls it down: (48 + 20) / 7 = 9.714…
    assert passerelle().noter_periode(REF, epreuves).note == Decimal("9.71")


def test_no_marked_epreuve_gives_no_period_mark():
    periode = passerelle().noter_periode(REF, [EpreuveNotee("E1", "a", Decimal(2), None),
                                               EpreuveNotee("E2", "b", Decimal(0), None)])
    assert periode.note is None and periode.laissees == ("E1", "E2")
    nulle = passerelle().noter_periode(REF, [EpreuveNotee("E1", "a", Decimal(0), Decimal(9))])
    assert nulle.note is None


class PeriodeHorsBareme:
    @hookimpl
    def compute_note_periode(self, referentiel, epreuves):
        return NotePeriode(Decimal(21), (), (), "", "", "Hors barème.")


def test_a_period_mark_off_20_is_an_error_naming_the_plugin():
    from cpro_platform.regles import ErreurDeRegle

    with pytest.raises(ErreurDeRegle, match=r"'hors'.*mark 21/20"):
        passerelle(("hors", PeriodeHorsBareme())).noter_periode(REF, PERIODE)
