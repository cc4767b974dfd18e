"""A learner's placement: its form, its page (data, visits, attestation and signatures,
documents), the visit form, and the two PDFs."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces

from . import documents
from . import perimetres as pp
from .attestation import etat_des_signatures, qualite_de, signer_attestation
from .forms import (
    AttestationForm, SignatureForm, StageForm, VisiteForm, erreurs_du_service)
from .models import QualiteSignataire
from .semaines import semaines_effectuees, semaines_prevues
from .stages import DonneesStage, enregistrer_attestation, enregistrer_stage
from .visites import enregistrer_visite

INVALIDE = 422
CHAMPS_STAGE = ("entreprise", "tuteur", "enseignant_referent", "debut", "fin", "adresse",
                "horaires", "heures_hebdo")


def _formulaire_stage(request, periode, stage=None):
    if request.method == "POST":
        form = StageForm(request.POST, periode=periode, stage=stage)
        if form.is_valid():
            d = form.cleaned_data
            apprenant = stage.apprenant if stage else d["apprenant"]
            try:
                stage = enregistrer_stage(periode, apprenant, DonneesStage(
                    **{champ: d[champ] for champ in CHAMPS_STAGE}), stage)
            except ValidationError as erreur:
                erreurs_du_service(form, erreur)
            else:
                messages.success(request, _("PFMP de %(nom)s enregistrée.")
                                 % {"nom": apprenant.nom_complet})
                return redirect("pfmp:stage", stage.pk)
        statut = INVALIDE
    else:
        if stage is not None:
            initial = {champ: getattr(stage, champ) for champ in CHAMPS_STAGE}
        else:
            initial = {"debut": periode.debut, "fin": periode.fin,
                       "apprenant": request.GET.get("apprenant")}
        form, statut = StageForm(initial=initial, periode=periode, stage=stage), 200
    return render(request, "pfmp/stage_form.html", {
        "periode": periode, "classe": periode.classe, "stage": stage, "form": form,
        "titre": (_("Modifier la PFMP de %(nom)s") % {"nom": stage.apprenant.nom_complet}
                  if stage else _("Affecter une PFMP — %(titre)s") % {"titre": periode.titre})},
        status=statut)


@acces("pfmp.change_periode", perimetre=pp.periodes_lisibles, objet="periode")
def stage_ajouter(request, periode):
    return _formulaire_stage(request, periode)


@acces("pfmp.change_stage", perimetre=pp.stages_lisibles, objet="stage")
def stage_modifier(request, stage):
    return _formulaire_stage(request, stage.periode, stage)


def _page(request, stage, *, status=200, attestation_form=None, signature_form=None):
    user = request.user
    peut_attester = may(user, "pfmp.change_attestation", stage)
    qualite = qualite_de(stage, user) if peut_attester else None
    return render(request, "pfmp/stage.html", {
        "stage": stage, "apprenant": stage.apprenant, "periode": stage.periode,
        "classe": stage.periode.classe,
        "effectuees": semaines_effectuees(stage), "prevues": semaines_prevues(stage),
        "visites": stage.visites.select_related("auteur").order_by("date", "pk"),
        "signatures": etat_des_signatures(stage),
        "criteres": stage.periode.situation.criteres.select_related("competence")
        .order_by("competence__ordre", "ordre"),
        "peut_modifier": may(user, "pfmp.change_stage", stage),
        "peut_visiter": may(user, "pfmp.add_visite", stage),
        "voit_classe": may(user, "pfmp.view_classe", stage.periode.classe),
        "peut_attester": peut_attester,
        "qualite": QualiteSignataire(qualite).label if qualite else "",
        "attestation_form": attestation_form or AttestationForm(initial={
            "jours_absence": stage.jours_absence, "absences_detail": stage.absences_detail,
            "activites_realisees": stage.activites_realisees,
            "appreciation_tuteur": stage.appreciation_tuteur}),
        "signature_form": signature_form or SignatureForm()}, status=status)


@acces("pfmp.view_stage", perimetre=pp.stages_lisibles, objet="stage")
def stage(request, stage):
    return _page(request, stage)


@acces("pfmp.change_attestation", perimetre=pp.stages_lisibles, objet="stage")
def attestation(request, stage):
    """POST: absences, activities done and the tutor's appreciation."""
    if request.method != "POST":
        return redirect("pfmp:stage", stage.pk)
    form = AttestationForm(request.POST)
    if form.is_valid():
        try:
            enregistrer_attestation(stage, **form.cleaned_data)
        except ValidationError as erreur:
            erreurs_du_service(form, erreur)
        else:
            messages.success(request, _("Attestation mise à jour. Les signatures déjà faites "
                                        "portent sur la version précédente si elle a changé."))
            return redirect("pfmp:stage", stage.pk)
    return _page(request, stage, status=INVALIDE, attestation_form=form)


@acces("pfmp.change_attestation", perimetre=pp.stages_lisibles, objet="stage")
def signer(request, stage):
    """POST: sign the attestation as it is now, with the typed name."""
    if request.method != "POST":
        return redirect("pfmp:stage", stage.pk)
    form = SignatureForm(request.POST)
    if form.is_valid():
        try:
            signer_attestation(stage, request.user, form.cleaned_data["nom"])
        except ValidationError as erreur:
            erreurs_du_service(form, erreur)
        else:
            messages.success(request, _("Attestation signée."))
            return redirect("pfmp:stage", stage.pk)
    return _page(request, stage, status=INVALIDE, signature_form=form)


@acces("pfmp.add_visite", perimetre=pp.stages_lisibles, objet="stage")
def visite_ajouter(request, stage):
    if request.method == "POST":
        form = VisiteForm(request.POST)
        if form.is_valid():
            try:
                enregistrer_visite(stage, request.user, **form.cleaned_data)
            except ValidationError as erreur:
                erreurs_du_service(form, erreur)
            else:
                messages.success(request, _("Compte rendu enregistré."))
                return redirect("pfmp:stage", stage.pk)
        statut = INVALIDE
    else:
        form, statut = VisiteForm(), 200
    return render(request, "pfmp/visite_form.html", {
        "stage": stage, "apprenant": stage.apprenant, "form": form}, status=statut)


def _pdf(contenu: bytes, nom: str) -> HttpResponse:
    reponse = HttpResponse(contenu, content_type="application/pdf")
    reponse["Content-Disposition"] = f'inline; filename="{nom}"'
    return reponse


@acces("pfmp.view_stage", perimetre=pp.stages_lisibles, objet="stage")
def convention_pdf(request, stage):
    return _pdf(documents.convention_pdf(stage), documents.nom_du_pdf("convention", stage))


@acces("pfmp.view_stage", perimetre=pp.stages_lisibles, objet="stage")
def attestation_pdf(request, stage):
    return _pdf(documents.attestation_pdf(stage, etat_des_signatures(stage)),
                documents.nom_du_pdf("attestation-pfmp", stage))
