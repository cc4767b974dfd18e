"""A class's campaigns: the list and the opening form, the class view with keyboard entry
across the class, and its saves (grille.js's JSON autosave, or the whole form without
JavaScript; ``suivi.envoi`` reads both)."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces
from cpro_platform.suivi import envoi, protocole

from .. import perimetres as bp
from ..campagnes import ouvrir_campagne
from ..forms import CampagneForm
from ..grille import lire_grille
from ..periodes import en_vigueur_parmi, etat_de
from ..saisie import SaisieInvalide, enregistrer_niveaux, saisie_du_code, taille
from .incidents import signaler

INVALIDE = protocole.INVALIDE


def _page_campagnes(request, classe, form, status=200):
    return render(request, "bilans/campagnes.html", {
        "classe": classe, "form": form,
        "campagnes": classe.campagnes_bilan.select_related("ouverte_par").order_by(
            "-date", "-pk"),
        "peut_ouvrir": may(request.user, "bilans.add_campagne", classe)}, status=status)


@acces("bilans.view_campagnes", perimetre=bp.classes_lisibles, objet="classe")
def campagnes(request, classe):
    return _page_campagnes(request, classe, CampagneForm())


@acces("bilans.add_campagne", perimetre=bp.classes_lisibles, objet="classe")
def ouvrir(request, classe):
    if request.method != "POST":
        return redirect("bilans:campagnes", classe.pk)
    form = CampagneForm(request.POST)
    if form.is_valid():
        try:
            campagne, incidents = ouvrir_campagne(classe, auteur=request.user,
                                                  **form.cleaned_data)
        except ValidationError as erreur:
            for champ, textes in erreur.message_dict.items():
                for texte in textes:
                    form.add_error(champ, texte)
        else:
            signaler(request, incidents, _("Les niveaux que sa règle devait proposer sont "
                                           "laissés vides : saisissez-les."))
            messages.success(request, _("Campagne « %(titre)s » ouverte : %(n)s bilans en "
                                        "brouillon, préremplis.") % {
                "titre": campagne.titre, "n": campagne.bilans.count()})
            return redirect("bilans:campagne", campagne.pk)
    return _page_campagnes(request, classe, form, status=INVALIDE)


def _page(request, campagne, status=200, **extra):
    modifiable = may(request.user, "bilans.change_campagne", campagne)
    grille = lire_grille(campagne, modifiable=modifiable)
    return render(request, "bilans/campagne.html", {
        "campagne": campagne, "classe": campagne.classe, "grille": grille,
        "periodes": [etat_de(b) for b in en_vigueur_parmi(grille.bilans)],
        "peut_noter_periode": modifiable, **extra}, status=status)


@acces("bilans.view_campagne", perimetre=bp.campagnes_lisibles, objet="campagne")
def campagne(request, campagne):
    """Learners × compétences, who is done, who is missing."""
    return _page(request, campagne)


@acces("bilans.change_campagne", perimetre=bp.campagnes_lisibles, objet="campagne")
def saisie(request, campagne):
    """POST: the posted cells in one transaction (changed cells, or the whole grid)."""
    if request.method != "POST":
        return redirect("bilans:campagne", campagne.pk)
    echelle = set(campagne.classe.referentiel.niveaux.values_list("valeur", flat=True))

    def enregistrer():
        cases = envoi.lire(request, taille=lambda: taille(campagne))
        return enregistrer_niveaux(
            campagne, [saisie_du_code(c.ligne, c.colonne, c.code, echelle) for c in cases],
            envoi.versions(cases))

    return protocole.repondre(
        request, enregistrer, invalide=SaisieInvalide, fragment="bilans/_grille_reponse.html",
        contexte={"campagne": campagne},
        page=lambda **extra: _page(request, campagne, **extra),
        succes=lambda resultat: _("Saisie enregistrée (%(n)s niveau(x) modifié(s)).")
        % {"n": resultat.modifiees},
        apres=lambda: redirect(reverse("bilans:campagne", args=[campagne.pk])))
