"""Pages of the commission d'évaluation: the class × sous-épreuve table, preparing the
commission, adjusting a mark, validating, and the documents (minutes, table as PDF and XLSX).

Every view goes through the access policy (``politique_commission``). Refused input: the page
again with the reason (422), nothing written.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces, objet_ou_404

from .. import commission as services
from .. import documents_commission as documents
from .. import perimetres as cp
from ..forms_commission import AjustementForm, CommissionForm
from ..models import GrilleCCF
from ..tableau_commission import cellule_de

INVALIDE = 422
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sessions_lisibles(user):
    return cp.sessions_lisibles(user).select_related(
        "classe__etablissement", "classe__annee", "referentiel", "commission__validee_par")


def _commissions_lisibles(user):
    return cp.commissions_lisibles(user).select_related(
        "session__classe__etablissement", "session__referentiel", "validee_par")


def _page(request, session, *, status=200, erreurs=()):
    commission = services.commission_de(session)
    ajustements = documents.ajustements(commission) if commission else []
    tableau = services.tableau_de(session, commission, ajustements)
    peut = {}
    if commission is not None:
        peut = {"ajuster": not commission.validee and may(
                    request.user, "certification.adjust_commission", commission),
                "valider": not commission.validee and may(
                    request.user, "certification.validate_commission", commission)}
    return render(request, "certification/commission/commission.html", {
        "session": session, "classe": session.classe, "commission": commission,
        "tableau": tableau, "paires": [(ligne, tableau.paires(ligne)) for ligne in tableau.lignes],
        "membres": services.membres(commission, session) if commission else [],
        "ajustements": ajustements,
        "motifs_refus": ([] if commission and commission.validee
                         else services.motifs_de_refus(tableau)),
        "peut_preparer": not (commission and commission.validee) and may(
            request.user, "certification.prepare_commission", session),
        "peut_ajuster": peut.get("ajuster", False), "peut_valider": peut.get("valider", False),
        "erreurs": erreurs}, status=status)


@acces("certification.view_commission", perimetre=_sessions_lisibles, objet="session")
def commission(request, session):
    return _page(request, session)


@acces("certification.prepare_commission", perimetre=_sessions_lisibles, objet="session")
def preparer(request, session):
    """Create or update the commission: date, place, members, observations."""
    existante = services.commission_de(session)
    possibles = services.membres_possibles(session)
    initial = {"membres": [m.user.pk for m in possibles]}
    if existante:
        initial = {"date": existante.date, "lieu": existante.lieu,
                   "observations": existante.observations,
                   "membres": list(existante.membres.values_list("pk", flat=True))}
    form = CommissionForm(request.POST or None, initial=initial, possibles=possibles)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.preparer(session, **form.cleaned_data)
            except ValidationError as erreur:
                form.add_error(None, erreur)
            else:
                messages.success(request, _("Commission d’évaluation enregistrée."))
                return redirect("certification:commission", session.pk)
        status = INVALIDE
    return render(request, "certification/commission/preparer.html", {
        "session": session, "classe": session.classe, "commission": existante, "form": form},
        status=status)


@acces("certification.adjust_commission", perimetre=_commissions_lisibles, objet="commission")
def ajuster(request, commission, grille):
    """Adjust a signed grid's mark, with a reason; the grid's adjustments so far."""
    grille = objet_ou_404(GrilleCCF.objects.filter(session_id=commission.session_id)
                          .select_related("apprenant", "epreuve"), pk=grille)
    form = AjustementForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = INVALIDE
        if form.is_valid():  # the service checks the mark and the reason
            try:
                ajustement = services.ajuster(commission, grille, form.cleaned_data["note"],
                                              form.cleaned_data["motif"], request.user)
            except ValidationError as erreur:
                form.add_error(None, erreur)
            else:
                messages.success(request, _(
                    "Note de %(apprenant)s en %(code)s arrêtée à %(note)s / 20.") % {
                    "apprenant": grille.apprenant.nom_complet, "code": grille.epreuve.code,
                    "note": number_format(ajustement.note_apres, 2)})
                return redirect("certification:commission", commission.session_id)
    return render(request, "certification/commission/ajuster.html", {
        "commission": commission, "session": commission.session, "grille": grille,
        "cellule": cellule_de(grille), "form": form,
        "historique": grille.ajustements.select_related("par").order_by("-le", "-pk")},
        status=status)


@acces("certification.validate_commission", perimetre=_commissions_lisibles,
       objet="commission")
@require_POST
def valider(request, commission):
    try:
        services.valider(commission, request.user)
    except ValidationError as erreur:
        return _page(request, commission.session, status=INVALIDE, erreurs=erreur.messages)
    messages.success(request, _("Commission validée : le tableau est archivé et la session "
                                "est figée."))
    return redirect("certification:commission", commission.session_id)


def _fichier(contenu: bytes, nom: str, type_mime: str, *, attachement: bool) -> HttpResponse:
    response = HttpResponse(contenu, content_type=type_mime)
    disposition = "attachment" if attachement else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{nom}"'
    return response


@acces("certification.view_proces_verbal", perimetre=_commissions_lisibles, objet="commission")
def proces_verbal(request, commission):
    session = commission.session
    return _fichier(documents.proces_verbal_pdf(commission),
                    documents.nom_de_fichier(session, "proces-verbal", "pdf"),
                    "application/pdf", attachement=False)


@acces("certification.view_commission", perimetre=_sessions_lisibles, objet="session")
def tableau_pdf(request, session):
    return _fichier(documents.tableau_pdf(session),
                    documents.nom_de_fichier(session, "tableau-commission", "pdf"),
                    "application/pdf", attachement=False)


@acces("certification.view_commission", perimetre=_sessions_lisibles, objet="session")
def tableau_xlsx(request, session):
    return _fichier(documents.tableau_xlsx(session),
                    documents.nom_de_fichier(session, "tableau-commission", "xlsx"), XLSX,
                    attachement=True)
