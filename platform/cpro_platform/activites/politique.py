"""The fiches d'activité's actions of the access policy, registered into
``cpro_platform.acces``. Each rule tests membership in a scope of ``activites.perimetres``;
see there for who may what."""
from rules.predicates import is_authenticated

from cpro_platform.acces import politique
from cpro_platform.acces.politique import dans, encadre_des_apprenants, est_apprenant
from cpro_platform.etablissements.models import Apprenant, Classe

from . import perimetres as ap
from .models import FicheActivite, PhotoFiche

ACTIONS = {
    "activites.view_fiches": dans(Apprenant, ap.apprenants_lisibles, "lit_fiches"),
    "activites.add_fiche": dans(Apprenant, ap.apprenants_declarants, "declare_fiche"),
    "activites.view_fiche": dans(FicheActivite, ap.fiches_lisibles, "lit_fiche"),
    "activites.change_fiche": dans(FicheActivite, ap.fiches_modifiables, "modifie_fiche"),
    "activites.relire_fiche": dans(FicheActivite, ap.fiches_relisibles, "relit_fiche"),
    "activites.view_photo": dans(PhotoFiche, ap.photos_lisibles, "lit_photo"),
    "activites.view_fiches_classe": dans(Classe, ap.classes_lisibles, "lit_fiches_classe"),
    "activites.view_mes_fiches": is_authenticated & est_apprenant,
    "activites.view_a_relire": is_authenticated & encadre_des_apprenants,
}


def enregistrer() -> None:
    """Add the fiches' actions to the one policy (idempotent)."""
    politique.ajouter_actions(ACTIONS)
