"""Authoring kit: ``python -m cpro_platform.referentiel validate|new|schema``. Needs no database."""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from .loader import ReferentielInvalide, load
from .scaffold import ScaffoldError, create_plugin
from .schema import Referentiel, json_schema
from .validation import elements


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        found = sorted(p for p in path.rglob("*.toml")
                       if p.name != "pyproject.toml" and ".venv" not in p.parts)
        return found or [path / "referentiel.toml"]
    return [path]


def summary(referentiel: Referentiel) -> str:
    competences = list(referentiel.competences())
    criteres = sum(len(c.criteres) for c in competences)
    statuts = Counter(referentiel.sources[e.provenance].statut for e in _all(referentiel))
    return (f"{referentiel.code} {referentiel.version} — {referentiel.diplome.intitule}: "
            f"{len(referentiel.blocs)} blocs, {len(competences)} compétences, {criteres} critères, "
            f"{len(list(referentiel.all_epreuves()))} épreuves; "
            f"{statuts['officiel']} official and {statuts['provisoire']} provisional elements")


def _all(referentiel: Referentiel):
    return (element for _, element in elements(referentiel))


def cmd_validate(args) -> int:
    status = 0
    for path in _files(Path(args.path)):
        try:
            referentiel = load(path, strict=args.strict)
        except ReferentielInvalide as exc:
            print(exc, file=sys.stderr)
            status = 1
            continue
        print(f"OK {path}: {summary(referentiel)}")
    return status


def cmd_new(args) -> int:
    try:
        package = create_plugin(args.slug, Path(args.dir))
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Created {package}\nNext: fill {package / args.slug / 'referentiel.toml'}, then\n"
          f"  python -m cpro_platform.referentiel validate {package}\n"
          f"  pip install -e {package}\n  python manage.py sync_referentiels")
    return 0


def cmd_schema(args) -> int:
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m cpro_platform.referentiel",
                                description="Validate and scaffold CPRO referential plugins.")
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="validate a referential TOML file or a plugin directory")
    v.add_argument("path")
    v.add_argument("--strict", action="store_true", help="refuse provisional content")
    v.set_defaults(func=cmd_validate)
    n = sub.add_parser("new", help="create a ready-to-install referential plugin package")
    n.add_argument("slug", help="package name, e.g. cpro_maintenance_vehicules")
    n.add_argument("--dir", default=".", help="where to create the package (default: here)")
    n.set_defaults(func=cmd_new)
    s = sub.add_parser("schema", help="print the JSON Schema of the format")
    s.set_defaults(func=cmd_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
