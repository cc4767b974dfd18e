"""The exports' actions of the access policy, registered into ``cpro_platform.acces``.

Each rule tests membership in a scope of ``exports.perimetres``; see there for who may what.
"""
from cpro_platform.acces import politique
from cpro_platform.etablissements.models import Apprenant, Classe
from cpro_platform.livret.politique import _dans

from . import perimetres as ep
from .models import LotExport

ACTIONS = {
    "exports.view_exports_classe": _dans(Classe, ep.classes_lisibles, "lit_exports_classe"),
    "exports.export_classe": _dans(Classe, ep.classes_exportables, "exporte_classe"),
    "exports.export_apprenant": _dans(Apprenant, ep.apprenants_exportables,
                                      "exporte_apprenant"),
    "exports.view_lot": _dans(LotExport, ep.lots_lisibles, "lit_lot_export"),
}


def enregistrer() -> None:
    """Add the exports' actions to the one policy (idempotent)."""
    politique.ajouter_actions(ACTIONS)
