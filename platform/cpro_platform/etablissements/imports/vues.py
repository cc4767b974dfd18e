"""Upload → preview (nothing written) → confirm (validated again, all or nothing) → result.

Only the establishment's administrators import, and only into that establishment: every view
goes through the administration rule of ``gestion.base`` (another establishment → 404).
"""
from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cpro_platform.comptes.forms import DsfrForm

from ..gestion.base import administration
from ..models import Etablissement
from . import depot, lecture
from .apprenants import ImportApprenants
from .base import Importateur
from .classes import ImportClasses
from .personnels import ImportPersonnels

#: In the order an establishment imports them: classes first, learners and staff refer to them.
IMPORTATEURS: dict[str, type[Importateur]] = {
    i.type: i for i in (ImportClasses, ImportApprenants, ImportPersonnels)}
SECTION = "imports"


class DepotForm(DsfrForm):
    fichier = forms.FileField(label=gettext_lazy("Fichier CSV ou XLSX"), help_text=gettext_lazy(
        "Première ligne : les en-têtes de colonnes. CSV en UTF-8 ou Windows-1252, séparateur "
        "point-virgule ou virgule."))

    def clean_fichier(self):
        fichier = self.cleaned_data["fichier"]
        if fichier.size > lecture.TAILLE_MAX:  # before reading it; ``lire`` checks again
            raise forms.ValidationError(_("Le fichier dépasse %(mo)s Mo : découpez-le en "
                                          "plusieurs fichiers.") % {
                                              "mo": lecture.TAILLE_MAX // (1024 * 1024)})
        return fichier


def _importateur(request, etablissement: Etablissement, type: str) -> Importateur:
    if type not in IMPORTATEURS:
        raise Http404
    return IMPORTATEURS[type](etablissement, auteur=request.user)


def _page(request, etablissement, template: str, importateur=None, **context):
    return render(request, f"etablissements/imports/{template}", {
        "etablissement": etablissement, "section": SECTION, "importateur": importateur,
        "importateurs": list(IMPORTATEURS.values()), **context})


@administration()
def imports(request, etablissement: Etablissement):
    return _page(request, etablissement, "index.html")


@administration()
def importer(request, etablissement: Etablissement, type: str):
    """The upload form; a posted file is analysed and previewed, nothing is written."""
    importateur = _importateur(request, etablissement, type)
    form = DepotForm(request.POST or None, request.FILES or None)
    analyse = token = None
    if request.method == "POST" and form.is_valid():
        fichier = form.cleaned_data["fichier"]
        contenu = fichier.read()
        analyse = importateur.analyser(contenu, fichier.name)
        if analyse.valide:
            token = depot.deposer(request.session, etablissement=etablissement.pk, type=type,
                                  nom=fichier.name, contenu=contenu)
        form = DepotForm()
    return _page(request, etablissement, "importer.html", importateur, form=form,
                 analyse=analyse, token=token)


@administration()
@require_POST
def confirmer(request, etablissement: Etablissement, type: str):
    """Apply the upload ``token``, after validating it again."""
    importateur = _importateur(request, etablissement, type)
    token = request.POST.get("token", "")
    stocke = depot.reprendre(request.session, token, etablissement=etablissement.pk, type=type)
    if stocke is None:
        messages.error(request, _("Aucun fichier en attente d’import (ou il a déjà été "
                                  "importé) : déposez le fichier à nouveau."))
        return redirect("imports:importer", etablissement=etablissement.pk, type=type)
    nom, contenu = stocke
    analyse = importateur.executer(contenu, nom)
    if not analyse.applique:
        messages.error(request, _("Le fichier n’est plus valide : rien n’a été importé. "
                                  "Corrigez les erreurs ci-dessous et déposez-le à nouveau."))
        depot.oublier(request.session, token)
        return _page(request, etablissement, "importer.html", importateur, form=DepotForm(),
                     analyse=analyse, token=None)
    depot.oublier(request.session, token)
    return _page(request, etablissement, "resultat.html", importateur, analyse=analyse,
                 nom=nom)
