"""Livret pages: a learner's livret (HTML and PDF), dashboard and positionnements; a class's
overview; "Mon livret". Every view goes through the access policy."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cpro_platform.acces.politique import may
from cpro_platform.activites.livret import preuves_entreprise
from cpro_platform.acces.roles import apprenant_de
from cpro_platform.acces.vues import acces, objet_ou_404
from cpro_platform.referentials.models import Competence
from cpro_platform.regles import Incidents, Suggestion

from . import perimetres as lp
from .cache import en_cache
from .classe import lire_classe
from .filtres import Filtres
from .forms import PositionnementForm
from .lecture import lire_livret
from .models import Positionnement
from .pdf import livret_pdf
from .positionner import positionner, suggestion_pour
from .versions import etat_apprenant, etat_classe


@acces("livret.view_livret", perimetre=lp.apprenants_lisibles, objet="apprenant")
@en_cache(etat_apprenant)
def livret(request, apprenant):
    livret = lire_livret(apprenant, Filtres.depuis(request.GET))
    return render(request, "livret/livret.html", {"apprenant": apprenant, "livret": livret,
                                                  "entreprise": preuves_entreprise(apprenant)})


@acces("livret.view_livret", perimetre=lp.apprenants_lisibles, objet="apprenant")
@en_cache(etat_apprenant, par_lecteur=False)  # built once per version, whoever reads it
def livret_telecharger(request, apprenant):
    livret = lire_livret(apprenant, Filtres.depuis(request.GET))
    response = HttpResponse(livret_pdf(livret),
                            content_type="application/pdf")
    nom = slugify(f"livret-{apprenant.nom}-{apprenant.prenom}") or "livret"
    response["Content-Disposition"] = f'inline; filename="{nom}.pdf"'
    return response


@acces("livret.view_livret", perimetre=lp.apprenants_lisibles, objet="apprenant")
@en_cache(etat_apprenant)
def tableau_de_bord(request, apprenant):
    livret = lire_livret(apprenant)
    return render(request, "livret/tableau_de_bord.html",
                  {"apprenant": apprenant, "livret": livret})


@acces("etablissements.view_mon_profil")
def mon_livret(request):
    return redirect("livret:livret", apprenant_de(request.user).pk)


def _peut_positionner(request, apprenant) -> bool:
    return may(request.user, "livret.add_positionnement", apprenant)


@acces("livret.view_livret", perimetre=lp.apprenants_lisibles, objet="apprenant")
@en_cache(etat_apprenant, droits=lambda request, apprenant: (
    _peut_positionner(request, apprenant),))
def positionnements(request, apprenant):
    """Every compétence: the suggested level and why, the latest judgement, the history."""
    livret = lire_livret(apprenant)
    historique = {}
    for p in (Positionnement.objects.filter(apprenant=apprenant)
              .select_related("auteur").order_by("-date", "-created_at")):
        historique.setdefault(p.competence_id, []).append(p)
    for ligne in livret.competences:
        ligne.historique = historique.get(ligne.competence.pk, [])
    return render(request, "livret/positionnements.html", {
        "apprenant": apprenant, "livret": livret,
        "peut_positionner": _peut_positionner(request, apprenant)})


@acces("livret.add_positionnement", perimetre=lp.apprenants_positionnables,
       objet="apprenant")
def positionner_competence(request, apprenant, competence):
    """One compétence: the suggestion explained and the form to place the learner."""
    competence = objet_ou_404(
        Competence.objects.filter(referentiel__classes__inscriptions__apprenant=apprenant)
        .select_related("referentiel", "bloc").distinct(), pk=competence)
    echelle = list(competence.referentiel.niveaux.order_by("valeur"))
    incidents = Incidents()
    # A failed rule leaves no suggestion: the page says which plugin failed, and the teacher
    # can still place the learner.
    suggestion = suggestion_pour(apprenant, competence, incidents)
    form = PositionnementForm(request.POST or None, echelle=echelle,
                              suggere=suggestion.niveau if suggestion else None)
    if request.method == "POST" and form.is_valid():
        try:
            positionner(apprenant, competence, auteur=request.user,
                        suggestion=suggestion or Suggestion(niveau=None, regle=""),
                        **form.cleaned_data)
        except ValidationError as erreur:
            for champ, textes in erreur.message_dict.items():
                for texte in textes:
                    form.add_error(champ, texte)
        else:
            messages.success(request, _("Positionnement sur %(code)s enregistré.") % {
                "code": competence.code})
            return redirect(reverse("livret:positionnements", args=[apprenant.pk])
                            + f"#competence-{competence.pk}")
    return render(request, "livret/positionner.html", {
        "apprenant": apprenant, "competence": competence, "suggestion": suggestion,
        "incidents": incidents, "form": form, "historique": Positionnement.objects.filter(
            apprenant=apprenant, competence=competence).select_related("auteur")
        .order_by("-date", "-created_at")})


@acces("livret.view_classe", perimetre=lp.classes_lisibles_detail, objet="classe")
@en_cache(etat_classe)
def classe(request, classe):
    return render(request, "livret/classe.html", {"vue": lire_classe(classe),
                                                  "classe": classe})
