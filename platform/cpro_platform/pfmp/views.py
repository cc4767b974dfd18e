"""The class's PFMP page, its period form, and a learner's PFMP page."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces
from cpro_platform.etablissements.models import Inscription

from . import perimetres as pp
from .forms import PeriodeForm, erreurs_du_service
from .periodes import enregistrer_periode
from .semaines import cumul, est_fin_de_cycle
from .tableau import periodes_des_apprenants, tableau_classe

INVALIDE = 422


@acces("pfmp.view_classe", perimetre=pp.classes_lisibles, objet="classe")
def classe(request, classe):
    periodes, lignes = tableau_classe(classe)
    return render(request, "pfmp/classe.html", {
        "classe": classe, "referentiel": classe.referentiel, "periodes": periodes,
        "semaines_planifiees": sum(p.semaines for p in periodes),
        "fin_de_cycle": est_fin_de_cycle(classe),
        "lignes": lignes, "en_alerte": sum(1 for ligne in lignes if ligne.cumul.en_alerte),
        "peut_planifier": may(request.user, "pfmp.add_periode", classe)})


def _formulaire_periode(request, classe, periode=None):
    if request.method == "POST":
        form = PeriodeForm(request.POST, classe=classe)
        if form.is_valid():
            d = form.cleaned_data
            try:
                periode = enregistrer_periode(
                    classe, titre=d["titre"], debut=d["debut"], fin=d["fin"],
                    semaines=d["semaines"], criteres=d["criteres"], auteur=request.user,
                    periode=periode)
            except ValidationError as erreur:
                erreurs_du_service(form, erreur)
            else:
                messages.success(request, _("Période « %(titre)s » enregistrée.")
                                 % {"titre": periode.titre})
                return redirect("pfmp:classe", classe.pk)
        statut = INVALIDE
    else:
        initial = {}
        if periode is not None:
            initial = {"titre": periode.titre, "debut": periode.debut, "fin": periode.fin,
                       "semaines": periode.semaines,
                       "criteres": list(periode.situation.criteres.values_list("pk",
                                                                               flat=True))}
        form, statut = PeriodeForm(initial=initial, classe=classe), 200
    return render(request, "pfmp/periode_form.html", {
        "classe": classe, "periode": periode, "form": form,
        "titre": _("Modifier la période") if periode else _("Nouvelle période de PFMP")},
        status=statut)


@acces("pfmp.add_periode", perimetre=pp.classes_lisibles, objet="classe")
def periode_ajouter(request, classe):
    return _formulaire_periode(request, classe)


@acces("pfmp.change_periode", perimetre=pp.periodes_lisibles, objet="periode")
def periode_modifier(request, periode):
    return _formulaire_periode(request, periode.classe, periode)


@acces("pfmp.view_apprenant", perimetre=pp.apprenants_lisibles, objet="apprenant")
def apprenant(request, apprenant):
    """The learner's placements that ``user`` may see, and their running total."""
    stages = list(pp.stages_lisibles(request.user).filter(apprenant=apprenant)
                  .select_related("periode__classe", "entreprise", "tuteur__user")
                  .order_by("debut"))
    inscription = (Inscription.objects.filter(apprenant=apprenant)
                   .select_related("classe__referentiel").order_by("-debut").first())
    classe_actuelle = inscription.classe if inscription else None
    exigees = classe_actuelle.referentiel.pfmp_semaines if classe_actuelle else None
    tous = list(apprenant.stages_pfmp.all())
    return render(request, "pfmp/apprenant.html", {
        "apprenant": apprenant, "stages": stages,
        "referentiel": classe_actuelle.referentiel if classe_actuelle else None,
        "cumul": cumul(tous, periodes_des_apprenants([apprenant.pk]).get(apprenant.pk, []),
                       exigees, fin_de_cycle=est_fin_de_cycle(classe_actuelle))})
