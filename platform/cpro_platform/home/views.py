from django.shortcuts import render


def home(request):
    from cpro_platform.referentials.models import Referentiel

    referentiels = Referentiel.objects.filter(actif=True).order_by("intitule")
    return render(request, "cpro/home.html", {"referentiels": referentiels})
