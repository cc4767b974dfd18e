"""Upload → preview (nothing written) → confirm (queued) → progress → result.

Only the establishment's administrators import, and only into that establishment: every view
goes through the administration rule of ``gestion.base`` (another establishment → 404), and
an import belongs to its establishment (another one's → 404).

The preview and the result are paginated (``PAR_PAGE`` rows, errors first); the run itself
is a background task, whose page refreshes its progress bar through htmx polling (no inline
script) and reloads when the run ends.
"""
from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cpro_platform.acces.vues import objet_ou_404
from cpro_platform.comptes.forms import DsfrForm

from ..gestion.base import administration
from ..models import Etablissement, EtatImport, Importation
from . import depot, lecture, taches
from .base import Action, Importateur
from .importateurs import IMPORTATEURS

SECTION = "imports"
PAR_PAGE = 50
RECENTS = 10
#: Seconds between two looks at a running import's progress.
INTERVALLE = 2


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
        "importateurs": list(IMPORTATEURS.values()), "limites": {
            "mo": lecture.TAILLE_MAX // (1024 * 1024), "lignes": lecture.LIGNES_MAX,
            "colonnes": lecture.COLONNES_MAX}, **context})


def _importation(etablissement: Etablissement, pk: int, *differes: str) -> Importation:
    return objet_ou_404(etablissement.importations.select_related("auteur").defer(
        "contenu", *differes), pk=pk)


@administration()
def imports(request, etablissement: Etablissement):
    recents = etablissement.importations.exclude(etat=EtatImport.APERCU).select_related(
        "auteur").defer("contenu", "lignes", "erreurs")[:RECENTS]
    return _page(request, etablissement, "index.html", recents=recents)


@administration()
def importer(request, etablissement: Etablissement, type: str):
    """The upload form; a posted file is analysed, its preview stored, nothing imported."""
    importateur = _importateur(request, etablissement, type)
    form = DepotForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        fichier = form.cleaned_data["fichier"]
        contenu = fichier.read()
        analyse = importateur.analyser(contenu, fichier.name)
        importation = depot.deposer(etablissement, request.user, type, fichier.name, contenu,
                                    analyse)
        return redirect("imports:importation", etablissement=etablissement.pk,
                        importation=importation.pk)
    return _page(request, etablissement, "importer.html", importateur, form=form)


def _lignes_de_la_page(request, importation: Importation):
    """Errors first (a file with errors shows only them), then the rows, by pages."""
    page = Paginator(importation.erreurs or importation.lignes, PAR_PAGE).get_page(
        request.GET.get("page"))
    for ligne in page:
        if "action" in ligne:
            ligne["libelle"] = Action.LIBELLES[ligne["action"]]
    return page


@administration()
def importation(request, etablissement: Etablissement, importation: int):
    """An import at any stage: preview and confirmation, progress, or result."""
    if request.htmx:  # the progress bar's polling: the bar alone, or reload once finished
        importation = _importation(etablissement, importation, "lignes", "erreurs")
        if importation.en_marche:
            return render(request, "etablissements/imports/_progression.html", {
                "etablissement": etablissement, "importation": importation,
                "intervalle": INTERVALLE})
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    importation = _importation(etablissement, importation)
    importateur = IMPORTATEURS[importation.type]
    return _page(request, etablissement, "importation.html", importateur,
                 importation=importation, page=_lignes_de_la_page(request, importation),
                 lignes_en_erreur=len({e["numero"] for e in importation.erreurs}),
                 form=DepotForm(), intervalle=INTERVALLE, EtatImport=EtatImport,
                 confirmable=importation.etat == EtatImport.APERCU
                 and not importation.erreurs and importation.auteur_id == request.user.pk)


@administration()
@require_POST
def confirmer(request, etablissement: Etablissement, importation: int):
    """Queue the previewed import: the worker validates it again, then writes it."""
    importation = _importation(etablissement, importation, "lignes")
    pret = not importation.erreurs and importation.auteur_id == request.user.pk and (
        Importation.objects.filter(pk=importation.pk, etat=EtatImport.APERCU)
        .update(etat=EtatImport.EN_FILE))
    if not pret:
        messages.error(request, _("Cet import n’attend plus de confirmation (il a déjà été "
                                  "lancé, ou a été remplacé par un dépôt plus récent) : "
                                  "déposez le fichier à nouveau si besoin."))
    else:
        taches.importer.enqueue(importation.pk)
    return redirect("imports:importation", etablissement=etablissement.pk,
                    importation=importation.pk)
