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

from . import faits
from . import perimetres as p
from .roles import encadrements_actifs

User = get_user_model()


def dans(model, perimetre, name: str) -> rules.Predicate:
    """A predicate true when the object is a ``model`` in ``perimetre(user)`` (asked once per
    request: ``faits.est_membre``)."""
    def test(user, obj) -> bool:
        return (isinstance(obj, model) and obj.pk is not None
                and faits.est_membre(user, perimetre, obj))
    return rules.Predicate(test, name=name)


def fait_de_page(nom: str, perimetre) -> rules.Predicate:
    """A page predicate: ``perimetre(user)`` is not empty (one query for all of them per
    request: ``faits.faits_de_page``)."""
    faits.declarer_fait(nom, perimetre)
    return rules.Predicate(lambda user: faits.fait(user, nom), name=nom)


voit_classe = dans(Classe, p.classes_visibles, "voit_classe")
voit_apprenant = dans(Apprenant, p.apprenants_visibles, "voit_apprenant")
evalue_apprenant = dans(Apprenant, p.apprenants_evaluables, "evalue_apprenant")
administre_etablissement = dans(Etablissement, p.etablissements_administres,
                                "administre_etablissement")
gere_apprenant = dans(Apprenant, p.apprenants_geres, "gere_apprenant")
audite = (dans(Apprenant, p.apprenants_audites, "audite_apprenant")
          | dans(User, p.personnes_auditees, "audite_personne"))

#: "Mes classes": teachers, DDFPT and inspectors.
a_des_classes = fait_de_page("a_des_classes", p.classes_visibles)
est_apprenant = fait_de_page("est_apprenant", lambda user: Apprenant.objects.filter(user=user))
#: "Mes apprenants": tutors and masters with a running period.
encadre_des_apprenants = fait_de_page("encadre_des_apprenants", encadrements_actifs)
administre = fait_de_page("administre", p.etablissements_administres)


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
