"""A periodic review: opened by the centre; each signatory writes their part and signs it.
A closed review refuses every write with a French message (409), never a 500."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from cpro_platform.acces.vues import acces

from .. import perimetres as ap
from ..bilans import CHAMPS, ecrire, etat_des_signatures, ouvrir_bilan, qualites, signer
from ..forms import OuvrirBilanForm, SignatureForm
from ..models import BilanClos, BilanApprentissage, Contrat

CLOS, INVALIDE = 409, 422


#: The review's texts in the order the page shows them.
TEXTES = [("appreciation_maitre", _l("Appréciation du maître d'apprentissage")),
          ("appreciation_formateur", _l("Appréciation du formateur")),
          ("commentaire_apprenti", _l("Commentaire de l'apprenti")),
          ("objectifs", _l("Objectifs convenus pour la période suivante"))]


def _page(request, bilan, status=200, erreurs=(), signature_form=None):
    mes_qualites = [] if bilan.clos else qualites(request.user, bilan.contrat)
    champs = {champ for q in mes_qualites for champ in CHAMPS[q]}
    signatures = etat_des_signatures(bilan)
    a_jour = {s.qualite for s in signatures if s.a_jour}
    return render(request, "apprentissage/bilan.html", {
        "bilan": bilan, "contrat": bilan.contrat, "signatures": signatures,
        "qualites": [q for q in mes_qualites if q not in a_jour],
        "textes": [(champ, libelle, getattr(bilan, champ), champ in champs)
                   for champ, libelle in TEXTES],
        "champs": champs,
        "signature_form": signature_form or SignatureForm(initial={
            "nom": request.user.get_full_name()}),
        "erreurs": erreurs}, status=status)


@acces("apprentissage.add_bilan", perimetre=ap.contrats_suivis, objet="contrat")
def ouvrir(request, contrat: Contrat):
    form = OuvrirBilanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bilan = ouvrir_bilan(contrat, auteur=request.user, **form.cleaned_data)
        except ValidationError as erreur:
            for champ, textes in erreur.message_dict.items():
                form.add_error(champ, textes)
        else:
            messages.success(request, _("Bilan ouvert : le maître d'apprentissage, le "
                                        "formateur et l'apprenti peuvent le compléter."))
            return redirect("apprentissage:bilan", bilan.pk)
    return render(request, "apprentissage/bilan_ouvrir.html", {"contrat": contrat,
                                                               "form": form},
                  status=INVALIDE if request.method == "POST" else 200)


@acces("apprentissage.view_bilan", perimetre=ap.bilans_lisibles, objet="bilan")
def bilan(request, bilan: BilanApprentissage):
    return _page(request, bilan)


@acces("apprentissage.sign_bilan", perimetre=ap.bilans_lisibles, objet="bilan")
def bilan_ecrire(request, bilan: BilanApprentissage):
    """Write the texts of the capacities the user holds (the others are ignored)."""
    if request.method != "POST":
        return redirect("apprentissage:bilan", bilan.pk)
    try:
        for qualite in qualites(request.user, bilan.contrat):
            ecrire(bilan, qualite, request.POST)
    except BilanClos as erreur:
        return _page(request, bilan, status=CLOS, erreurs=erreur.messages)
    messages.success(request, _("Bilan enregistré."))
    return redirect("apprentissage:bilan", bilan.pk)


@acces("apprentissage.sign_bilan", perimetre=ap.bilans_lisibles, objet="bilan")
def bilan_signer(request, bilan: BilanApprentissage):
    if request.method != "POST":
        return redirect("apprentissage:bilan", bilan.pk)
    form = SignatureForm(request.POST)
    qualite = request.POST.get("qualite", "")
    if qualite not in qualites(request.user, bilan.contrat):
        form.add_error(None, _("Vous ne pouvez pas signer ce bilan en cette qualité."))
    if not form.is_valid():
        return _page(request, bilan, status=INVALIDE, signature_form=form)
    try:
        signer(bilan, request.user, qualite, form.cleaned_data["nom"])
    except BilanClos as erreur:
        return _page(request, bilan, status=CLOS, erreurs=erreur.messages)
    except ValidationError as erreur:
        return _page(request, bilan, status=INVALIDE, erreurs=erreur.messages)
    bilan.refresh_from_db()
    messages.success(request, _("Bilan signé et clos : il ne peut plus être modifié.")
                     if bilan.clos else _("Signature enregistrée."))
    return redirect("apprentissage:bilan", bilan.pk)
