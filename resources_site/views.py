"""Search across the Formation and Ressources spaces (Wagtail search)."""
from django.shortcuts import render
from wagtail.models import Page

from cpro_platform.acces.vues import publique

from training_site.models import WebinairePage

from .models import RessourcePage

MAX_RESULTATS = 50


@publique
def recherche(request):
    q = request.GET.get("q", "").strip()
    resultats = []
    if q:
        pages = Page.objects.live().public().type(RessourcePage, WebinairePage)
        resultats = list(pages.search(q)[:MAX_RESULTATS])
    return render(request, "resources_site/recherche.html", {"q": q, "resultats": resultats})
