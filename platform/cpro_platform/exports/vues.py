"""Exports pages: a class's and a learner's list of registered formats, running one, and the
background batch (progress bar polled by htmx, then the download).

Every view goes through the access policy (``politique``): an object outside the user's scope
is a 404. Quick formats answer the file at once (GET); background ones are launched by POST
and followed on the batch's page.
"""
import posixpath

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces
from cpro_platform.etablissements.models import Inscription
from cpro_platform.regles import APPRENANT, CLASSE, DemandeExport, ErreurDeRegle, RienAExporter

from . import perimetres as ep
from . import registre, taches
from .integres import apprenants_de
from .models import EtatLot

#: Seconds between two looks at a running batch's progress.
INTERVALLE = 2
LOTS_RECENTS = 10


def classe_de(apprenant):
    """The class a learner's exports are asked from: their latest enrolment's."""
    inscription = (Inscription.objects.filter(apprenant=apprenant).select_related("classe")
                   .order_by("-debut", "-pk").first())
    return inscription.classe if inscription else None


def formats_ou_alerte(request, portee: str) -> list:
    """The formats of ``portee``; a plugin that registers badly is named, and none listed."""
    try:
        return registre.formats(portee)
    except ErreurDeRegle as erreur:
        messages.error(request, _("Les formats d’export ne peuvent pas être listés : "
                                  "%(cause)s") % {"cause": registre.cause(erreur)})
        return []


def _fichier(resultat: registre.Resultat) -> HttpResponse:
    response = HttpResponse(resultat.contenu, content_type=resultat.type_media)
    # Escaped for any name a plugin chose (quotes, accents, line breaks).
    response["Content-Disposition"] = content_disposition_header(True, resultat.nom)
    return response


def executer(request, code: str, portee: str, classe, apprenant, retour: str,
             parametres: dict | None = None) -> HttpResponse:
    """Run format ``code`` of ``portee`` for the request: the file, or the batch launched."""
    try:
        enregistre = registre.format_(code)
    except registre.FormatInconnu:
        raise Http404 from None
    except ErreurDeRegle as erreur:
        messages.error(request, _("L’export a échoué : %(cause)s Aucun fichier n’a été "
                                  "produit.") % {"cause": registre.cause(erreur)})
        return redirect(retour)
    if enregistre.format.portee != portee:
        raise Http404
    if enregistre.format.arriere_plan:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if classe is None:
            messages.error(request, _("Cet apprenant n’est inscrit dans aucune classe : "
                                      "l’export ne peut pas être préparé."))
            return redirect(retour)
        lot, nouveau = taches.lancer(code, classe, apprenant, request.user, parametres)
        if not nouveau:
            messages.info(request, _("Cet export est déjà en préparation."))
        return redirect("exports:lot", lot.pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    demande = DemandeExport(classe=classe, apprenant=apprenant, utilisateur=request.user)
    try:
        return _fichier(registre.produire(enregistre, demande))
    except RienAExporter as rien:
        messages.error(request, str(rien))
    except ErreurDeRegle as erreur:
        messages.error(request, _("L’export a échoué : %(cause)s Aucun fichier n’a été "
                                  "produit.") % {"cause": registre.cause(erreur)})
    return redirect(retour)


@acces("exports.view_exports_classe", perimetre=ep.classes_lisibles_detail, objet="classe")
def classe(request, classe):
    """The class's formats (runnable by its producers), its learners, its recent batches."""
    return render(request, "exports/classe.html", {
        "classe": classe, "formats": formats_ou_alerte(request, CLASSE),
        "peut_exporter": may(request.user, "exports.export_classe", classe),
        "apprenants": apprenants_de(classe),
        "lots": list(ep.lots_lisibles(request.user).filter(classe=classe)[:LOTS_RECENTS])})


@acces("exports.export_classe", perimetre=ep.classes_exportables, objet="classe")
def exporter_classe(request, classe, code):
    return executer(request, code, CLASSE, classe, None,
                    reverse("exports:classe", args=[classe.pk]))


@acces("exports.export_apprenant", perimetre=ep.apprenants_exportables, objet="apprenant")
def apprenant(request, apprenant):
    return render(request, "exports/apprenant.html", {
        "apprenant": apprenant, "formats": formats_ou_alerte(request, APPRENANT),
        "lots": list(ep.lots_lisibles(request.user).filter(apprenant=apprenant)
                     [:LOTS_RECENTS])})


@acces("exports.export_apprenant", perimetre=ep.apprenants_exportables, objet="apprenant")
def exporter_apprenant(request, apprenant, code):
    return executer(request, code, APPRENANT, classe_de(apprenant), apprenant,
                    reverse("exports:apprenant", args=[apprenant.pk]))


@acces("exports.view_lot", perimetre=ep.lots_lisibles, objet="lot")
def lot(request, lot):
    """A batch: its progress bar while it runs (polled by htmx), then its download."""
    if request.htmx:
        if lot.en_marche:
            return render(request, "exports/_progression.html",
                          {"lot": lot, "intervalle": INTERVALLE})
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    trouve = registre.formats_export_ou_none(lot.format)
    return render(request, "exports/lot.html", {
        "lot": lot, "format": trouve.format if trouve else None, "intervalle": INTERVALLE,
        "EtatLot": EtatLot})


@acces("exports.view_lot", perimetre=ep.lots_lisibles, objet="lot")
def lot_telecharger(request, lot):
    if lot.etat != EtatLot.TERMINE or not lot.fichier:
        raise Http404
    trouve = registre.formats_export_ou_none(lot.format)
    return FileResponse(lot.fichier.open("rb"), as_attachment=True,
                        filename=posixpath.basename(lot.fichier.name),
                        content_type=trouve.format.type_media if trouve
                        else "application/octet-stream")
