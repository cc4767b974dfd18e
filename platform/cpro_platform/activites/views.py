"""Fiches d'activité pages: a learner's sheets, declare and edit (learner or teacher), one
sheet with its history, the tutor's review, photos through the policy, a class's sheets.
Every view goes through the access policy (``activites.politique``)."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cpro_platform.acces.politique import may
from cpro_platform.acces.roles import apprenant_de
from cpro_platform.acces.vues import acces
from cpro_platform.pfmp.models import StagePFMP
from cpro_platform.suivi.preuves import reponse_preuve

from . import fiches
from . import perimetres as ap
from .forms import FicheForm, FiltresForm, RelectureForm
from .models import EtatFiche, FicheActivite
from .regles import ETATS_MODIFIABLES


def _avec_details(qs):
    return (qs.select_related("apprenant", "auteur", "relue_par", "stage__periode",
                              "stage__entreprise", "contrat__employeur")
            .prefetch_related("activites", "competences", "photos")
            .order_by("-date", "-pk"))


def _erreurs_dans(form, erreur: ValidationError) -> None:
    if hasattr(erreur, "error_dict"):
        for champ, textes in erreur.message_dict.items():
            for texte in textes:
                form.add_error(champ if champ in form.fields else None, texte)
    else:
        for texte in erreur.messages:
            form.add_error(None, texte)


@acces("activites.view_mes_fiches")
def mes_fiches(request):
    return redirect("activites:apprenant", apprenant_de(request.user).pk)


@acces("activites.view_fiches", perimetre=ap.apprenants_lisibles, objet="apprenant")
def apprenant(request, apprenant):
    return render(request, "activites/apprenant.html", {
        "apprenant": apprenant,
        "fiches": _avec_details(FicheActivite.objects.filter(apprenant=apprenant)),
        "peut_declarer": may(request.user, "activites.add_fiche", apprenant)})


def _formulaire(request, apprenant, fiche=None):
    form = FicheForm(request.POST or None, request.FILES or None, apprenant=apprenant,
                     fiche=fiche)
    if request.method == "POST" and form.is_valid():
        try:
            if fiche is None:
                fiche = fiches.declarer(apprenant, request.user, form.contenu())
                messages.success(request, _("Fiche d'activité déclarée : votre tuteur "
                                            "peut la relire."))
            else:
                fiches.modifier(fiche, request.user, form.contenu())
                messages.success(request, _("Fiche d'activité modifiée."))
        except ValidationError as erreur:
            _erreurs_dans(form, erreur)
        else:
            return redirect("activites:fiche", fiche.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "activites/formulaire.html", {
        "apprenant": apprenant, "fiche": fiche, "form": form,
        "pour_autrui": apprenant.user_id != request.user.pk}, status=status)


@acces("activites.add_fiche", perimetre=ap.apprenants_declarants, objet="apprenant")
def declarer(request, apprenant):
    return _formulaire(request, apprenant)


@acces("activites.change_fiche", perimetre=ap.fiches_modifiables, objet="fiche")
def modifier(request, fiche):
    if fiche.etat not in ETATS_MODIFIABLES:
        messages.error(request, _("Cette fiche a été confirmée par le tuteur : elle ne peut "
                                  "plus être modifiée."))
        return redirect("activites:fiche", fiche.pk)
    return _formulaire(request, fiche.apprenant, fiche)


def _page_fiche(request, fiche, relecture=None, status=200):
    peut_relire = may(request.user, "activites.relire_fiche", fiche)
    if relecture is None and peut_relire and fiche.etat != EtatFiche.CONFIRMEE:
        relecture = RelectureForm()
    return render(request, "activites/fiche.html", {
        "fiche": fiche, "relecture": relecture if peut_relire else None,
        "peut_modifier": (fiche.etat in ETATS_MODIFIABLES
                          and may(request.user, "activites.change_fiche", fiche)),
        "historique": fiche.history.select_related("history_user").order_by("-history_date"),
    }, status=status)


@acces("activites.view_fiche", perimetre=ap.fiches_lisibles, objet="fiche")
def fiche(request, fiche):
    return _page_fiche(request, fiche)


@acces("activites.relire_fiche", perimetre=ap.fiches_relisibles, objet="fiche")
def relire(request, fiche):
    """POST: confirm the sheet, or send it back "à revoir" with a comment."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RelectureForm(request.POST)
    if form.is_valid():
        try:
            fiches.relire(fiche, request.user, **form.cleaned_data)
        except ValidationError as erreur:
            _erreurs_dans(form, erreur)
        else:
            messages.success(request, _("Fiche confirmée.") if fiche.etat == EtatFiche.CONFIRMEE
                             else _("Fiche renvoyée à l'apprenant avec votre commentaire."))
            return redirect("activites:fiche", fiche.pk)
    return _page_fiche(request, fiche, relecture=form, status=422)


@acces("activites.view_a_relire")
def a_relire(request):
    """The tutor's or master's sheets: to review first, then the reviewed ones."""
    qs = _avec_details(ap.fiches_relisibles(request.user))
    fiches_ = list(qs)
    return render(request, "activites/a_relire.html", {
        "a_relire": [f for f in fiches_ if f.etat == EtatFiche.DECLAREE],
        "relues": [f for f in fiches_ if f.etat != EtatFiche.DECLAREE]})


@acces("activites.view_photo", perimetre=ap.photos_lisibles, objet="photo")
def photo(request, photo):
    """A sheet's photo, to those who may read the sheet: the only way to it."""
    try:
        fichier = photo.fichier.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return reponse_preuve(fichier, photo.type, photo.nom)


@acces("activites.view_fiches_classe", perimetre=ap.classes_lisibles, objet="classe")
def classe(request, classe):
    """The class's sheets, filtered by learner, state and PFMP period."""
    filtres = FiltresForm(request.GET or None, classe=classe)
    qs = FicheActivite.objects.filter(apprenant__inscriptions__classe=classe).distinct()
    if filtres.is_valid():
        d = filtres.cleaned_data
        if d["apprenant"]:
            qs = qs.filter(apprenant=d["apprenant"])
        if d["etat"]:
            qs = qs.filter(etat=d["etat"])
        if d["periode"]:
            qs = qs.filter(stage__periode=d["periode"])
    stages = (StagePFMP.objects.filter(periode__classe=classe)
              .select_related("apprenant", "periode", "entreprise", "tuteur__user")
              .order_by("periode__debut", "apprenant__nom"))
    return render(request, "activites/classe.html", {
        "classe": classe, "filtres": filtres, "fiches": _avec_details(qs),
        "stages": stages})


