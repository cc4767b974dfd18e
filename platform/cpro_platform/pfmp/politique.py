"""The PFMP's actions of the access policy, registered into ``cpro_platform.acces``.

Each rule tests membership in a scope of ``pfmp.perimetres``; see there for who may what.
"""
from cpro_platform.acces import politique
from cpro_platform.acces.politique import dans
from cpro_platform.etablissements.models import Apprenant, Classe

from . import perimetres as pp
from .models import PeriodePFMP, StagePFMP

ACTIONS = {
    "pfmp.view_classe": dans(Classe, pp.classes_lisibles, "lit_pfmp_classe"),
    "pfmp.add_periode": dans(Classe, pp.classes_ecrites, "planifie_pfmp"),
    "pfmp.change_periode": dans(PeriodePFMP, pp.periodes_modifiables, "modifie_periode_pfmp"),
    "pfmp.view_apprenant": dans(Apprenant, pp.apprenants_lisibles, "lit_pfmp_apprenant"),
    "pfmp.view_stage": dans(StagePFMP, pp.stages_lisibles, "lit_stage"),
    "pfmp.change_stage": dans(StagePFMP, pp.stages_modifiables, "modifie_stage"),
    "pfmp.add_visite": dans(StagePFMP, pp.stages_visitables, "visite_stage"),
    "pfmp.change_attestation": dans(StagePFMP, pp.stages_attestables, "atteste_stage"),
}


def enregistrer() -> None:
    """Add the PFMP's actions to the one policy (idempotent)."""
    politique.ajouter_actions(ACTIONS)
