"""The booklet: its page (adapted to who reads it), its PDF, the master's entries, and the
entry points "Mes apprentis" and "Mon livret d'apprentissage"."""
import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cpro_platform.acces.compilees import dans_le_perimetre
from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces
from cpro_platform.etablissements.models import aujourdhui

from .. import perimetres as ap
from ..bilans import qualites
from ..entrees import ecrire_entree, entrees_par_periode
from ..forms import EntreeForm, OuvrirBilanForm
from ..lecture import lire_livret
from ..models import Contrat
from ..pdf import livret_pdf


def _contrats(queryset):
    return queryset.select_related("apprenant", "employeur", "maitre__user",
                                   "formateur_referent").order_by("-debut", "apprenant__nom")


@acces("apprentissage.view_livret", perimetre=ap.contrats_lisibles, objet="contrat")
def livret(request, contrat: Contrat):
    lecture = lire_livret(contrat)
    aujourd_hui = aujourdhui()
    mes_qualites = set(qualites(request.user, contrat))
    for lu in lecture.bilans:  # what awaits this reader's signature
        lu.a_signer = not lu.bilan.clos and any(
            s.qualite in mes_qualites and not s.a_jour for s in lu.signatures)
    return render(request, "apprentissage/livret.html", {
        "contrat": contrat, "livret": lecture,
        "peut_gerer": may(request.user, "apprentissage.change_contrat", contrat),
        "peut_calendrier": may(request.user, "apprentissage.change_calendrier", contrat),
        "peut_ecrire_entrees": may(request.user, "apprentissage.add_entree", contrat),
        "ouvrir_form": OuvrirBilanForm(initial={
            "date": aujourd_hui, "debut": max(contrat.debut, aujourd_hui - datetime.timedelta(
                days=90)), "fin": min(contrat.fin, aujourd_hui)})
        if may(request.user, "apprentissage.add_bilan", contrat) else None})


@acces("apprentissage.view_livret", perimetre=ap.contrats_lisibles, objet="contrat")
def pdf(request, contrat: Contrat):
    reponse = HttpResponse(livret_pdf(lire_livret(contrat)), content_type="application/pdf")
    nom = f"livret-apprentissage-{contrat.apprenant.ine}.pdf"
    reponse["Content-Disposition"] = f'inline; filename="{nom}"'
    return reponse


@acces("apprentissage.add_entree", perimetre=ap.contrats_du_maitre, objet="contrat")
def entree(request, contrat: Contrat):
    """The master writes one company stretch's entry (``?debut=`` or the POST's)."""
    lignes = [ligne for ligne in entrees_par_periode(contrat)
              if ligne[0].debut <= aujourdhui() and ligne[0].semaines]
    try:
        debut = datetime.date.fromisoformat(request.POST.get("debut")
                                            or request.GET.get("debut", ""))
    except ValueError:
        debut = None
    courante = next((ligne for ligne in lignes if ligne[0].debut == debut), None)
    if courante is None:
        courante = (lignes or [None])[-1]
    existante = courante[1] if courante else None
    form = EntreeForm(request.POST or None, initial={
        "travaux": existante.travaux if existante else "",
        "observations": existante.observations if existante else ""})
    status, erreurs = 200, []
    if request.method == "POST":
        if form.is_valid():
            try:
                ecrire_entree(contrat, debut or datetime.date.min, auteur=request.user,
                              **form.cleaned_data)
            except ValidationError as erreur:
                for champ, textes in erreur.message_dict.items():
                    if champ in form.fields:
                        form.add_error(champ, textes)
                    else:  # the stretch: shown above the form, which may not be drawn
                        erreurs += textes
            else:
                messages.success(request, _("Entrée enregistrée."))
                return redirect("apprentissage:livret", contrat.pk)
        status = 422
    return render(request, "apprentissage/entree.html", {
        "contrat": contrat, "lignes": lignes, "courante": courante, "form": form,
        "erreurs": erreurs},
        status=status)


@acces("apprentissage.view_mes_apprentis")
def mes_apprentis(request):
    return render(request, "apprentissage/mes_apprentis.html", {
        "contrats": _contrats(dans_le_perimetre(ap.mes_apprentis, request.user))})


@acces("apprentissage.view_mon_livret")
def mon_livret(request):
    contrats = list(_contrats(ap.contrats_de_l_apprenti(request.user)))
    if len(contrats) == 1:
        return redirect("apprentissage:livret", contrats[0].pk)
    return render(request, "apprentissage/mes_apprentis.html", {"contrats": contrats,
                                                                 "mon_livret": True})
