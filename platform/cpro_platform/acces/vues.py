"""How views ask the policy: one decorator, used by every view of the application.

    @acces("etablissements.view_classe", perimetre=classes_visibles, objet="classe")
    def classe(request, classe): ...

* an anonymous visitor is sent to the login page;
* with ``perimetre``, the URL's ``pk`` (or ``kwarg``) is looked up in ``perimetre(user)``
  only, so an object outside the user's scope is a 404, whatever its id;
* then ``may(user, action, obj)`` must hold, or the answer is 403.
"""
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from rest_framework.permissions import BasePermission

from . import compilees, faits
from .politique import may
from .roles import est_connecte


def exige(user, action: str, obj=None) -> None:
    """Raise PermissionDenied (403) unless ``may(user, action, obj)``."""
    if not may(user, action, obj):
        raise PermissionDenied


def objet_ou_404(perimetre: QuerySet, **lookup):
    """Fetch an object from a policy scope: outside it, it does not exist (404)."""
    return get_object_or_404(perimetre, **lookup)


@dataclass(frozen=True)
class Acces:
    """What a view requires; kept on the view for the access-matrix meta-test."""

    action: str
    perimetre: Callable | None = None
    kwarg: str = "pk"
    objet: str = "objet"


#: The ``acces`` attribute of a view that anyone may open (it shows nobody's data).
PUBLIQUE = Acces("publique")


def publique(view):
    """Mark a view as open to everyone, on purpose (the access matrix's meta-test reads it)."""
    view.acces = PUBLIQUE
    return view


def acces(action: str, *, perimetre: Callable | None = None, kwarg: str = "pk",
          objet: str = "objet"):
    regle = Acces(action, perimetre, kwarg, objet)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            obj = None
            if perimetre is not None:
                obj = objet_ou_404(compilees.dans_le_perimetre(perimetre, request.user),
                                   pk=kwargs.pop(kwarg))
                faits.noter_membre(request.user, perimetre, obj)  # the rule needn't ask again
                kwargs[objet] = obj
            exige(request.user, action, obj)
            return view(request, *args, **kwargs)

        protected = login_required(wrapped)
        protected.acces = regle
        return protected

    return decorator


class PolitiqueAPI(BasePermission):
    """The same policy for the REST API: querysets come from a scope (``get_queryset``), and
    each object must pass ``may(user, view.action_politique, obj)``."""

    def has_permission(self, request, view) -> bool:
        return est_connecte(request.user)

    def has_object_permission(self, request, view, obj) -> bool:
        return may(request.user, view.action_politique, obj)
