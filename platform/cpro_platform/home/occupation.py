"""A write that cannot get the database's lock answers 503 "try again", never a 500.

SQLite has one writer at a time: a request whose transaction waits longer than the busy
timeout fails with "database is locked"; PostgreSQL fails with ``lock_not_available`` when a
``lock_timeout`` is set. Either is a passing state, not a bug: the person is told to try again
(htmx requests get the text and ``HX-Reswap: none`` so the page, and what was typed in it, is
left as it is), and ``Retry-After`` tells clients when.
"""
import logging

from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

#: PostgreSQL's SQLSTATE for a lock not obtained within ``lock_timeout`` (or NOWAIT).
LOCK_NOT_AVAILABLE = "55P03"
MESSAGES_SQLITE = ("database is locked", "database table is locked")
RETRY_AFTER = "5"
OCCUPEE = 503
MESSAGE = _("La base de données est occupée, réessayez dans un instant.")


def base_occupee(erreur: BaseException) -> bool:
    """Is ``erreur`` a lock the database could not grant in time?"""
    if not isinstance(erreur, OperationalError):
        return False
    cause = erreur.__cause__
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    return code == LOCK_NOT_AVAILABLE or any(m in str(erreur) for m in MESSAGES_SQLITE)


def reponse_occupee(request) -> HttpResponse:
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(MESSAGE, status=OCCUPEE, content_type="text/plain; charset=utf-8")
        response["HX-Reswap"] = "none"
    else:
        response = render(request, "home/occupee.html", {"message": MESSAGE}, status=OCCUPEE)
    response["Retry-After"] = RETRY_AFTER
    return response


class OccupationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not base_occupee(exception):
            return None
        logger.warning("Database busy on %s %s: %s", request.method, request.path, exception)
        return reponse_occupee(request)
