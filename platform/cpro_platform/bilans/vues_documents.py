"""Pages of the bilans' documents: PDFs, attestations, the class batch, the projection.

A campaign's PDFs are made by the exports' background batch (format ``bilans-classe`` with
the campaign as parameter; ``cpro_platform.exports``), followed on ``exports:lot``.

Every view goes through the access policy (``politique_documents``): an object outside the
user's scope is a 404. The projection is a fragment the dashboard and the class view load
with htmx after they render (so their own query counts do not move); opened directly, it is
a page of its own.
"""
from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces
from cpro_platform.comptes.forms import DsfrForm
from cpro_platform.exports import taches as exports
from cpro_platform.exports.perimetres import lots_lisibles
from cpro_platform.livret.perimetres import classes_lisibles_detail
from cpro_platform.regles import ErreurDeRegle, Incidents

from . import attestations, documents
from . import perimetres_documents as dp
from .models import Bilan
from .projection import projection_apprenant as lire_projection_apprenant
from .projection import projection_classe as lire_projection_classe

LOTS_RECENTS = 10
#: The registered export format that makes a class's bilans in the background (``exports``).
FORMAT_BILANS = "bilans-classe"


def _pdf(contenu: bytes, nom: str) -> HttpResponse:
    response = HttpResponse(contenu, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nom}"'
    return response


@acces("bilans.view_bilan_pdf", perimetre=dp.bilans_imprimables, objet="bilan")
def bilan_pdf(request, bilan):
    return _pdf(documents.bilan_pdf(bilan), documents.nom_du_pdf(bilan))


@acces("bilans.view_documents_apprenant", perimetre=dp.apprenants_lisibles, objet="apprenant")
def documents_apprenant(request, apprenant):
    """A learner's validated bilans (PDF) and attestations."""
    en_vigueur = set(Bilan.objects.en_vigueur().filter(apprenant=apprenant)
                     .values_list("pk", flat=True))
    bilans = list(dp.bilans_imprimables(request.user).filter(apprenant=apprenant)
                  .order_by("-date", "-valide_le", "-pk"))
    for bilan in bilans:
        bilan.en_vigueur = bilan.pk in en_vigueur
    return render(request, "bilans/documents/apprenant.html", {
        "apprenant": apprenant, "bilans": bilans,
        "attestations": dp.attestations_lisibles(request.user).filter(apprenant=apprenant)
        .select_related("delivree_par"),
        "peut_attester": may(request.user, "bilans.add_attestation", apprenant)})


class AttestationForm(DsfrForm):
    motif = forms.ChoiceField(label=gettext_lazy("Motif"), choices=list(
        attestations.MOTIFS.items()))


@acces("bilans.add_attestation", perimetre=dp.apprenants_attestables, objet="apprenant")
def attestation_delivrer(request, apprenant):
    """Issue an attestation (refused, with the reason, without a validated bilan)."""
    form = AttestationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            attestation = attestations.delivrer(apprenant, request.user,
                                                form.cleaned_data["motif"])
        except attestations.AttestationImpossible as refus:
            form.add_error(None, str(refus))
        except ErreurDeRegle as erreur:
            p = erreur.plugin
            form.add_error(None, _(
                "Le plugin %(plugin)s (distribution %(distribution)s version %(version)s) a "
                "échoué : %(detail)s. Aucune attestation n’a été délivrée.") % {
                    "plugin": p.name, "distribution": p.distribution, "version": p.version,
                    "detail": erreur.detail})
        else:
            messages.success(request, _("Attestation délivrée : son contenu est figé, elle "
                                        "s’imprimera toujours à l’identique."))
            return redirect("bilans_documents:apprenant", attestation.apprenant_id)
    return render(request, "bilans/documents/attestation_delivrer.html", {
        "apprenant": apprenant, "form": form,
        "bilan": attestations.bilan_de_reference(apprenant)})


@acces("bilans.view_attestation", perimetre=dp.attestations_lisibles, objet="attestation")
def attestation_pdf(request, attestation):
    return _pdf(attestations.attestation_pdf(attestation), attestations.nom_du_pdf(attestation))


@acces("bilans.view_projection_apprenant", perimetre=dp.apprenants_lisibles,
       objet="apprenant")
def projection_apprenant(request, apprenant):
    incidents = Incidents()
    projection, bareme = lire_projection_apprenant(apprenant, incidents)
    gabarit = "_projection_apprenant.html" if request.htmx else "projection_apprenant.html"
    return render(request, f"bilans/documents/{gabarit}", {
        "apprenant": apprenant, "projection": projection, "bareme": bareme,
        "incidents": incidents})


@acces("bilans.view_projection_classe", perimetre=classes_lisibles_detail, objet="classe")
def projection_classe(request, classe):
    gabarit = "_projection_classe.html" if request.htmx else "projection_classe.html"
    return render(request, f"bilans/documents/{gabarit}", {
        "classe": classe, "vue": lire_projection_classe(classe)})


@acces("bilans.view_documents_classe", perimetre=classes_lisibles_detail, objet="classe")
def documents_classe(request, classe):
    """The class's campaigns, each with its validated bilans, and its recent batches."""
    campagnes = list(classe.campagnes_bilan.all())
    bilans = {}
    for bilan in (dp.bilans_imprimables(request.user).filter(campagne__classe=classe)
                  .order_by("apprenant__nom", "apprenant__prenom", "-date")):
        bilans.setdefault(bilan.campagne_id, []).append(bilan)
    # Every campaign is the class's: one answer of the policy holds for all of them.
    lot_possible = bool(campagnes) and may(request.user, "bilans.add_lot_documents",
                                           campagnes[0])
    for campagne in campagnes:
        campagne.bilans_valides = bilans.get(campagne.pk, [])
        campagne.lot_possible = lot_possible
    lots = list(lots_lisibles(request.user).filter(classe=classe, format=FORMAT_BILANS)
                [:LOTS_RECENTS])
    titres = {campagne.pk: campagne.titre for campagne in campagnes}
    for lot_ in lots:
        lot_.campagne_titre = titres.get(lot_.parametres.get("campagne"), "")
    return render(request, "bilans/documents/classe.html", {
        "classe": classe, "campagnes": campagnes, "lots": lots})


@acces("bilans.add_lot_documents", perimetre=dp.campagnes_documentees, objet="campagne")
@require_POST
def lot_lancer(request, campagne):
    """Queue the campaign's PDFs as one export batch (one at a time per campaign)."""
    lot, nouveau = exports.lancer(FORMAT_BILANS, campagne.classe, None, request.user,
                                  {"campagne": campagne.pk})
    if not nouveau:
        messages.info(request, _("Les PDF de cette campagne sont déjà en préparation."))
    return redirect("exports:lot", lot.pk)
