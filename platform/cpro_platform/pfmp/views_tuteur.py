"""The tutor's PFMP pages, phone first (from the magic-link session): "Mes PFMP", the
co-evaluation cards, the bilan with its appreciation and signature; and the teacher's
side-by-side view. Every view goes through the access policy (``pfmp.coevaluation_acces``);
outside the placement's Encadrement the tutor's pages refuse and say why."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces
from cpro_platform.etablissements.models import aujourdhui
from cpro_platform.suivi.grille import SaisieInvalide

from . import coevaluation as co
from .coevaluation_acces import stages_accessibles, stages_coevaluables, stages_comparables
from .coevaluation_bilan import (
    comparer as comparer_stage, contenu_bilan, lignes_bilan, signatures_du_bilan,
    signer_bilan)


def _refus(request, stage):
    """403 with the reason a tutor can no longer (or not yet) act on this placement."""
    encadrement = stage.encadrement
    debut = encadrement.debut if encadrement else stage.debut
    fin = encadrement.fin if encadrement else stage.fin
    if stage.tuteur and stage.tuteur.user_id == request.user.pk and debut > aujourdhui():
        raison = _("Cette PFMP commence le %(debut)s : vous pourrez évaluer à partir de "
                   "cette date.") % {"debut": debut.strftime("%d/%m/%Y")}
    elif stage.tuteur and stage.tuteur.user_id == request.user.pk:
        raison = _("Votre encadrement de cette PFMP a pris fin le %(fin)s : vous ne pouvez "
                   "plus évaluer ni signer. Adressez-vous à l'enseignant qui suit "
                   "l'apprenant.") % {"fin": fin.strftime("%d/%m/%Y") if fin else "—"}
    else:
        raison = _("Seul le tuteur de cette PFMP peut évaluer et signer, pendant la PFMP.")
    return render(request, "pfmp/tuteur/refus.html", {"raison": raison}, status=403)


@acces("pfmp.view_mes_stages")
def mes_stages(request):
    stages = (stages_coevaluables(request.user)
              .select_related("apprenant", "entreprise", "periode")
              .order_by("apprenant__nom", "apprenant__prenom"))
    return render(request, "pfmp/tuteur/mes_stages.html", {"stages": stages})


@acces("pfmp.ouvrir_stage", perimetre=stages_accessibles, objet="stage")
def evaluer(request, stage):
    if not may(request.user, "pfmp.coevaluer_stage", stage):
        return _refus(request, stage)
    cartes = co.cartes(stage)
    erreurs, conflits, status = [], False, 200
    if request.method == "POST":
        try:
            resultat = co.enregistrer(stage, request.user, request.POST, cartes)
        except SaisieInvalide as erreur:
            erreurs, status = erreur.messages, 422
        else:
            if resultat.ok:
                messages.success(request, _("Évaluations enregistrées (%(n)s critère(s) "
                                            "modifié(s)).") % {"n": len(resultat.enregistrees)})
                return redirect("pfmp_tuteur:evaluer", stage.pk)
            conflits, status = True, 409
    return render(request, "pfmp/tuteur/evaluer.html", {
        "stage": stage, "cartes": cartes, "choix": co.choix(stage), "erreurs": erreurs,
        "conflits": conflits}, status=status)


def _page_bilan(request, stage, status=200, erreurs=()):
    lignes = lignes_bilan(stage)
    contenu = contenu_bilan(stage, lignes)
    return render(request, "pfmp/tuteur/bilan.html", {
        "stage": stage, "lignes": lignes, "signatures": signatures_du_bilan(stage, contenu),
        "peut_signer": may(request.user, "pfmp.coevaluer_stage", stage),
        "peut_comparer": may(request.user, "pfmp.comparer_stage", stage),
        "erreurs": erreurs}, status=status)


@acces("pfmp.ouvrir_stage", perimetre=stages_accessibles, objet="stage")
def bilan(request, stage):
    """The bilan; a POST saves the tutor's appreciation."""
    if not may(request.user, "pfmp.view_bilan_pfmp", stage):
        return _refus(request, stage)
    if request.method == "POST":
        if not may(request.user, "pfmp.coevaluer_stage", stage):
            return _refus(request, stage)
        stage.appreciation_tuteur = (request.POST.get("appreciation_tuteur") or "").strip()
        stage.save(update_fields=["appreciation_tuteur"])
        messages.success(request, _("Appréciation enregistrée."))
        return redirect("pfmp_tuteur:bilan", stage.pk)
    return _page_bilan(request, stage)


@acces("pfmp.ouvrir_stage", perimetre=stages_accessibles, objet="stage")
def signer(request, stage):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not may(request.user, "pfmp.coevaluer_stage", stage):
        return _refus(request, stage)
    try:
        signer_bilan(stage, request.user, request.POST.get("nom"))
    except ValidationError as erreur:
        return _page_bilan(request, stage, status=422, erreurs=erreur.messages)
    messages.success(request, _("Bilan signé."))
    return redirect("pfmp_tuteur:bilan", stage.pk)


@acces("pfmp.comparer_stage", perimetre=stages_comparables, objet="stage")
def comparer(request, stage):
    return render(request, "pfmp/tuteur/comparer.html", {
        "stage": stage, "lignes": comparer_stage(stage)})
