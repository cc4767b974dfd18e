"""From the referential tables to the rules' values: what the bilans will hand the gateway."""
from decimal import Decimal

import pytest

from cpro_platform.referentials.regles import epreuves_de, ponderations_declarees, ref_de
from cpro_platform.regles import EpreuveObservee, ReferentielRef, Regles
from cpro_platform.plugins import get_plugin_manager

pytestmark = pytest.mark.django_db


def test_a_synced_referential_becomes_values_in_three_queries(synced_mini,
                                                               django_assert_num_queries):
    assert ref_de(synced_mini) == ReferentielRef("MINI", "2024", "fixture")
    assert ref_de(synced_mini) is ref_de(synced_mini)     # one shared value
    with django_assert_num_queries(3):
        epreuves = epreuves_de(synced_mini)
        declarees = ponderations_declarees(synced_mini)
    assert epreuves == [
        EpreuveObservee("E2", "Épreuve d'analyse", Decimal(3), ("C3",)),
        EpreuveObservee("E3", "Épreuve pratique", Decimal("4.5"), (), (
            EpreuveObservee("E31", "Réalisation", Decimal("4.5"), ("C1", "C2")),))]
    assert declarees == {"E31": {"C1": 40, "C2": 60}, "E2": {"C3": 100}}


def test_the_gateway_weighs_and_marks_the_synced_epreuves(synced_mini):
    regles, ref = Regles(get_plugin_manager(entry_points=[])), ref_de(synced_mini)
    e2, e3 = epreuves_de(synced_mini)
    declarees = ponderations_declarees(synced_mini)
    # E3 declares no pondérations of its own: derived from the coefficients.
    p3 = regles.ponderation_modele(ref, e3, declarees.get("E3"))
    assert (p3.origine, p3.pourcentages) == ("coefficients", {"C1": 50, "C2": 50})
    e31 = e3.sous_epreuves[0]
    p31 = regles.ponderation_modele(ref, e31, declarees["E31"])
    assert (p31.origine, p31.pourcentages) == ("referentiel", {"C1": 40, "C2": 60})
    # C1 at 4 (1), C2 at 2 (1/3): 20 × (40 + 60/3) / 100 = 12
    assert regles.noter(ref, e31, {"C1": 4, "C2": 2}, p31, (1, 2, 3, 4)).note == Decimal("12.00")
