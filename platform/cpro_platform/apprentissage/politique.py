"""The livret d'apprentissage's actions of the access policy, registered into
``cpro_platform.acces``. Each rule tests membership in a scope of ``apprentissage.perimetres``;
see there for who may what."""
from rules.predicates import is_authenticated

from cpro_platform.acces import politique
from cpro_platform.acces.politique import dans
from cpro_platform.etablissements.models import Etablissement

from . import perimetres as ap
from .models import BilanApprentissage, Contrat

gere_des_contrats = politique.fait_de_page("gere_des_contrats", ap.etablissements_des_contrats)
a_des_apprentis = politique.fait_de_page("a_des_apprentis", ap.mes_apprentis)
a_un_contrat = politique.fait_de_page("a_un_contrat", ap.contrats_de_l_apprenti)

ACTIONS = {
    "apprentissage.view_contrats": is_authenticated & gere_des_contrats,
    "apprentissage.add_contrat": dans(Etablissement, ap.etablissements_des_contrats,
                                      "ajoute_contrat"),
    "apprentissage.change_contrat": dans(Contrat, ap.contrats_geres, "gere_contrat"),
    "apprentissage.view_livret": dans(Contrat, ap.contrats_lisibles, "lit_livret_apprenti"),
    "apprentissage.change_calendrier": dans(Contrat, ap.contrats_suivis, "suit_contrat"),
    "apprentissage.add_bilan": dans(Contrat, ap.contrats_suivis, "ouvre_bilan_apprenti"),
    "apprentissage.add_entree": dans(Contrat, ap.contrats_du_maitre, "ecrit_entree"),
    "apprentissage.view_bilan": dans(BilanApprentissage, ap.bilans_lisibles,
                                     "lit_bilan_apprenti"),
    "apprentissage.sign_bilan": dans(BilanApprentissage, ap.bilans_signables,
                                     "signe_bilan_apprenti"),
    "apprentissage.view_mes_apprentis": is_authenticated & a_des_apprentis,
    "apprentissage.view_mon_livret": is_authenticated & a_un_contrat,
}


def enregistrer() -> None:
    """Add the apprenticeship's actions to the one policy (idempotent)."""
    politique.ajouter_actions(ACTIONS)
