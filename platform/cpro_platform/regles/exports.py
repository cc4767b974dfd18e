"""Export formats: what a plugin registers with ``register_exports``, and what it produces.

Django-free like the rest of the gateway. A format is a frozen :class:`FormatExport`: its code,
its French label, its scope (one learner or a whole class), its file type, whether it runs in
the background worker, what is verified about it, and the callable that makes the file(s)
from a :class:`DemandeExport`. The host lists, checks access, runs (in the request or in the
worker), zips and serves; the format only produces. See ``docs/exports.md``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cpro_platform.plugins import PluginInfo

#: A format is about one learner (its page and ``--apprenant``) …
APPRENANT = "apprenant"
#: … or about a whole class (its page and ``--classe`` alone).
CLASSE = "classe"
PORTEES = (APPRENANT, CLASSE)
#: The extension of formats whose files the host puts in one ZIP archive.
ZIP = "zip"

_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class RienAExporter(Exception):
    """Nothing to export (no validated bilan, say): the message is French and shown as is.

    A producer raises it; the host writes no file and says the message."""


@dataclass(frozen=True)
class Fichier:
    """One file a format produced: its name (no folder) and its bytes."""

    nom: str
    contenu: bytes


@dataclass(frozen=True)
class Production:
    """What a producer returns: its files, and who was left out and why (shown to the user).

    A format whose ``extension`` is ``"zip"`` returns any number of files, put in one archive
    by the host; any other format returns exactly one file."""

    fichiers: tuple[Fichier, ...]
    manquants: tuple[str, ...] = ()


def _sans_progression(faits: int, total: int) -> None:
    """Requests made in the request itself have no progress bar."""


@dataclass(frozen=True)
class DemandeExport:
    """What a producer is asked for. ``classe`` and ``apprenant`` are host model instances
    (``etablissements.Classe`` / ``Apprenant``), already checked against the access policy."""

    classe: Any                     # the class (for a learner: the class the request came by)
    apprenant: Any = None           # the learner of an ``apprenant`` format, else None
    utilisateur: Any = None         # who asked (None: the command without --utilisateur)
    #: Format-specific choices, e.g. ``{"campagne": 12}`` (read-only).
    parametres: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    #: ``progression(faits, total)``: call it as the work goes (the worker's progress bar).
    progression: Callable[[int, int], None] = _sans_progression


@dataclass(frozen=True)
class FormatExport:
    """An export format, as registered by ``register_exports``."""

    code: str                       # slug, unique across plugins: "lsl-pro-csv"
    libelle: str                    # French, shown in the UI and in ``exporter --list``
    portee: str                     # APPRENANT or CLASSE
    type_media: str                 # "application/pdf", "text/csv", "application/zip" …
    extension: str                  # "pdf", "csv", "zip" (ZIP: the host archives the files)
    produire: Callable[[DemandeExport], Production]
    arriere_plan: bool = False      # runs in the worker, with a progress bar
    statut: str = ""                # provenance / verification, French, shown beside it
    provisoire: bool = False        # its structure is not verified: the badge warns
    description: str = ""           # one sentence, French

    def probleme(self) -> str | None:
        """What makes this value unusable, in English for the plugin's author; None if fine."""
        if not isinstance(self.code, str) or not _CODE.match(self.code):
            return f"code {self.code!r} is not a slug (lowercase letters, digits, hyphens)"
        if self.portee not in PORTEES:
            return f"portee {self.portee!r} is not one of {PORTEES}"
        if not str(self.libelle).strip():
            return "libelle is empty"
        if not self.extension or not re.match(r"^[a-z0-9]+$", self.extension):
            return f"extension {self.extension!r} is not a plain lowercase extension"
        if "/" not in (self.type_media or ""):
            return f"type_media {self.type_media!r} is not a media type"
        if not callable(self.produire):
            return "produire is not callable"
        return None

    @property
    def archive(self) -> bool:
        """The host puts the produced files in one ZIP archive."""
        return self.extension == ZIP


@dataclass(frozen=True)
class FormatEnregistre:
    """A registered format and the plugin that registered it."""

    format: FormatExport
    plugin: PluginInfo

    @property
    def code(self) -> str:
        return self.format.code
