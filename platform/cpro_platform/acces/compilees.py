"""Scopes compiled to SQL once per person and day, then reused by every request.

A scope (``perimetres``) is a pure function of the user (their id, whether the account is
active) and of the day: the roles it reads are in the SQL, not in Python. Building one through
the ORM costs 5–20 ms of CPU (a dozen sub-queries), more than running it; the access facts
and the object lookup of every page paid it again on each request. Here the SQL text and its
parameters are kept per (scope, user, active, day, database) and the query runs as is: a change
of roles changes the rows it returns, never its text, so the answer is always today's.

A scope that reads the database while it is being built (its SQL would then depend on data)
is detected and never compiled: it keeps going through the ORM each time.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from copy import copy

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from cpro_platform.etablissements.models import aujourdhui

from .roles import est_connecte

#: Entries kept per process (an entry is one SQL text and its parameters: a few kB).
TAILLE = 4096

_cache: OrderedDict[tuple, tuple[str, tuple] | None] = OrderedDict()
_verrou = threading.Lock()
#: Scopes seen reading the database while being built: never compiled.
_dynamiques: set = set()


class _Compteur:
    """Counts the queries run while a scope is built (``connection.execute_wrapper``)."""

    def __init__(self):
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)


def compiler(cle: tuple, construire: Callable[[], QuerySet]) -> tuple[str, tuple] | None:
    """``construire()``'s SQL and parameters, built once per ``cle`` (None: the queryset is
    empty whatever the data, or cannot be compiled — the caller then uses the ORM)."""
    cle = (*cle, aujourdhui(), connection.vendor)
    with _verrou:
        if cle in _cache:
            _cache.move_to_end(cle)
            return _cache[cle]
    compteur = _Compteur()
    with connection.execute_wrapper(compteur):
        queryset = construire()
        try:
            compilee = queryset.query.sql_with_params()
        except EmptyResultSet:
            compilee = None
    if compteur.n:
        _dynamiques.add(cle[0])
        return None
    compilee = None if compilee is None else (compilee[0], tuple(compilee[1]))
    with _verrou:
        _cache[cle] = compilee
        while len(_cache) > TAILLE:
            _cache.popitem(last=False)
    return compilee


def compilable(perimetre, user) -> bool:
    return est_connecte(user) and perimetre not in _dynamiques


def sql_des_pks(perimetre, user) -> tuple[str, tuple] | None:
    """The SQL of the ids in ``perimetre(user)`` (None when it is empty or dynamic)."""
    return compiler((perimetre, "pk", user.pk, user.is_active),
                    lambda: perimetre(user).values("pk"))


def _forme(perimetre, user) -> QuerySet:
    """The model and what the scope loads with it (select_related, only/defer, prefetch),
    without its filters: what an object fetched from it looks like."""
    modele = perimetre(user)
    forme = modele.model._default_manager.all()
    forme.query.select_related = copy(modele.query.select_related)
    forme.query.deferred_loading = copy(modele.query.deferred_loading)
    forme._prefetch_related_lookups = modele._prefetch_related_lookups
    return forme


_formes: dict = {}


def dans_le_perimetre(perimetre, user) -> QuerySet:
    """``perimetre(user)`` as a queryset that costs nothing to build: the model's rows whose
    id is in the compiled scope. Falls back to the ORM for scopes that cannot be compiled."""
    if not compilable(perimetre, user):
        return perimetre(user)
    compilee = sql_des_pks(perimetre, user)
    if compilee is None:
        if perimetre in _dynamiques:
            return perimetre(user)
        return perimetre(user).none()
    forme = _formes.get(perimetre)
    if forme is None:
        forme = _formes[perimetre] = _forme(perimetre, user)
    return forme.filter(pk__in=RawSQL(*compilee))


def contient(perimetre, user, pk) -> bool:
    """Is the object ``pk`` in ``perimetre(user)``? One small query."""
    if not compilable(perimetre, user):
        return perimetre(user).filter(pk=pk).exists()
    compilee = sql_des_pks(perimetre, user)
    if compilee is None:
        return perimetre in _dynamiques and perimetre(user).filter(pk=pk).exists()
    sql, params = compilee
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 WHERE %s IN ({sql})", (pk, *params))
        return cursor.fetchone() is not None


def vider() -> None:
    """Forget every compiled scope (tests that redefine a scope)."""
    with _verrou:
        _cache.clear()
    _formes.clear()
    _dynamiques.clear()
