"""The 400 page: a form with too many fields says so in French instead of a bare 400.

Django refuses a post of more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` fields
(``TooManyFieldsSent``) before any view runs, in the CSRF check. The only form that big is a
keyboard grid posted whole without JavaScript (two fields a cell); with JavaScript it sends a
JSON body of its changed cells, whatever its size (``suivi.envoi``).
"""
from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.shortcuts import render
from django.views import defaults


def demande_incorrecte(request, exception):
    if not isinstance(exception, TooManyFieldsSent):
        # Django's own page, without the request's context: DisallowedHost would fail again.
        return defaults.bad_request(request, exception)
    return render(request, "400.html", {
        "trop_de_champs": True, "limite": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}, status=400)
