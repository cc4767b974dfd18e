"""One bilan (levels with their evidence, comments, appreciation, breakdown by bloc and unit),
its edit, validation and correction; a learner's bilans of the whole cycle.

A validated bilan refuses every write with a French message (409), never a 500.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces

from .. import perimetres as bp
from ..forms import lignes_postees
from ..lecture import avec_decomptes, bilans_du_cycle, dernier_bilan_valide, lire_bilan
from ..models import BilanFige
from ..periodes import lire_periodes
from ..validation import MESSAGE_FIGE, BilanIncomplet, corriger, modifier, valider

FIGE, INVALIDE = 409, 422


def _page(request, bilan, status=200, erreurs=(), post=None):
    lecture = lire_bilan(bilan)
    correction = getattr(bilan, "remplace_par", None) if bilan.valide else None
    return render(request, "bilans/bilan.html", {
        "bilan": bilan, "apprenant": bilan.apprenant, "lecture": lecture,
        "modifiable": not bilan.valide and may(request.user, "bilans.change_bilan", bilan),
        "peut_corriger": bilan.valide and correction is None
        and may(request.user, "bilans.change_bilan", bilan),
        "correction": correction, "erreurs": erreurs, "post": post,
        "periode": lire_periodes([bilan]).get(bilan.pk) if bilan.valide else None,
        "dernier": dernier_bilan_valide(bilan.apprenant_id)}, status=status)


@acces("bilans.view_bilan", perimetre=bp.bilans_lisibles, objet="bilan")
def bilan(request, bilan):
    return _page(request, bilan)


def _refus(request, bilan, erreur: Exception):
    """The page again with the reason, never a 500: frozen (409) or refused input (422)."""
    if isinstance(erreur, BilanFige):
        return _page(request, bilan, status=FIGE, erreurs=[str(MESSAGE_FIGE)])
    return _page(request, bilan, status=INVALIDE, erreurs=erreur.messages, post=request.POST)


@acces("bilans.change_bilan", perimetre=bp.bilans_lisibles, objet="bilan")
def modifier_bilan(request, bilan):
    if request.method != "POST":
        return redirect("bilans:bilan", bilan.pk)
    competences = list(bilan.niveaux.values_list("competence_id", flat=True))
    try:
        n = modifier(bilan, appreciation=request.POST.get("appreciation", ""),
                     lignes=lignes_postees(request.POST, competences))
    except (BilanFige, ValidationError) as erreur:
        return _refus(request, bilan, erreur)
    messages.success(request, _("Bilan enregistré (%(n)s compétence(s) modifiée(s)).")
                     % {"n": n})
    if request.POST.get("valider"):
        return _valider(request, bilan)
    return redirect("bilans:bilan", bilan.pk)


@acces("bilans.change_bilan", perimetre=bp.bilans_lisibles, objet="bilan")
def valider_bilan(request, bilan):
    if request.method != "POST":
        return redirect("bilans:bilan", bilan.pk)
    return _valider(request, bilan)


def _valider(request, bilan):
    try:
        bilan = valider(bilan, request.user)
    except (BilanFige, BilanIncomplet) as erreur:
        return _refus(request, bilan, erreur)
    messages.success(request, _("Bilan de %(nom)s validé : il est archivé et ne peut plus "
                                "être modifié.") % {"nom": bilan.apprenant.nom_complet})
    return redirect("bilans:bilan", bilan.pk)


@acces("bilans.change_bilan", perimetre=bp.bilans_lisibles, objet="bilan")
def corriger_bilan(request, bilan):
    if request.method != "POST":
        return redirect("bilans:bilan", bilan.pk)
    try:
        correction = corriger(bilan, request.user)
    except ValidationError as erreur:
        return _refus(request, bilan, erreur)
    messages.success(request, _("Bilan correctif en brouillon : il remplacera le bilan validé "
                                "le %(date)s une fois validé.") % {
        "date": bilan.valide_le.strftime("%d/%m/%Y")})
    return redirect("bilans:bilan", correction.pk)


@acces("bilans.view_bilans_apprenant", perimetre=bp.apprenants_lisibles, objet="apprenant")
def bilans_apprenant(request, apprenant):
    """Every bilan of the cycle by date, the "dernier bilan validé" marked, with its period
    mark where the team asked for one."""
    lisibles = bp.bilans_lisibles(request.user).values("pk")
    bilans = list(avec_decomptes(bilans_du_cycle(apprenant).filter(pk__in=lisibles)))
    periodes = lire_periodes([b for b in bilans if b.valide])
    for bilan in bilans:
        bilan.periode = periodes.get(bilan.pk)
    return render(request, "bilans/apprenant.html", {
        "apprenant": apprenant, "bilans": bilans, "dernier": dernier_bilan_valide(apprenant)})
