from django.shortcuts import render


def home(request):
    from cpro_platform.acces.politique import may
    from cpro_platform.referentials.models import Referentiel

    if request.user.is_authenticated and may(request.user, "livret.view_accueil_enseignant"):
        from cpro_platform.livret.accueil import accueil_enseignant

        return accueil_enseignant(request)

    referentiels = Referentiel.objects.filter(actif=True).order_by("intitule")
    return render(request, "cpro/home.html", {"referentiels": referentiels})
