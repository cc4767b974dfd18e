"""Search across the Formation and Ressources spaces (Wagtail search)."""
import re

from django.shortcuts import render
from wagtail.models import Page

from cpro_platform.acces.vues import publique

from training_site.models import WebinairePage

from .models import RessourcePage

MAX_RESULTATS = 50
#: Bounds on what reaches the search backend: enough for any real question.
MAX_MOTS, MAX_LONGUEUR_MOT = 12, 40
MOT = re.compile(r"\w+")


def mots_recherches(q: str) -> str:
    """The visitor's words only, lower-cased and bounded.

    The database backend hands the query to SQLite FTS5 or PostgreSQL, whose own syntax
    (quotes, ``*``, ``:``, ``NEAR(``, upper-case ``AND``/``OR``/``NOT``) would otherwise be
    interpreted and, when malformed, raise a database error.
    """
    mots = [m[:MAX_LONGUEUR_MOT] for m in MOT.findall(q.lower().replace("_", " "))]
    return " ".join(mots[:MAX_MOTS])


@publique
def recherche(request):
    q = request.GET.get("q", "").strip()[:500]
    resultats = []
    mots = mots_recherches(q)
    if mots:
        pages = Page.objects.live().public().type(RessourcePage, WebinairePage)
        resultats = list(pages.search(mots)[:MAX_RESULTATS])
    return render(request, "resources_site/recherche.html", {"q": q, "resultats": resultats})
