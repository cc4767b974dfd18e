from django.shortcuts import get_object_or_404, render

from .models import Referentiel


def referentiel_list(request):
    referentiels = Referentiel.objects.filter(actif=True)
    return render(request, "referentials/list.html", {"referentiels": referentiels})


def referentiel_detail(request, code: str, version: str):
    referentiel = get_object_or_404(Referentiel, code=code, version=version)
    return render(request, "referentials/detail.html", {"referentiel": referentiel})
