"""Mastery threshold, transfer and bloc/unit aggregation: the defaults, and plugins replacing
them."""
import datetime

import pytest

from cpro_platform import hookimpl
from cpro_platform.regles import Agregat, Groupe, NiveauCompetence, SituationObservee, Transfert
from tests.regles.outils import AUTRE, ECHELLE, REF, passerelle

J0 = datetime.date(2025, 9, 1)
BLOC = Groupe("bloc", "B1", "Réparer")


def situation(*niveaux, lieu="centre", jour=0):
    return SituationObservee(f"TP {jour}", J0 + datetime.timedelta(days=jour), lieu, False,
                             tuple(niveaux))


@pytest.mark.parametrize("echelle,seuil", [((1, 2, 3, 4), 3), ((0, 1), 1), ((0, 1, 2), 1),
                                           ((1, 2, 3, 4, 5, 6), 4)])
def test_mastery_starts_at_the_upper_half_of_the_scale(echelle, seuil):
    assert passerelle().seuil_maitrise(REF, echelle) == seuil


def test_transfer_needs_mastery_in_two_situations():
    regles = passerelle()
    # Means 3.0 and 3.5 reach 3; 2.5 does not.
    deux = regles.transfert(REF, "C1", [situation(3, 3), situation(2, 3), situation(4, 3)], 3)
    assert (deux.transfere, deux.maitrisee_dans) == (True, 2)
    une = regles.transfert(REF, "C1", [situation(4), situation(2, 3)], 3)
    assert (une.transfere, une.maitrisee_dans) == (False, 1)
    assert "2 situations" in une.regle
    assert regles.transfert(REF, "C1", [situation(4), situation(4)], None).maitrisee_dans == 0


def test_a_bloc_is_the_mean_of_its_competences_that_have_a_level():
    niveaux = [NiveauCompetence("C1", 4), NiveauCompetence("C2", 1), NiveauCompetence("C3", None)]
    assert passerelle().agreger(REF, BLOC, niveaux, ECHELLE).niveau == 2.5
    assert passerelle().agreger(REF, BLOC, [NiveauCompetence("C1", None)], ECHELLE).niveau \
        is None


class RegleCAV:
    """A referential plugin: for CAV, mastery is the top level only, transfer needs the
    company, and a bloc is as good as its weakest compétence."""

    @hookimpl
    def seuil_maitrise(self, referentiel, echelle):
        return echelle[-1] if referentiel.code == "CAV" else None

    @hookimpl
    def detect_transfert(self, referentiel, competence, situations, seuil):
        if referentiel.code != "CAV":
            return None
        lieux = {s.lieu for s in situations if s.moyenne >= seuil}
        return Transfert("entreprise" in lieux and len(lieux) == 2, len(lieux),
                         "Maîtrisée au centre et en entreprise.")

    @hookimpl
    def aggregate_niveaux(self, referentiel, groupe, niveaux, echelle):
        if referentiel.code != "CAV":
            return None
        valeurs = [n.niveau for n in niveaux if n.niveau is not None]
        return Agregat(min(valeurs) if valeurs else None, "Le niveau le plus faible.")


def test_a_referential_plugin_replaces_the_three_rules_for_its_code_only():
    regles = passerelle(("cav", RegleCAV()))
    assert regles.seuil_maitrise(AUTRE, ECHELLE) == 4
    assert regles.seuil_maitrise(REF, ECHELLE) == 3
    centre = [situation(4, jour=1), situation(4, jour=2)]
    assert not regles.transfert(AUTRE, "C1", centre, 4).transfere
    assert regles.transfert(AUTRE, "C1", centre + [situation(4, lieu="entreprise")], 4) \
        .transfere
    assert regles.transfert(REF, "C1", centre, 3).transfere
    niveaux = [NiveauCompetence("C1", 4), NiveauCompetence("C2", 2)]
    assert regles.agreger(AUTRE, BLOC, niveaux, ECHELLE).niveau == 2
    assert regles.agreger(REF, BLOC, niveaux, ECHELLE).niveau == 3


def test_an_aggregate_off_the_scale_is_refused():
    from cpro_platform.regles import ErreurDeRegle

    class Pourcentage:
        @hookimpl
        def aggregate_niveaux(self, referentiel, groupe, niveaux, echelle):
            return Agregat(75.0, "en pourcentage")

    with pytest.raises(ErreurDeRegle, match=r"'pourcentage'.*outside the scale"):
        passerelle(("pourcentage", Pourcentage())).agreger(
            REF, BLOC, [NiveauCompetence("C1", 3)], ECHELLE)
