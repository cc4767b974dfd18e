"""The livret's actions of the access policy, registered into ``cpro_platform.acces``.

Each rule tests membership in a scope of ``livret.perimetres``; see there for who may what.
"""
from rules.predicates import is_authenticated

from cpro_platform.acces import perimetres as p
from cpro_platform.acces import politique
from cpro_platform.acces.politique import dans as _dans
from cpro_platform.etablissements.models import Apprenant, Classe

from . import perimetres as lp


enseigne = politique.fait_de_page("enseigne", p.classes_enseignees)


ACTIONS = {
    "livret.view_livret": _dans(Apprenant, lp.apprenants_lisibles, "lit_livret"),
    "livret.add_positionnement": _dans(Apprenant, lp.apprenants_positionnables,
                                       "positionne_apprenant"),
    "livret.view_classe": _dans(Classe, lp.classes_lisibles, "lit_classe"),
    "livret.view_accueil_enseignant": is_authenticated & enseigne,
}


def enregistrer() -> None:
    """Add the livret's actions to the one policy (idempotent)."""
    politique.ajouter_actions(ACTIONS)
