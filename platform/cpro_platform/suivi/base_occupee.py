"""A busy database while saving a grid: answer 503 with a French message, not a 500.

SQLite lets one writer at a time; past the connection's timeout another writer gets
``OperationalError: database is locked``. The grid's save views answer 503 so that the page
keeps what the teacher typed and says to retry: for htmx with ``HX-Reswap: none`` (the grid's
autosave keeps its cells and offers to retry), otherwise with a short page. A project-wide
middleware may answer the same for other views; this keeps the grid right without it.
"""
from functools import wraps

from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

MESSAGE = _("La base de données est occupée, réessayez dans un instant.")
OCCUPEE = 503


def est_verrouillee(erreur: Exception) -> bool:
    """Is this SQLite's "database is locked" (or "database table is locked")?"""
    return isinstance(erreur, OperationalError) and "is locked" in str(erreur)


def reponse_base_occupee(request) -> HttpResponse:
    if request.htmx:
        reponse = HttpResponse(MESSAGE, content_type="text/plain; charset=utf-8",
                               status=OCCUPEE)
        reponse["HX-Reswap"] = "none"
    else:
        reponse = render(request, "suivi/base_occupee.html", {"message": MESSAGE},
                         status=OCCUPEE)
    reponse["Retry-After"] = "5"
    return reponse


def repond_503_si_base_occupee(vue):
    """Decorate a saving view: a locked database becomes the 503 above; other errors pass."""
    @wraps(vue)
    def enveloppe(request, *args, **kwargs):
        try:
            return vue(request, *args, **kwargs)
        except OperationalError as erreur:
            if not est_verrouillee(erreur):
                raise
            return reponse_base_occupee(request)

    return enveloppe
