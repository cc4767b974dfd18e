"""The livret's actions of the access policy, registered into ``cpro_platform.acces``.

Each rule tests membership in a scope of ``livret.perimetres``; see there for who may what.
"""
import rules
from rules.predicates import is_authenticated

from cpro_platform.acces import perimetres as p
from cpro_platform.acces import politique
from cpro_platform.etablissements.models import Apprenant, Classe

from . import perimetres as lp


def _dans(model, perimetre, name: str) -> rules.Predicate:
    def test(user, obj) -> bool:
        return (isinstance(obj, model) and obj.pk is not None
                and perimetre(user).filter(pk=obj.pk).exists())
    return rules.Predicate(test, name=name)


@rules.predicate
def enseigne(user) -> bool:
    return p.classes_enseignees(user).exists()


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
