"""The certification's actions of the access policy, registered into ``cpro_platform.acces``.

Each part (planning, grids, commission) keeps its actions in its own module; each rule tests
membership in a scope of ``certification.perimetres``.
"""
from cpro_platform.acces import politique
from cpro_platform.etablissements.models import Classe
from cpro_platform.livret.politique import _dans

from . import perimetres as cp
from . import politique_commission, politique_grilles, politique_planification
from .models import SessionExamen

ACTIONS = {
    "certification.view_sessions": _dans(Classe, cp.classes_lisibles, "lit_sessions"),
    "certification.view_session": _dans(SessionExamen, cp.sessions_lisibles, "lit_session"),
    "certification.change_session": _dans(SessionExamen, cp.sessions_organisees,
                                          "organise_session"),
}


def enregistrer() -> None:
    """Add the certification's actions to the one policy (idempotent)."""
    politique.ajouter_actions(ACTIONS)
    for partie in (politique_planification, politique_grilles, politique_commission):
        politique.ajouter_actions(partie.ACTIONS)
