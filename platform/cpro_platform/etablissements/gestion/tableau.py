from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.vues import acces
from cpro_platform.comptes.models import Role, TypeRole

from ..models import Etablissement, actif_le_q
from .base import administration, apprenants_de, page
from .forms import EtablissementForm


@acces("etablissements.view_gestion")
def index(request):
    etablissements = p.etablissements_administres(request.user)
    if len(etablissements) == 1:
        return redirect("gestion:tableau", etablissement=etablissements[0].pk)
    return render(request, "etablissements/gestion/index.html",
                  {"etablissements": etablissements})


@administration()
def tableau(request, etablissement: Etablissement):
    """Key figures and the establishment's settings."""
    form = EtablissementForm(request.POST or None, instance=etablissement)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Paramètres de l'établissement enregistrés."))
        return redirect(request.path)
    roles = Role.objects.filter(actif_le_q(), etablissement=etablissement).aggregate(
        enseignants=Count("user", distinct=True, filter=Q(type=TypeRole.ENSEIGNANT)),
        inspecteurs=Count("user", distinct=True, filter=Q(type=TypeRole.INSPECTEUR)))
    return page(request, etablissement, "tableau.html", "tableau", form=form, chiffres={
        "classes": etablissement.classes.count(),
        "apprenants": apprenants_de(etablissement).filter(
            actif_le_q(prefix="parcours__"), parcours__etablissement=etablissement
        ).distinct().count(),
        "entreprises": etablissement.entreprises.count(),
        **roles,
    })
