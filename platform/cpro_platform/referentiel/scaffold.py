"""``new``: a ready-to-install referential plugin package, valid from the first minute."""
from __future__ import annotations

import re
from pathlib import Path
from string import Template

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


class ScaffoldError(Exception):
    pass


PYPROJECT = Template('''\
[build-system]
requires = ["setuptools>=69", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "$distribution"
version = "0.1.0"
description = "Référentiel CPRO : $code (à compléter)"
requires-python = ">=3.11"
dependencies = ["cpro-platform"]

[project.entry-points.cpro_platform]
$slug = "$slug"

[tool.setuptools]
packages = ["$slug"]

[tool.setuptools.package-data]
$slug = ["*.toml"]
''')

INIT = Template('''\
"""CPRO plugin providing the $code referential."""
from pathlib import Path

from cpro_platform import hookimpl

REFERENTIEL = Path(__file__).parent / "referentiel.toml"


@hookimpl
def register_referentiels(register):
    register(REFERENTIEL)
''')

TOML = Template('''\
# Referential data file, format 1: see docs/referentiel_format.md of cpro-platform.
# Every element names its source in `provenance`. Mark as "officiel" only what you copied from
# the official text, with its exact reference; everything else stays "provisoire".
format = 1

[diplome]
code = "$code"
version = "1"
intitule = "Intitulé du diplôme (à compléter)"
diplome = "Baccalauréat professionnel"
niveau = 4
# rncp = "RNCP00000"
# code_diplome = "00000000"
# arrete = "Arrêté du … portant création de la spécialité …"
provenance = "a_completer"

[sources.a_completer]
statut = "provisoire"
note = "Squelette créé par « cpro_platform.referentiel new » : à remplacer par le contenu du référentiel."

# [sources.arrete]
# statut = "officiel"
# reference = "Arrêté du …, annexe …"

[[unites]]
code = "U31"
intitule = "Unité professionnelle (à compléter)"
provenance = "a_completer"

[[blocs]]
code = "B1"
intitule = "Bloc de compétences (à compléter)"
unite = "U31"
provenance = "a_completer"

  [[blocs.competences]]
  code = "C1.1"
  intitule = "Compétence (à compléter)"
  provenance = "a_completer"

    [[blocs.competences.criteres]]
    code = "C1.1.1"
    intitule = "Critère d'évaluation (à compléter)"
    provenance = "a_completer"
    indicateurs = [{ intitule = "Indicateur de performance (à compléter)", provenance = "a_completer" }]

[[epreuves]]
code = "E31"
intitule = "Épreuve (à compléter)"
unite = "U31"
coefficient = 1
mode = "ccf"
formes = ["pratique"]
duree_minutes = 240
competences = ["C1.1"]
provenance = "a_completer"

[[ponderations]]
epreuve = "E31"
poids = { "C1.1" = 100 }
provenance = "a_completer"
''')

TEST = Template('''\
"""The $code referential loads, and its plugin registers it."""
import importlib.metadata

import $slug
from cpro_platform.referentiel import load


def test_referentiel_is_valid():
    referentiel = load($slug.REFERENTIEL)
    assert referentiel.code == "$code"


def test_plugin_registers_its_file():
    registered = []
    $slug.register_referentiels(register=registered.append)
    assert registered == [$slug.REFERENTIEL]


def test_entry_point_is_installed():
    names = {ep.name for ep in importlib.metadata.entry_points(group="cpro_platform")}
    assert "$slug" in names
''')

README = Template('''\
# $distribution

CPRO plugin providing the $code referential.

1. Fill `$slug/referentiel.toml` (format: `docs/referentiel_format.md` of cpro-platform).
2. `python -m cpro_platform.referentiel validate .` (add `--strict` to refuse provisional content).
3. `pip install -e .` then `python manage.py sync_referentiels` in the CPRO project.
4. `pytest tests/`.
''')


def create_plugin(slug: str, directory: Path) -> Path:
    """Write the package ``directory/slug`` and return its path."""
    if not SLUG.match(slug):
        raise ScaffoldError(f"invalid name {slug!r}: use lowercase letters, digits and "
                            "underscores, starting with a letter (e.g. cpro_maintenance)")
    root = directory / slug
    if root.exists():
        raise ScaffoldError(f"{root} already exists; choose another name or directory")
    base = slug.removeprefix("cpro_")
    values = {"slug": slug, "distribution": slug.replace("_", "-"),
              "code": re.sub(r"[^A-Z0-9]", "", base.upper())[:12] or "NOUVEAU"}
    files = {
        root / "pyproject.toml": PYPROJECT,
        root / slug / "__init__.py": INIT,
        root / slug / "referentiel.toml": TOML,
        root / "tests" / f"test_{slug}.py": TEST,
        root / "README.md": README,
    }
    for path, template in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.substitute(values), encoding="utf-8")
    return root
