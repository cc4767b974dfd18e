"""An administrator's pages: export a learner's record, import one (upload → preview →
confirm, both run by the worker: ``taches``). Every view goes through the access policy
(``politique``); an import of another establishment is a 404."""
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.vues import acces, exige, objet_ou_404
from cpro_platform.etablissements.gestion.base import administration, apprenants_de

from . import archive, taches
from .forms import DepotForm
from .models import EtatImport, ImportDossier

importation = acces("portabilite.importer_dossier", perimetre=p.etablissements_administres,
                    kwarg="etablissement", objet="etablissement")


@administration()
def exporter(request, etablissement, pk: int):
    """The learner's signed archive, to carry to another installation."""
    apprenant = objet_ou_404(apprenants_de(etablissement), pk=pk)
    exige(request.user, "portabilite.exporter_dossier", apprenant)
    reponse = HttpResponse(archive.exporter(apprenant), content_type="application/zip")
    nom = f"dossier-{slugify(apprenant.nom)}-{apprenant.ine}.zip"
    reponse["Content-Disposition"] = content_disposition_header(True, nom)
    reponse["Cache-Control"] = "private, no-store"
    return reponse


#: Seconds between two looks at a running import's progress.
INTERVALLE = 2
RECENTS = 10


def _dossier(etablissement, pk: int) -> ImportDossier:
    """An import of the URL's establishment (another one's: 404)."""
    return objet_ou_404(etablissement.imports_dossiers.select_related("auteur", "apprenant"),
                        pk=pk)


@importation
def importer_dossier(request, etablissement):
    """Upload an archive: checked cheaply here (a ZIP, its size); the worker verifies it and
    previews its import, followed on the import's page."""
    form = DepotForm(request.POST, request.FILES) if request.method == "POST" else DepotForm()
    if request.method == "POST" and form.is_valid():
        taches.menage(etablissement)
        fichier = form.cleaned_data["archive"]
        dossier = ImportDossier(etablissement=etablissement, auteur=request.user,
                                nom_fichier=fichier.name[:255])
        dossier.fichier.save(fichier.name, fichier)
        taches.apercevoir.enqueue(dossier.pk)
        return redirect("portabilite:dossier", etablissement.pk, dossier.pk)
    recents = etablissement.imports_dossiers.select_related("auteur", "apprenant")[:RECENTS]
    return render(request, "portabilite/importer.html", {
        "etablissement": etablissement, "section": "apprenants", "form": form,
        "recents": recents}, status=422 if form.is_bound else 200)


@importation
def dossier(request, etablissement, pk: int):
    """An import at any stage: progress (polled by htmx), preview and its confirmation,
    refusal, or result."""
    dossier = _dossier(etablissement, pk)
    if request.htmx:
        if dossier.en_marche:
            return render(request, "portabilite/_progression.html",
                          {"dossier": dossier, "intervalle": INTERVALLE})
        reponse = HttpResponse(status=204)
        reponse["HX-Refresh"] = "true"
        return reponse
    return render(request, "portabilite/dossier.html", {
        "etablissement": etablissement, "section": "apprenants", "dossier": dossier,
        "apercu": dossier.lire_apercu(), "intervalle": INTERVALLE, "EtatImport": EtatImport,
        "confirmable": dossier.confirmable and dossier.auteur_id == request.user.pk})


@importation
@require_POST
def confirmer(request, etablissement, pk: int):
    """Queue the commit of a previewed archive: once, and only by the one who uploaded it."""
    dossier = _dossier(etablissement, pk)
    pret = dossier.confirmable and dossier.auteur_id == request.user.pk and (
        ImportDossier.objects.filter(pk=dossier.pk, etat=EtatImport.APERCU)
        .update(etat=EtatImport.CONFIRME, debut=timezone.now()))
    if pret:
        taches.importer_archive.enqueue(dossier.pk)
    else:
        messages.error(request, _("Ce dossier n’attend pas de confirmation de votre part (il "
                                  "a déjà été importé ou refusé, ou un autre administrateur "
                                  "l’a déposé) : déposez-le de nouveau si besoin."))
    return redirect("portabilite:dossier", etablissement.pk, dossier.pk)
