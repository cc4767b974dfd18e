"""The CAV referential: only the diploma's identity is official, everything else is provisoire.

Django-free: only the host's referential loader (pydantic) and the plugin itself are imported.
"""
from decimal import Decimal
from importlib import metadata, resources

import pytest

import cpro_construction_vehicules
from cpro_platform.referentiel import ReferentielInvalide, load
from cpro_platform.referentiel.validation import elements

PATH = cpro_construction_vehicules.REFERENTIEL

#: Unit → compétences it certifies (provisional structure: one bloc per unit).
UNITES = {
    "U2": ("C1.1", "C1.2", "C1.3"),
    "U31": ("C2.1", "C2.2", "C2.3"),
    "U32": ("C3.1", "C3.2", "C3.3"),
    "U33": ("C4.1", "C4.2", "C4.3"),
}
EPREUVES = {"E2": "U2", "E31": "U31", "E32": "U32", "E33": "U33"}


@pytest.fixture(scope="module")
def ref():
    return load(PATH)


def statut(ref, element) -> str:
    return ref.sources[element.provenance].statut


#: (field path, element) of every element, as the validator locates them.
element_paths = elements


def leaf_epreuves(ref):
    return [e for e in ref.all_epreuves() if not e.sous_epreuves]


# --- The file and the diploma (the only official element) ---------------------------------

def test_the_file_is_valid_and_identifies_the_diploma(ref):
    d = ref.diplome
    assert (ref.code, ref.version) == ("CAV", "2024")
    assert d.diplome == "Baccalauréat professionnel"
    assert d.intitule == "Construction et aménagement de véhicules"
    assert (d.niveau, d.rncp, d.code_diplome) == (4, "RNCP40012", "40025413")
    # The arrêté de création was not consulted: no invented reference.
    assert d.arrete is None


def test_the_diploma_is_officiel_and_honest_about_its_source_and_version(ref):
    source = ref.sources[ref.diplome.provenance]
    assert source.statut == "officiel"
    assert "RNCP40012" in source.reference and "40025413" in source.reference
    assert "ONISEP" in source.reference
    assert "« 2024 » est provisoire" in source.note


def test_nothing_but_the_diploma_is_officiel(ref):
    official = [p for p, e in element_paths(ref) if statut(ref, e) == "officiel"]
    assert official == ["diplome"]
    assert [k for k, s in ref.sources.items() if s.statut == "officiel"] == \
        [ref.diplome.provenance]


def test_provisional_sources_say_who_wrote_them_and_what_to_check(ref):
    provisoires = {k: s for k, s in ref.sources.items() if s.statut == "provisoire"}
    assert len(provisoires) >= 4
    for key, source in provisoires.items():
        assert "mainteneurs du plugin" in source.note, key
        assert "à vérifier" in source.note, key
        assert "arrêté de création" in source.note, key


def test_strict_loading_refuses_every_element_but_the_diploma(ref):
    with pytest.raises(ReferentielInvalide) as excinfo:
        load(PATH, strict=True)
    refused = {p.loc for p in excinfo.value.problemes}
    expected = {f"{path}.provenance" for path, _ in element_paths(ref) if path != "diplome"}
    assert refused == expected
    assert "diplome.provenance" not in refused
    for path in ("unites[0]", "poles[0].activites[0]", "blocs[0].competences[0]",
                 "blocs[0].competences[0].criteres[0].indicateurs[0]",
                 "epreuves[1].sous_epreuves[0]", "ponderations[0]"):
        assert f"{path}.provenance" in refused


# --- Structure: units, blocs, activities --------------------------------------------------

def test_four_blocs_one_per_unit(ref):
    assert [u.code for u in ref.unites] == ["U2", "U31", "U32", "U33"]
    assert {b.unite: tuple(c.code for c in b.competences) for b in ref.blocs} == UNITES
    assert len(list(ref.competences())) == 12


def test_activities_cover_every_competence_of_their_pole_family(ref):
    competences = {c.code for c in ref.competences()}
    covered = set()
    for pole in ref.poles:
        for activite in pole.activites:
            assert activite.code.startswith("A" + pole.code[1:] + "."), activite.code
            assert activite.competences and set(activite.competences) <= competences
            assert len(activite.taches) >= 2, activite.code
            covered |= set(activite.competences)
    assert covered == competences


# --- Usable end to end: critères, épreuves, pondérations ----------------------------------

def test_every_competence_has_three_to_five_criteres_with_indicateurs(ref):
    criteres = []
    for competence in ref.competences():
        assert 3 <= len(competence.criteres) <= 5, competence.code
        for n, critere in enumerate(competence.criteres, start=1):
            assert critere.code == f"{competence.code}.{n}"
            assert len(critere.indicateurs) <= 3, critere.code
            criteres.append(critere)
    with_indicators = [c for c in criteres if c.indicateurs]
    assert len(with_indicators) >= 0.9 * len(criteres)


def test_the_epreuves_evaluate_the_competences_of_their_unit(ref):
    leaves = {e.code: e for e in leaf_epreuves(ref)}
    assert set(leaves) == set(EPREUVES)
    assert [e.code for e in ref.epreuves] == ["E2", "E3"]
    assert [s.code for s in ref.epreuves[1].sous_epreuves] == ["E31", "E32", "E33"]
    for code, unite in EPREUVES.items():
        epreuve = leaves[code]
        assert epreuve.unite == unite
        assert epreuve.competences == UNITES[unite]
        assert epreuve.coefficient > 0 and epreuve.mode and epreuve.formes
        assert epreuve.duree_minutes
    evaluated = [c for e in leaves.values() for c in e.competences]
    assert sorted(evaluated) == sorted(c.code for c in ref.competences())


def test_each_leaf_epreuve_has_a_ponderation_summing_to_100(ref):
    ponderations = {p.epreuve: p for p in ref.ponderations}
    assert set(ponderations) == set(EPREUVES)
    for epreuve in leaf_epreuves(ref):
        poids = ponderations[epreuve.code].poids
        assert set(poids) == set(epreuve.competences), epreuve.code
        assert sum(poids.values()) == Decimal(100), epreuve.code
        assert all(weight > 0 for weight in poids.values()), epreuve.code


# --- Packaging ----------------------------------------------------------------------------

def test_the_hookimpl_registers_the_packaged_file():
    registered = []
    cpro_construction_vehicules.register_referentiels(register=registered.append)
    assert registered == [PATH]
    assert PATH.name == "referentiel.toml"
    assert resources.files("cpro_construction_vehicules").joinpath("referentiel.toml").is_file()


def test_the_entry_point_is_installed():
    entry_points = {ep.name: ep for ep in metadata.entry_points(group="cpro_platform")}
    ep = entry_points["cpro_construction_vehicules"]
    assert ep.value == "cpro_construction_vehicules"
    assert ep.dist.metadata["Name"] == "cpro-construction-vehicules"
    assert ep.load() is cpro_construction_vehicules
