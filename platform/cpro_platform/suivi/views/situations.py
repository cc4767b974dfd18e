"""Situation pages: create and edit (with the critère picker grouped by bloc → compétence)."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cpro_platform.acces.vues import acces

from .. import perimetres as s
from ..forms import SituationForm
from ..scenarios import ordre_suivant


def _page(request, form, titre: str, retour: str):
    return render(request, "suivi/situation_form.html",
                  {"form": form, "titre": titre, "retour": retour,
                   "scenario": form.scenario})


@acces("suivi.change_scenario", perimetre=s.scenarios_visibles, objet="scenario")
def situation_creer(request, scenario):
    initial = {"ordre": ordre_suivant(scenario), "niveau": scenario.classe.niveau,
               "enseignants": [request.user.pk]}
    form = SituationForm(request.POST or None, scenario=scenario, initial=initial)
    if request.method == "POST" and form.is_valid():
        situation = form.save()
        messages.success(request, _("Situation « %(titre)s » créée.") % {
            "titre": situation.titre})
        return redirect(situation)
    return _page(request, form, _("Nouvelle situation — %(scenario)s") % {
        "scenario": scenario.titre}, scenario.get_absolute_url())


@acces("suivi.change_situation", perimetre=s.situations_visibles, objet="situation")
def situation_modifier(request, situation):
    form = SituationForm(request.POST or None, request.FILES or None, instance=situation,
                         scenario=situation.scenario)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Situation enregistrée."))
        return redirect(situation)
    return _page(request, form, _("Modifier la situation"), situation.get_absolute_url())
