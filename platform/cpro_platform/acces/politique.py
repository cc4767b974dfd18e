"""The authorization policy: named actions, each a small rule over the scopes of ``perimetres``.

Ask it with ``may(user, action, obj)``; views use ``cpro_platform.acces.vues.acces`` and
templates ``{% may "action" obj as allowed %}`` (``{% load acces %}``). Rules are kept in their
own ``rules.RuleSet`` rather than as Django permissions, so that no superuser or model-permission
shortcut can bypass them: the platform superuser edits the CMS but reads no learner's data.
"""
import rules
from django.contrib.auth import get_user_model
from rules.predicates import is_authenticated

from cpro_platform.etablissements.models import Apprenant, Classe, Etablissement

from . import perimetres as p
from .roles import apprenant_de, encadrements_actifs

User = get_user_model()


def _dans(perimetre, name: str) -> rules.Predicate:
    """A predicate true when the object belongs to ``perimetre(user)``."""
    def test(user, obj) -> bool:
        return obj is not None and obj.pk is not None and perimetre(user).filter(
            pk=obj.pk).exists()
    return rules.Predicate(test, name=name)


def _de_type(model, predicate: rules.Predicate) -> rules.Predicate:
    """Guard a predicate so that it answers False for objects of another model."""
    return rules.Predicate(lambda user, obj: isinstance(obj, model),
                           name=f"est_{model._meta.model_name}") & predicate


voit_classe = _de_type(Classe, _dans(p.classes_visibles, "voit_classe"))
voit_apprenant = _de_type(Apprenant, _dans(p.apprenants_visibles, "voit_apprenant"))
evalue_apprenant = _de_type(Apprenant, _dans(p.apprenants_evaluables, "evalue_apprenant"))
administre_etablissement = _de_type(
    Etablissement, _dans(p.etablissements_administres, "administre_etablissement"))
gere_apprenant = _de_type(Apprenant, _dans(p.apprenants_geres, "gere_apprenant"))
audite = (_de_type(Apprenant, _dans(p.apprenants_audites, "audite_apprenant"))
          | _de_type(User, _dans(p.personnes_auditees, "audite_personne")))


@rules.predicate
def a_des_classes(user) -> bool:
    """Teachers, DDFPT and inspectors: "Mes classes"."""
    return p.classes_visibles(user).exists()


@rules.predicate
def est_apprenant(user) -> bool:
    return apprenant_de(user) is not None


@rules.predicate
def encadre_des_apprenants(user) -> bool:
    """Tutors and masters with a running period: "Mes apprenants"."""
    return encadrements_actifs(user).exists()


@rules.predicate
def administre(user) -> bool:
    return p.etablissements_administres(user).exists()


POLITIQUE = rules.RuleSet()

#: action → rule. Object actions take the object; page actions take none.
ACTIONS = {
    # pedagogical reading and writing
    "etablissements.view_classe": voit_classe,
    "etablissements.view_apprenant": voit_apprenant,
    "suivi.evaluate_apprenant": evalue_apprenant,
    # administration of an establishment (people, classes, companies, tutors, grants)
    "etablissements.manage_etablissement": administre_etablissement,
    "etablissements.change_apprenant": gere_apprenant,
    # audit log (object: an Apprenant or a user account)
    "etablissements.view_historique": audite,
    # pages (no object)
    "etablissements.view_mes_classes": is_authenticated & a_des_classes,
    "etablissements.view_mon_profil": is_authenticated & est_apprenant,
    "etablissements.view_mes_apprenants": is_authenticated & encadre_des_apprenants,
    "etablissements.view_gestion": is_authenticated & administre,
    "comptes.view_mon_compte": is_authenticated,
}
for _action, _rule in ACTIONS.items():
    POLITIQUE.add_rule(_action, _rule)


def ajouter_actions(actions: dict) -> None:
    """A feature's actions added to the one policy (idempotent; called from ``ready()``)."""
    for action, rule in actions.items():
        ACTIONS.setdefault(action, rule)
        if not POLITIQUE.rule_exists(action):
            POLITIQUE.add_rule(action, rule)


class ActionInconnue(LookupError):
    pass


def may(user, action: str, obj=None) -> bool:
    """May ``user`` do ``action`` (a key of ``ACTIONS``) on ``obj``?"""
    if not POLITIQUE.rule_exists(action):
        raise ActionInconnue(f"Unknown action {action!r}; known: {', '.join(sorted(ACTIONS))}")
    return POLITIQUE.test_rule(action, user, obj)
