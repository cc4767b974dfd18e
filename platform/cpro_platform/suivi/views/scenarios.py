"""Scenario pages: the list, one scenario, create, edit, duplicate."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.vues import acces

from .. import perimetres as s
from ..forms import DuplicationForm, ScenarioForm
from ..models import Scenario
from ..scenarios import dupliquer_scenario


@acces("suivi.view_mes_situations")
def scenarios(request):
    """Every scenario of the classes the user sees, by class; where they may add one."""
    classes = (p.classes_visibles(request.user)
               .select_related("annee", "etablissement", "referentiel")
               .prefetch_related(Prefetch("scenarios", queryset=Scenario.objects.annotate(
                   nb_situations=Count("situations")).order_by("titre")))
               .order_by("-annee__debut", "etablissement__nom", "nom"))
    conception = set(s.classes_conception(request.user).values_list("pk", flat=True))
    return render(request, "suivi/scenarios.html", {"classes": classes,
                                                    "conception": conception})


@acces("suivi.view_scenario", perimetre=s.scenarios_visibles, objet="scenario")
def scenario(request, scenario):
    situations = (scenario.situations.select_related("epreuve")
                  .prefetch_related("enseignants")
                  .annotate(nb_criteres=Count("criteres")).order_by("ordre", "debut", "pk"))
    return render(request, "suivi/scenario.html", {"scenario": scenario,
                                                   "situations": situations})


def _formulaire(request, form, titre: str, retour: str):
    return render(request, "suivi/formulaire.html",
                  {"form": form, "titre": titre, "retour": retour})


@acces("suivi.add_scenario", perimetre=s.classes_conception, objet="classe")
def scenario_creer(request, classe):
    form = ScenarioForm(request.POST or None, instance=Scenario(
        classe=classe, referentiel_id=classe.referentiel_id, cree_par=request.user))
    if request.method == "POST" and form.is_valid():
        scenario = form.save()
        messages.success(request, _("Scénario « %(titre)s » créé.") % {"titre": scenario.titre})
        return redirect(scenario)
    return _formulaire(request, form, _("Nouveau scénario — %(classe)s") % {
        "classe": classe.nom}, reverse("suivi:scenarios"))


@acces("suivi.change_scenario", perimetre=s.scenarios_visibles, objet="scenario")
def scenario_modifier(request, scenario):
    form = ScenarioForm(request.POST or None, instance=scenario)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Scénario enregistré."))
        return redirect(scenario)
    return _formulaire(request, form, _("Modifier le scénario"), scenario.get_absolute_url())


@acces("suivi.view_scenario", perimetre=s.scenarios_visibles, objet="scenario")
def scenario_dupliquer(request, scenario):
    """Copy a scenario the user sees to a class they design for (another class or year)."""
    form = DuplicationForm(request.POST or None, scenario=scenario,
                           classes=s.classes_conception(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            copie = dupliquer_scenario(scenario, form.cleaned_data["classe"], request.user,
                                       form.cleaned_data["titre"])
        except ValidationError as error:
            form.add_error("classe", error)
        else:
            messages.success(request, _("Scénario dupliqué vers %(classe)s.") % {
                "classe": copie.classe.nom})
            return redirect(copie)
    return _formulaire(request, form, _("Dupliquer « %(titre)s »") % {"titre": scenario.titre},
                       scenario.get_absolute_url())


@acces("suivi.view_mes_situations")
def mes_situations(request):
    """The situations the user sees, latest first, each with its grid."""
    situations = (s.situations_visibles(request.user)
                  .select_related("scenario__classe__annee")
                  .order_by("-debut", "scenario__classe__nom", "ordre"))
    return render(request, "suivi/mes_situations.html", {
        "situations": situations,
        "peut_concevoir": s.classes_conception(request.user).exists(),
    })


