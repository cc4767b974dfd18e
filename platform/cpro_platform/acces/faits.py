"""Access facts read once per request and reused by the navigation, the views and the rules.

A page asks the policy many times about the same person: the navigation whether they have
classes, learners, an administration…; the view whether the object it just fetched from a scope
is in that scope. Without a memo each question is a query. Within a request (the middleware
``FaitsDeLaRequete`` opens the memo, and closes it after the response), answers are kept:

* **page facts** ("has classes", "is a learner"…) — every registered fact in ONE query of
  ``EXISTS`` sub-queries over the scopes (``perimetres``), the same querysets the rules use;
* **memberships** — an object fetched from a scope (``vues.objet_ou_404``) or found in it by a
  rule is known to be in it for the rest of the request.

Outside a request (commands, tests calling ``may`` directly) nothing is kept: every question
reads the database, so an answer never outlives a change of roles.
"""
from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Exists, QuerySet

from . import compilees
from .roles import est_connecte

#: The request's memo, or None outside a request.
_memo: ContextVar[dict | None] = ContextVar("cpro_faits_acces", default=None)

#: name → scope(user): the fact is "this scope is not empty".
FAITS_DE_PAGE: dict[str, Callable[..., QuerySet]] = {}


def declarer_fait(nom: str, perimetre: Callable[..., QuerySet]) -> None:
    """Register a page fact (idempotent; features call it at import)."""
    FAITS_DE_PAGE.setdefault(nom, perimetre)


def faits_de_page(user) -> dict[str, bool]:
    """Every page fact of ``user``: one query, once per request."""
    if not est_connecte(user):
        return dict.fromkeys(FAITS_DE_PAGE, False)
    memo = _memo.get()
    cle = ("page", user.pk)
    if memo is not None and cle in memo:
        return memo[cle]
    faits = _lire_faits(user)
    if memo is not None:
        memo[cle] = faits
    return faits


def _requete_des_faits(user) -> QuerySet:
    return (get_user_model().objects.filter(pk=user.pk)
            .annotate(**{nom: Exists(perimetre(user)) for nom, perimetre in FAITS_DE_PAGE.items()})
            .values(*FAITS_DE_PAGE))


def _lire_faits(user) -> dict[str, bool]:
    """The facts' one query, its SQL compiled once per person and day (``compilees``)."""
    compilee = compilees.compiler(("faits", user.pk, user.is_active, tuple(FAITS_DE_PAGE)),
                                  lambda: _requete_des_faits(user))
    if compilee is None:
        ligne = _requete_des_faits(user).first()
        return {nom: bool(ligne and ligne[nom]) for nom in FAITS_DE_PAGE}
    with connection.cursor() as cursor:
        cursor.execute(*compilee)
        ligne = cursor.fetchone()
        noms = [colonne[0] for colonne in cursor.description]
    valeurs = dict(zip(noms, ligne)) if ligne else {}
    return {nom: bool(valeurs.get(nom)) for nom in FAITS_DE_PAGE}


def fait(user, nom: str) -> bool:
    return faits_de_page(user)[nom]


def _cle_membre(user, perimetre, obj) -> tuple:
    return ("membre", getattr(user, "pk", None), perimetre, type(obj), obj.pk)


def noter_membre(user, perimetre, obj) -> None:
    memo = _memo.get()
    if memo is not None:
        memo[_cle_membre(user, perimetre, obj)] = True


def est_membre(user, perimetre, obj) -> bool:
    """Is ``obj`` in ``perimetre(user)``? Asked once per request."""
    memo = _memo.get()
    if memo is not None and memo.get(_cle_membre(user, perimetre, obj)):
        return True
    dedans = compilees.contient(perimetre, user, obj.pk)
    if dedans:
        noter_membre(user, perimetre, obj)
    return dedans


class FaitsDeLaRequete:
    """Open the memo for one request and close it after (nothing leaks to the next one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        jeton = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(jeton)
