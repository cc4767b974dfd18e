"""Read and validate one referential file; errors name the plugin, the file and the field."""
from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from . import validation
from .schema import Referentiel


@dataclass(frozen=True)
class Probleme:
    loc: str
    message: str

    def __str__(self) -> str:
        return f"{self.loc}: {self.message}" if self.loc else self.message


class ReferentielInvalide(Exception):
    """A referential file that cannot be used, with every problem found in it."""

    def __init__(self, path: Path | str, problemes: list[Probleme], plugin: str | None = None):
        self.path = Path(path)
        self.problemes = problemes
        self.plugin = plugin
        super().__init__(str(self))

    def __str__(self) -> str:
        origin = f"plugin {self.plugin}, " if self.plugin else ""
        lines = [f"Invalid referential ({origin}file {self.path}):"]
        lines += [f"  - {p}" for p in self.problemes]
        return "\n".join(lines)


def _loc(parts: tuple) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load(path: Path | str, *, strict: bool = False, plugin: str | None = None) -> Referentiel:
    """Parse, validate and cross-check a referential TOML file.

    :param strict: refuse provisional content (every element must be ``officiel``).
    :param plugin: the plugin that provides the file, named in errors.
    :raises ReferentielInvalide: with every problem found, each located by field path.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReferentielInvalide(path, [Probleme("", "file not found")], plugin) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ReferentielInvalide(path, [Probleme("", f"not valid TOML: {exc}")], plugin) from exc
    try:
        referentiel = Referentiel.model_validate(data)
    except ValidationError as exc:
        problemes = [Probleme(_loc(err["loc"]), err["msg"]) for err in exc.errors()]
        raise ReferentielInvalide(path, problemes, plugin) from None
    problemes = [Probleme(loc, msg) for loc, msg in validation.check(referentiel, strict=strict)]
    if problemes:
        raise ReferentielInvalide(path, problemes, plugin)
    return referentiel


def data_hash(referentiel: Referentiel, *extra) -> str:
    """A stable digest of the content (comments and layout of the file do not count)."""
    payload = [referentiel.model_dump(mode="json"), *extra]
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
