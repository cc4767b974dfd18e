"""The bilans' documents and projections in the access policy (``cpro_platform.acces``).

Each rule tests membership in a scope of ``perimetres_documents``; see there for who may what.
"""
from cpro_platform.acces import politique
from cpro_platform.etablissements.models import Apprenant, Classe
from cpro_platform.livret.politique import _dans

from . import perimetres_documents as dp
from .models import Attestation, Bilan, Campagne

_lit_apprenant = _dans(Apprenant, dp.apprenants_lisibles, "lit_documents_apprenant")
_lit_classe = _dans(Classe, dp.classes_lisibles, "lit_documents_classe")

ACTIONS = {
    "bilans.view_documents_apprenant": _lit_apprenant,
    "bilans.view_projection_apprenant": _lit_apprenant,
    "bilans.view_documents_classe": _lit_classe,
    "bilans.view_projection_classe": _lit_classe,
    "bilans.view_bilan_pdf": _dans(Bilan, dp.bilans_imprimables, "imprime_bilan"),
    "bilans.view_attestation": _dans(Attestation, dp.attestations_lisibles, "lit_attestation"),
    "bilans.add_attestation": _dans(Apprenant, dp.apprenants_attestables, "atteste_apprenant"),
    "bilans.add_lot_documents": _dans(Campagne, dp.campagnes_documentees, "produit_lot"),
}


def enregistrer() -> None:
    """Add these actions to the one policy (idempotent)."""
    politique.ajouter_actions(ACTIONS)
