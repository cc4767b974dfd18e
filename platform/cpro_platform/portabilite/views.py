"""An administrator's pages: export a learner's record, import one (upload → preview →
confirm). Every view goes through the access policy (``politique``)."""
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.vues import acces, exige, objet_ou_404
from cpro_platform.etablissements.gestion.base import administration, apprenants_de

from . import archive, depots
from .forms import DepotForm
from .apercu import Apercu
from .importation import importer

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


def _page(request, etablissement, status=200, **contexte):
    return render(request, "portabilite/importer.html",
                  {"etablissement": etablissement, "section": "apprenants", **contexte},
                  status=status)


def _apercu(request, fichier, etablissement, confirmer: bool) -> Apercu:
    try:
        lue = archive.lire(fichier)
    except archive.ArchiveRefusee as refus:
        return Apercu(refus=[str(refus)])
    return importer(lue, etablissement=etablissement, confirmer=confirmer,
                    auteur=request.user)


@importation
def importer_dossier(request, etablissement):
    """Upload an archive: its preview, with the button that commits it."""
    if request.method != "POST":
        return _page(request, etablissement, form=DepotForm())
    form = DepotForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, etablissement, status=422, form=form)
    fichier = form.cleaned_data["archive"]
    apercu = _apercu(request, fichier, etablissement, confirmer=False)
    jeton = ""
    if apercu.acceptable and not apercu.deja_importe:
        fichier.seek(0)
        jeton = depots.deposer(request, etablissement, fichier)
    return _page(request, etablissement, status=200 if apercu.acceptable else 422,
                 apercu=apercu, jeton=jeton, form=DepotForm())


@importation
@require_POST
def confirmer(request, etablissement):
    """Commit the previewed archive, all or nothing."""
    jeton = request.POST.get("jeton", "")
    fichier = depots.ouvrir(request, etablissement, jeton)
    if fichier is None:
        messages.error(request, _("Ce dépôt n’est plus disponible : déposez le dossier de "
                                  "nouveau."))
        return redirect("portabilite:importer", etablissement.pk)
    with fichier:
        apercu = _apercu(request, fichier, etablissement, confirmer=True)
    if not apercu.acceptable:
        return _page(request, etablissement, status=422, apercu=apercu, form=DepotForm())
    depots.retirer(request, etablissement, jeton)
    messages.success(request, _("Le dossier de %(qui)s a été importé.") % {
        "qui": apercu.apprenant})
    return _page(request, etablissement, apercu=apercu, form=DepotForm())
