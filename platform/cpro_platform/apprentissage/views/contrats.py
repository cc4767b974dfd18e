"""The establishment's contracts: list, creation and edition (administrators and DDFPT)."""
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cpro_platform.acces.compilees import dans_le_perimetre
from cpro_platform.acces.vues import acces

from .. import perimetres as ap
from ..contrats import enregistrer_contrat
from ..forms import ContratForm
from ..models import Contrat


@acces("apprentissage.view_contrats")
def contrats(request):
    etablissements = dans_le_perimetre(ap.etablissements_des_contrats, request.user)
    liste = (Contrat.objects.filter(employeur__etablissement__in=etablissements)
             .select_related("apprenant", "employeur__etablissement", "maitre__user",
                             "formateur_referent")
             .order_by("employeur__etablissement__nom", "-debut", "apprenant__nom"))
    return render(request, "apprentissage/contrats.html", {
        "contrats": liste, "etablissements": etablissements.order_by("nom")})


def _formulaire(request, etablissement, contrat, titre, status=200):
    form = ContratForm(request.POST or None, instance=contrat, etablissement=etablissement)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                contrat = enregistrer_contrat(form.save(commit=False))
            messages.success(request, _("Contrat enregistré ; le maître d'apprentissage "
                                        "accède au livret pendant le contrat."))
            return redirect("apprentissage:livret", contrat.pk)
        status = 422
    return render(request, "apprentissage/contrat_form.html", {
        "form": form, "titre": titre, "etablissement": etablissement, "contrat": contrat},
        status=status)


@acces("apprentissage.add_contrat", perimetre=ap.etablissements_des_contrats,
       objet="etablissement")
def contrat_ajouter(request, etablissement):
    return _formulaire(request, etablissement, None, _("Nouveau contrat d'apprentissage"))


@acces("apprentissage.change_contrat", perimetre=ap.contrats_geres, objet="contrat")
def contrat_modifier(request, contrat):
    return _formulaire(request, contrat.employeur.etablissement, contrat,
                       _("Contrat de %(nom)s") % {"nom": contrat.apprenant.nom_complet})
