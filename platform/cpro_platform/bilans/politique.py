"""The bilans' actions of the access policy, registered into ``cpro_platform.acces``.

Each rule tests membership in a scope of ``bilans.perimetres``; see there for who may what.
"""
from cpro_platform.acces import politique
from cpro_platform.etablissements.models import Apprenant, Classe
from cpro_platform.livret.politique import _dans

from . import perimetres as bp
from .models import Bilan, Campagne


ACTIONS = {
    "bilans.view_campagnes": _dans(Classe, bp.classes_lisibles, "lit_campagnes"),
    "bilans.add_campagne": _dans(Classe, bp.classes_ecrites, "ouvre_campagne"),
    "bilans.view_campagne": _dans(Campagne, bp.campagnes_lisibles, "lit_campagne"),
    "bilans.change_campagne": _dans(Campagne, bp.campagnes_modifiables, "saisit_campagne"),
    "bilans.view_bilan": _dans(Bilan, bp.bilans_lisibles, "lit_bilan"),
    "bilans.change_bilan": _dans(Bilan, bp.bilans_modifiables, "ecrit_bilan"),
    "bilans.view_bilans_apprenant": _dans(Apprenant, bp.apprenants_lisibles, "lit_bilans"),
    "bilans.change_notes": _dans(Apprenant, bp.apprenants_notables, "note_apprenant"),
}


def enregistrer() -> None:
    """Add the bilans' actions to the one policy (idempotent)."""
    politique.ajouter_actions(ACTIONS)
