"""The alternance calendar's editor: a year on one screen, a pattern, a copy (the centre)."""
import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cpro_platform.acces.vues import acces
from cpro_platform.etablissements.models import Inscription

from .. import perimetres as ap
from ..calendrier import calendrier as semaines_du, copie, decomptes, enregistrer_semaines, motif
from ..forms import CopieForm, MotifForm
from ..lecture import par_mois
from ..models import Contrat, LieuSemaine

PREFIXE = "s-"


def _sources(request, contrat):
    """Other contracts of apprentices enrolled in a class with this one, that ``user``
    follows too."""
    classes = Inscription.objects.filter(apprenant=contrat.apprenant).values("classe")
    return (ap.contrats_suivis(request.user)
            .filter(apprenant__in=Inscription.objects.filter(classe__in=classes)
                    .values("apprenant"))
            .exclude(pk=contrat.pk).select_related("apprenant", "employeur"))


def _page(request, contrat, status=200, erreurs=(), motif_form=None, copie_form=None):
    semaines = semaines_du(contrat)
    return render(request, "apprentissage/calendrier.html", {
        "contrat": contrat, "mois": par_mois(semaines), "decomptes": decomptes(semaines),
        "lieux": LieuSemaine.choices, "prefixe": PREFIXE, "erreurs": erreurs,
        "motif_form": motif_form or MotifForm(initial={"depuis": contrat.debut}),
        "copie_form": copie_form or CopieForm(sources=_sources(request, contrat))},
        status=status)


def _saisies(post) -> dict[datetime.date, str]:
    saisies = {}
    for cle, valeur in post.items():
        if cle.startswith(PREFIXE):
            try:
                saisies[datetime.date.fromisoformat(cle[len(PREFIXE):])] = valeur
            except ValueError:
                raise ValidationError(_("Semaine illisible : %(cle)s.") % {"cle": cle[:30]})
    return saisies


def _enregistrer(request, contrat, saisies, **formulaires):
    try:
        n = enregistrer_semaines(contrat, saisies)
    except ValidationError as erreur:
        return _page(request, contrat, status=422, erreurs=erreur.messages, **formulaires)
    messages.success(request, _("Calendrier enregistré (%(n)s semaine(s) modifiée(s)).")
                     % {"n": n})
    return redirect("apprentissage:calendrier", contrat.pk)


@acces("apprentissage.change_calendrier", perimetre=ap.contrats_suivis, objet="contrat")
def calendrier(request, contrat: Contrat):
    if request.method != "POST":
        return _page(request, contrat)
    try:
        saisies = _saisies(request.POST)
    except ValidationError as erreur:
        return _page(request, contrat, status=422, erreurs=erreur.messages)
    return _enregistrer(request, contrat, saisies)


@acces("apprentissage.change_calendrier", perimetre=ap.contrats_suivis, objet="contrat")
def calendrier_motif(request, contrat: Contrat):
    if request.method != "POST":
        return redirect("apprentissage:calendrier", contrat.pk)
    form = MotifForm(request.POST)
    if not form.is_valid():
        return _page(request, contrat, status=422, motif_form=form)
    try:
        saisies = motif(contrat, form.cleaned_data["depuis"], form.sequence())
    except ValidationError as erreur:
        return _page(request, contrat, status=422, erreurs=erreur.messages, motif_form=form)
    return _enregistrer(request, contrat, saisies, motif_form=form)


@acces("apprentissage.change_calendrier", perimetre=ap.contrats_suivis, objet="contrat")
def calendrier_copier(request, contrat: Contrat):
    if request.method != "POST":
        return redirect("apprentissage:calendrier", contrat.pk)
    form = CopieForm(request.POST, sources=_sources(request, contrat))
    if not form.is_valid():
        return _page(request, contrat, status=422, copie_form=form)
    return _enregistrer(request, contrat, copie(contrat, form.cleaned_data["source"]),
                        copie_form=form)
