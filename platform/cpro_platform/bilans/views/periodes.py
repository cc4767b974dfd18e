"""Notes de période: the teacher's action for a campaign's class, one learner's period mark
with "pourquoi cette note", and its modulation (±2 points with a reason)."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces
from cpro_platform.regles import ErreurDeRegle

from .. import perimetres as bp
from .. import periodes as services
from ..forms import ModulationForm
from ..models import Bilan
from .incidents import message_erreur_de_regle
from .modulation import moduler_poste

INVALIDE = 422


@acces("bilans.change_campagne", perimetre=bp.campagnes_lisibles, objet="campagne")
def calculer(request, campagne):
    """POST: the period marks of the class (missing or outdated ones), all or nothing."""
    if request.method == "POST":
        try:
            fait = services.calculer_campagne(campagne, request.user)
        except ValidationError as erreur:
            messages.error(request, " ".join(erreur.messages))
        except ErreurDeRegle as erreur:
            messages.error(request, message_erreur_de_regle(erreur) + " " + _(
                "Rien n’a été enregistré."))
        else:
            _annoncer(request, fait)
    return redirect(reverse("bilans:campagne", args=[campagne.pk]) + "#notes-periode")


def _annoncer(request, fait: services.CalculDePeriode) -> None:
    phrases = []
    if fait.calculees:
        phrases.append(ngettext("%(n)s note de période calculée.",
                                "%(n)s notes de période calculées.",
                                len(fait.calculees)) % {"n": len(fait.calculees)})
    if fait.inchangees:
        phrases.append(ngettext(
            "%(n)s note de période déjà à jour, conservée (avec sa modulation).",
            "%(n)s notes de période déjà à jour, conservées (avec leur modulation).",
            fait.inchangees) % {"n": fait.inchangees})
    if fait.notes_epreuve:
        phrases.append(ngettext(
            "%(n)s note d’épreuve qui manquait a été calculée au passage.",
            "%(n)s notes d’épreuve qui manquaient ont été calculées au passage.",
            fait.notes_epreuve) % {"n": fait.notes_epreuve})
    if phrases:
        messages.success(request, " ".join(phrases))
    if fait.sans_note:
        messages.warning(request, _("Pas de note de période possible (aucune épreuve notée à "
                                    "ce bilan) pour : %(noms)s.") % {
            "noms": ", ".join(a.nom_complet for a in fait.sans_note)})


#: A corrected bilan keeps its history, but its marks are no longer the ones that count.
REMPLACE = gettext_lazy("Ce bilan a été remplacé par une correction : sa note de période n’est plus "
             "modulable (demandez les notes de période de la campagne pour la correction).")


def _en_vigueur(bilan) -> bool:
    return Bilan.objects.en_vigueur().filter(pk=bilan.pk).exists()


def _page(request, bilan, status=200, erreurs=(), modulation_form=None):
    etat = services.lire_periodes([bilan])[bilan.pk]
    campagne = bilan.campagne
    return render(request, "bilans/note_periode.html", {
        "bilan": bilan, "apprenant": bilan.apprenant, "campagne": campagne,
        "classe": campagne.classe, "etat": etat, "courante": etat.courante,
        "historique": services.historique(bilan),
        "peut_noter": (bilan.valide and _en_vigueur(bilan)
                       and may(request.user, "bilans.change_bilan", bilan)),
        "voit_campagne": may(request.user, "bilans.view_campagne", campagne),
        "modulation_form": modulation_form or ModulationForm(), "erreurs": erreurs},
        status=status)


@acces("bilans.view_bilan", perimetre=bp.bilans_lisibles, objet="bilan")
def note_periode(request, bilan):
    return _page(request, bilan)


@acces("bilans.change_bilan", perimetre=bp.bilans_lisibles, objet="bilan")
def moduler(request, bilan):
    if request.method != "POST":
        return redirect("bilans:note_periode", bilan.pk)
    if not _en_vigueur(bilan):
        return _page(request, bilan, status=INVALIDE, erreurs=[str(REMPLACE)])
    courante = services.lire_periodes([bilan])[bilan.pk].courante
    try:
        note = moduler_poste(request.POST, courante, request.user)
    except ValidationError as erreur:
        return _page(request, bilan, status=INVALIDE, erreurs=erreur.messages,
                     **getattr(erreur, "contexte", {}))
    messages.success(request, _("Note de période retenue pour %(nom)s : %(note)s / 20.") % {
        "nom": bilan.apprenant.nom_complet, "note": number_format(note.note, 2)})
    return redirect("bilans:note_periode", bilan.pk)
