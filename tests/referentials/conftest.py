"""Referentials synced into the database from in-process plugins, for any test that needs one.

``synced_mini`` is the host's fixture referential (tests/fixtures/mini.toml); ``sync_files``
syncs any TOML files; ``referentiel_genere`` writes a referential of a chosen size.
"""
from pathlib import Path

import pytest

from cpro_platform import hookimpl
from cpro_platform.plugins import PluginInfo, get_plugin_manager
from cpro_platform.referentials.models import Referentiel
from cpro_platform.referentials.sync import sync_referentiels

MINI = Path(__file__).parent.parent / "fixtures" / "mini.toml"


class FichiersReferentiels:
    """A plugin that provides the given referential files, as an installed plugin would."""

    def __init__(self, *paths: Path):
        self.paths = paths

    @hookimpl
    def register_referentiels(self, register):
        for path in self.paths:
            register(path)


def manager_fournissant(*paths: Path, name: str = "fixture"):
    """A plugin manager with the core plugins and one plugin providing ``paths``."""
    pm = get_plugin_manager(entry_points=[])
    pm.infos[name] = PluginInfo(name, "fixture-dist", "1.0")
    pm.register(FichiersReferentiels(*paths), name=name)
    return pm


@pytest.fixture
def sync_files(db):
    """Sync exactly these files (any referential not among them becomes inactive)."""
    def sync(*paths: Path):
        return sync_referentiels(manager_fournissant(*paths))
    return sync


@pytest.fixture
def synced_mini(sync_files) -> Referentiel:
    sync_files(MINI)
    return Referentiel.objects.get(code="MINI", version="2024")


def toml_genere(code: str, *, blocs: int, competences: int, criteres: int) -> str:
    """A valid referential with every kind of content, sized by its arguments.

    Bloc ``i`` has unit ``U{i}``, a pôle with one activité per compétence, and an épreuve:
    bloc 1 a leaf épreuve E1, the other blocs sous-épreuves of E2. Every épreuve is weighted.
    """
    lignes = [
        "format = 1",
        "[diplome]", f'code = "{code}"', 'version = "1"', f'intitule = "Référentiel {code}"',
        'diplome = "Baccalauréat professionnel"', "niveau = 4", 'provenance = "officiel"',
        "[sources.officiel]", 'statut = "officiel"', 'reference = "Arrêté de test"',
        "[sources.equipe]", 'statut = "provisoire"', 'note = "Rédigé pour les tests."',
    ]
    comps = {i: [f"C{i}.{j}" for j in range(1, competences + 1)] for i in range(1, blocs + 1)}
    for i in range(1, blocs + 1):
        lignes += ["[[unites]]", f'code = "U{i}"', f'intitule = "Unité {i}"',
                   'provenance = "officiel"']
    for i, codes in comps.items():
        lignes += ["[[poles]]", f'code = "P{i}"', f'intitule = "Pôle {i}"',
                   'provenance = "equipe"']
        for n, c in enumerate(codes, 1):
            lignes += ["[[poles.activites]]", f'code = "A{i}.{n}"', f'intitule = "Activité {n}"',
                       f'competences = ["{c}"]', 'taches = ["Tâche"]', 'provenance = "equipe"']
    for i, codes in comps.items():
        lignes += ["[[blocs]]", f'code = "B{i}"', f'intitule = "Bloc {i}"', f'unite = "U{i}"',
                   'provenance = "officiel"']
        for c in codes:
            lignes += ["[[blocs.competences]]", f'code = "{c}"', f'intitule = "Compétence {c}"',
                       'provenance = "officiel"']
            for k in range(1, criteres + 1):
                lignes += ["[[blocs.competences.criteres]]", f'code = "{c}.{k}"',
                           f'intitule = "Critère {c}.{k}"', 'provenance = "equipe"',
                           'indicateurs = [{ intitule = "Indicateur", provenance = "equipe" }]']

    def epreuve(table: str, code: str, i: int) -> list[str]:
        liste = ", ".join(f'"{c}"' for c in comps[i])
        return [f"[[{table}]]", f'code = "{code}"', f'intitule = "Épreuve {code}"',
                f'unite = "U{i}"', "coefficient = 2", 'mode = "ccf"', 'formes = ["pratique"]',
                "duree_minutes = 90", f"competences = [{liste}]", 'provenance = "equipe"']

    lignes += epreuve("epreuves", "E1", 1)
    if blocs > 1:
        lignes += ["[[epreuves]]", 'code = "E2"', 'intitule = "Épreuve E2"',
                   'provenance = "equipe"']
        for i in range(2, blocs + 1):
            lignes += epreuve("epreuves.sous_epreuves", f"E2{i}", i)
    for i, codes in comps.items():
        base = 100 // len(codes)
        poids = {c: base for c in codes}
        poids[codes[-1]] += 100 - base * len(codes)
        table = ", ".join(f'"{c}" = {p}' for c, p in poids.items())
        lignes += ["[[ponderations]]", f'epreuve = "{"E1" if i == 1 else f"E2{i}"}"',
                   f"poids = {{ {table} }}", 'provenance = "equipe"']
    return "\n".join(lignes) + "\n"


@pytest.fixture
def referentiel_genere(tmp_path):
    """Write a generated referential and return its path."""
    def ecrire(code: str, **taille) -> Path:
        path = tmp_path / f"{code}.toml"
        path.write_text(toml_genere(code, **taille), encoding="utf-8")
        return path
    return ecrire
