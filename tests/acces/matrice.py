"""The access matrix's vocabulary, for every feature that adds views.

A feature adds its rows in ``tests/<feature>/matrice_acces.py``: a module-level ``VUES`` list of
``Vue``; ``tests/acces/test_matrice.py`` collects them and runs every role against each.
``args(e, o)`` receives two ``tests.factories.Monde``: ``e`` gives the establishment, ``o`` the
objects (create the feature's objects from them inside ``args`` if the world lacks them).
"""
from collections.abc import Callable
from dataclasses import dataclass

from tests.factories import Monde

ANONYME = "anonyme"
ROLES = (ANONYME, *Monde.ROLES)
CONNECTES = frozenset(Monde.ROLES)
LECTEURS_CLASSE = frozenset({"enseignant", "ddfpt", "inspecteur"})
AUDITEURS = frozenset({"ddfpt", "administrateur"})
ADMIN = frozenset({"administrateur"})


def AUCUN(e, o) -> list:
    """A URL without arguments: it has no "another establishment" variant."""
    return []


@dataclass(frozen=True)
class Vue:
    """A view, the URL arguments it takes from (establishment world, object world), who may."""

    name: str
    args: Callable[[Monde, Monde], list]
    allowed: frozenset
    label: str = ""
    method: str = "get"
    ok: int = 200
    #: Does the URL carry an establishment *and* an object (so ids can be crossed)?
    croisable: bool = False
    #: REST endpoints answer anonymous callers 403 instead of redirecting to the login page.
    api: bool = False

    @property
    def id(self) -> str:
        return self.name + (f"[{self.label}]" if self.label else "")
