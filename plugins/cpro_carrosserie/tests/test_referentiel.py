"""The CPA referential: valid, official where the arrêté is known, provisoire everywhere else.

Django-free: only the host's referential loader (pydantic) and the plugin itself are imported.
"""
from decimal import Decimal
from importlib import metadata, resources

import pytest

import cpro_carrosserie
from cpro_platform.referentiel import ReferentielInvalide, load
from cpro_platform.referentiel.validation import elements

PATH = cpro_carrosserie.REFERENTIEL

#: Annexe III.1.1 of the arrêté du 30 décembre 2022, verbatim.
COMPETENCES_OFFICIELLES = {
    "C1.1": "Collecter les informations nécessaires à l'intervention",
    "C1.2": "Appliquer la méthodologie de réparation",
    "C1.3": "Remettre en conformité",
    "C1.4": "Contrôler la qualité de son intervention",
    "C2.1": "Réaliser la préparation des fonds et des surfaces",
    "C2.2": "Appliquer les différents types de peinture",
    "C2.3": "Contrôler la conformité d'une application",
    "C3.1": "Remplacer un élément de structure",
    "C3.2": "Mettre en conformité un vitrage",
    "C4.1": "Analyser une estimation des travaux",
    "C4.2": "Communiquer à l'interne et à l'externe",
    "C4.3": "Interpréter des valeurs à la suite d'un contrôle de la structure et des trains roulants",
}
GROUPE_1 = ("C1.1", "C1.2", "C1.3", "C1.4")
GROUPE_2 = ("C2.1", "C2.2", "C2.3")
GROUPE_3 = ("C3.1", "C3.2")
GROUPE_4 = ("C4.1", "C4.2", "C4.3")
#: Table III.1.3: unit → compétences it certifies.
UNITES = {"U31": GROUPE_1, "U32": GROUPE_2, "U33": GROUPE_3, "U2": GROUPE_4}
#: Table III.1.2: activity codes → compétences.
ACTIVITES = {
    "A1.1": GROUPE_1, "A1.2": GROUPE_1, "A1.3": GROUPE_1, "A1.4": GROUPE_1,
    "A2.1": GROUPE_2, "A2.2": GROUPE_2, "A2.3": GROUPE_2,
    "A3.1": GROUPE_3, "A3.2": GROUPE_3,
    "A4.1": GROUPE_4, "A4.2": GROUPE_4,
}
#: Épreuve Exy evaluates the compétences of unit Uxy.
EPREUVES = {"E2": "U2", "E31": "U31", "E32": "U32", "E33": "U33"}


@pytest.fixture(scope="module")
def ref():
    return load(PATH)


def statut(ref, element) -> str:
    return ref.sources[element.provenance].statut


#: (field path, element) of every element, as the validator locates them.
element_paths = elements


def is_official_kind(path: str) -> bool:
    """The elements this plugin takes from the arrêté: diploma, units, compétences."""
    return (path == "diplome" or path.startswith("unites[")
            or (path.startswith("blocs[") and path.endswith("]")
                and path.count(".") == 1 and ".competences[" in path))


def leaf_epreuves(ref):
    return [e for e in ref.all_epreuves() if not e.sous_epreuves]


# --- The file and the diploma -------------------------------------------------------------

def test_the_file_is_valid_and_identifies_the_diploma(ref):
    d = ref.diplome
    assert (ref.code, ref.version) == ("CPA", "2022")
    assert d.diplome == "Baccalauréat professionnel"
    assert d.intitule == "Carrossier peintre automobile"
    assert (d.niveau, d.rncp, d.code_diplome) == (4, "RNCP37913", "40025412")
    assert d.arrete.startswith("Arrêté du 30 décembre 2022")
    assert "« carrossier peintre automobile »" in d.arrete


def test_the_diploma_is_officiel_and_says_where_rncp_and_code_come_from(ref):
    source = ref.sources[ref.diplome.provenance]
    assert source.statut == "officiel"
    assert "30 décembre 2022" in source.reference
    assert "RNCP37913" in source.reference and "40025412" in source.reference
    assert "ONISEP" in source.reference


# --- Official content ---------------------------------------------------------------------

def test_the_twelve_competences_are_the_arretes_verbatim(ref):
    assert {c.code: c.intitule for c in ref.competences()} == COMPETENCES_OFFICIELLES
    assert [c.code for c in ref.competences()] == list(COMPETENCES_OFFICIELLES)


def test_the_competences_cite_annexe_III_1_1(ref):
    for competence in ref.competences():
        source = ref.sources[competence.provenance]
        assert source.statut == "officiel", competence.code
        assert "III.1.1" in source.reference
        assert "JORFARTI000047091243" in source.reference


def test_the_units_are_official_and_cite_table_III_1_3(ref):
    assert {u.code for u in ref.unites} == set(UNITES)
    for unite in ref.unites:
        source = ref.sources[unite.provenance]
        assert source.statut == "officiel", unite.code
        assert "III.1.3" in source.reference
        # The title only describes the unit by the compétences it certifies.
        assert UNITES[unite.code][0] in unite.intitule


def test_each_bloc_groups_the_competences_of_its_unit(ref):
    assert {b.unite: tuple(c.code for c in b.competences) for b in ref.blocs} == UNITES


def test_the_activity_codes_and_their_competences_follow_table_III_1_2(ref):
    activites = {a.code: a.competences for p in ref.poles for a in p.activites}
    assert activites == ACTIVITES
    assert [p.code for p in ref.poles] == ["P1", "P2", "P3", "P4"]
    for pole in ref.poles:
        assert {a.code.split(".")[0] for a in pole.activites} == {"A" + pole.code[1:]}


# --- Provisional content ------------------------------------------------------------------

def test_every_element_not_taken_from_the_arrete_is_provisoire(ref):
    official = [p for p, e in element_paths(ref) if statut(ref, e) == "officiel"]
    provisional = [p for p, e in element_paths(ref) if statut(ref, e) == "provisoire"]
    assert official == [p for p, _ in element_paths(ref) if is_official_kind(p)]
    assert len(official) == 1 + 4 + 12
    assert all(not is_official_kind(p) for p in provisional)
    assert len(official) + len(provisional) == len(list(element_paths(ref)))


def test_provisional_sources_say_who_wrote_them_and_what_to_check(ref):
    provisoires = {k: s for k, s in ref.sources.items() if s.statut == "provisoire"}
    assert len(provisoires) >= 4
    for key, source in provisoires.items():
        assert "mainteneurs du plugin" in source.note, key
        assert "à vérifier" in source.note, key
        assert "annexe" in source.note, key


def test_strict_loading_refuses_exactly_the_provisional_elements(ref):
    with pytest.raises(ReferentielInvalide) as excinfo:
        load(PATH, strict=True)
    refused = {p.loc for p in excinfo.value.problemes}
    expected = {f"{path}.provenance" for path, element in element_paths(ref)
                if statut(ref, element) == "provisoire"}
    assert refused == expected
    assert "blocs[0].competences[0].criteres[0].provenance" in refused
    assert "epreuves[0].provenance" in refused
    assert "ponderations[0].provenance" in refused
    assert "diplome.provenance" not in refused
    assert "blocs[0].competences[0].provenance" not in refused
    assert "unites[0].provenance" not in refused


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
    assert [s.code for s in ref.epreuves[1].sous_epreuves] == ["E31", "E32", "E33"]
    for code, unite in EPREUVES.items():
        epreuve = leaves[code]
        assert epreuve.unite == unite
        assert epreuve.competences == UNITES[unite]
        assert epreuve.coefficient > 0 and epreuve.mode and epreuve.formes
    assert leaves["E2"].mode == "ponctuel"
    assert {leaves[c].mode for c in ("E31", "E32", "E33")} == {"ccf"}
    evaluated = [c for e in leaves.values() for c in e.competences]
    assert sorted(evaluated) == sorted(COMPETENCES_OFFICIELLES)


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
    cpro_carrosserie.register_referentiels(register=registered.append)
    assert registered == [PATH]
    assert PATH.name == "referentiel.toml"
    assert resources.files("cpro_carrosserie").joinpath("referentiel.toml").is_file()


def test_the_entry_point_is_installed():
    entry_points = {ep.name: ep for ep in metadata.entry_points(group="cpro_platform")}
    ep = entry_points["cpro_carrosserie"]
    assert ep.value == "cpro_carrosserie"
    assert ep.dist.metadata["Name"] == "cpro-carrosserie"
    assert ep.load() is cpro_carrosserie
