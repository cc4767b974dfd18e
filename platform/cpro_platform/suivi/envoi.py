"""The cells a keyboard grid sends, read the same way for the three grids.

``grille.js`` posts the changed cells as one ``application/json`` body (CSRF token in the
``X-CSRFToken`` header), whatever the grid's size::

    {"cases": [{"ligne": 12, "colonne": 34, "code": "3", "version": 2}, …]}

``ligne`` is the row's id (a learner, a bilan), ``colonne`` the column's (a critère, a
compétence), ``code`` what the cell shows ("" when empty) and ``version`` the version it was
read at (0 for a cell never written). Without JavaScript the form posts ``c-<ligne>-<colonne>``
and ``v-<ligne>-<colonne>`` fields instead: fine for small grids, while a post of more than
``DATA_UPLOAD_MAX_NUMBER_FIELDS`` fields gets a French page saying why (``securite.erreurs``).

A body that is not that — not JSON, wrong types, a cell twice — is refused with a 400, more
cells than the grid has with a 422, before anything is read or written. Whether each cell
belongs to the grid is each grid's service's check (422 too).
"""
import json
import re
from collections.abc import Callable, Mapping
from typing import NamedTuple

from django.utils.translation import gettext as _

CHAMP = re.compile(r"^c-(\d+)-(\d+)$")
JSON = "application/json"
MAUVAISE_DEMANDE, TROP_DE_CASES = 400, 422
CHAMPS = {"ligne": int, "colonne": int, "code": str, "version": int}

#: A cell: (row id, column id).
Cellule = tuple[int, int]


class CaseEnvoyee(NamedTuple):
    ligne: int
    colonne: int
    code: str
    version: int

    @property
    def cellule(self) -> Cellule:
        return (self.ligne, self.colonne)


class EnvoiInvalide(Exception):
    """The request itself is refused; ``messages`` in French, ``status`` to answer."""

    def __init__(self, message: str, status: int = MAUVAISE_DEMANDE):
        self.messages, self.status = [message], status
        super().__init__(message)


def est_json(request) -> bool:
    return request.content_type == JSON


def lire(request, taille: Callable[[], int]) -> list[CaseEnvoyee]:
    """The posted cells (JSON body or form fields); ``taille()``: how many the grid has."""
    cases = _du_json(request.body) if est_json(request) else lire_formulaire(request.POST)
    if len(cases) > (maximum := taille()):
        raise EnvoiInvalide(_("%(n)s cases envoyées, mais la grille n’en compte que "
                              "%(max)s : rien n’a été enregistré.") % {
            "n": len(cases), "max": maximum}, TROP_DE_CASES)
    vues = set()
    for case in cases:
        if case.cellule in vues:
            raise EnvoiInvalide(_("La case %(ligne)s-%(colonne)s est envoyée deux fois.")
                                % case._asdict())
        vues.add(case.cellule)
    return cases


def versions(cases: list[CaseEnvoyee]) -> dict[Cellule, int]:
    return {case.cellule: case.version for case in cases}


def _du_json(corps: bytes) -> list[CaseEnvoyee]:
    try:
        donnees = json.loads(corps)
    except (ValueError, UnicodeDecodeError):
        raise EnvoiInvalide(_("Le contenu envoyé n’est pas du JSON valide.")) from None
    if not isinstance(donnees, dict) or not isinstance(donnees.get("cases"), list):
        raise EnvoiInvalide(_("Le contenu envoyé doit être un objet avec une liste « cases »."))
    return [_case(i, case) for i, case in enumerate(donnees["cases"], 1)]


def _case(rang: int, case) -> CaseEnvoyee:
    if not isinstance(case, dict) or set(case) != set(CHAMPS):
        raise EnvoiInvalide(_("Case n° %(rang)s : un objet avec exactement « ligne », "
                              "« colonne », « code » et « version » est attendu.")
                            % {"rang": rang})
    for champ, genre in CHAMPS.items():
        valeur = case[champ]
        # bool is an int to Python, not to the grid; ids and versions are never negative.
        if (not isinstance(valeur, genre) or isinstance(valeur, bool)
                or (genre is int and valeur < 0)):
            attendu = _("un entier positif") if genre is int else _("un texte")
            raise EnvoiInvalide(_("Case n° %(rang)s : « %(champ)s » doit être %(attendu)s.")
                                % {"rang": rang, "champ": champ, "attendu": attendu})
    return CaseEnvoyee(case["ligne"], case["colonne"], case["code"], case["version"])


def lire_formulaire(post) -> list[CaseEnvoyee]:
    """The ``c-…`` codes and ``v-…`` versions of a plain form post (a missing or garbled
    version counts as 0)."""
    cases = []
    for nom, code in post.items():
        if match := CHAMP.match(nom):
            version = post.get(f"v-{match[1]}-{match[2]}", "0")
            cases.append(CaseEnvoyee(int(match[1]), int(match[2]), code,
                                     int(version) if version.isdecimal() else 0))
    return cases


def corps_json(codes: Mapping[Cellule, str], versions: Mapping[Cellule, int] | None = None
               ) -> bytes:
    """The body ``grille.js`` posts for ``codes`` ({(ligne, colonne): code}) read at
    ``versions`` (0 when missing): for tests and the HTTP bench."""
    versions = versions or {}
    return json.dumps({"cases": [
        {"ligne": ligne, "colonne": colonne, "code": code,
         "version": versions.get((ligne, colonne), 0)}
        for (ligne, colonne), code in codes.items()]}).encode()
