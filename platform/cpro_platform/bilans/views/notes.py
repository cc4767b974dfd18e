"""Marks per épreuve from the learner's last validated bilan: the overview, one épreuve with
"pourquoi cette note", and the teacher's actions (own pondération, duplicate it to the same
profiles, compute, modulate). Refused input: the page again with the reason, nothing written.
"""
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces, objet_ou_404
from cpro_platform.referentials.models import Epreuve
from cpro_platform.regles import ErreurDeRegle, Incidents

from .. import notes as services
from .. import perimetres as bp
from .. import ponderations as pond
from ..forms import ModulationForm
from ..lecture import dernier_bilan_valide, niveaux_du_bilan, profil_evalue
from .incidents import message_erreur_de_regle
from .modulation import moduler_poste

INVALIDE = 422


def _epreuves(bilan):
    return list(Epreuve.objects.filter(referentiel_id=bilan.referentiel_id,
                                       parent__isnull=True).order_by("ordre", "pk"))


@acces("bilans.view_bilans_apprenant", perimetre=bp.apprenants_lisibles, objet="apprenant")
def notes(request, apprenant):
    bilan = dernier_bilan_valide(apprenant)
    courantes = services.notes_courantes(bilan) if bilan else {}
    lignes = [(e, courantes.get(e.pk)) for e in _epreuves(bilan)] if bilan else []
    return render(request, "bilans/notes.html", {
        "apprenant": apprenant, "bilan": bilan, "lignes": lignes,
        "peut_noter": may(request.user, "bilans.change_notes", apprenant)})


def _bilan_et_epreuve(apprenant, epreuve_pk):
    bilan = dernier_bilan_valide(apprenant)
    if bilan is None:
        return None, None
    return bilan, objet_ou_404(Epreuve.objects.filter(referentiel_id=bilan.referentiel_id)
                               .select_related("referentiel"), pk=epreuve_pk)


def _page(request, apprenant, epreuve_pk, status=200, erreurs=(), poids_postes=None,
          modulation_form=None):
    bilan, epreuve = _bilan_et_epreuve(apprenant, epreuve_pk)
    if bilan is None:
        messages.info(request, _("Aucun bilan validé : les notes se calculent à partir du "
                                 "dernier bilan validé."))
        return redirect("bilans:notes", apprenant.pk)
    incidents = Incidents()
    observee = pond.epreuve_observee(epreuve)
    propre = pond.ponderation_propre(apprenant, epreuve)
    ponderation = pond.ponderation_de(apprenant, epreuve, observee, incidents)
    apercu, _p = services.calculer_sans_enregistrer(bilan, epreuve, incidents)
    niveaux = {n.competence.code: n for n in niveaux_du_bilan(bilan)}
    codes = list(dict.fromkeys(
        [p.competence for p in (ponderation.poids if ponderation else ())]
        + list(observee.competences_evaluees)))
    valeurs = (ponderation.pourcentages if ponderation else {})
    courante = services.notes_courantes(bilan).get(epreuve.pk)
    peut_noter = may(request.user, "bilans.change_notes", apprenant)
    classe = bilan.campagne.classe
    return render(request, "bilans/note.html", {
        "apprenant": apprenant, "bilan": bilan, "epreuve": epreuve, "classe": classe,
        "referentiel": epreuve.referentiel, "incidents": incidents, "propre": propre,
        "ponderation": ponderation, "apercu": apercu, "courante": courante,
        "lignes_poids": [(code, niveaux.get(code), (poids_postes or {}).get(
            code, valeurs.get(code, Decimal(0)))) for code in codes],
        "profil": sorted(profil_evalue(bilan)),
        "meme_profil": pond.meme_profil(apprenant, classe) if peut_noter else [],
        "historique": services.historique(bilan, epreuve), "peut_noter": peut_noter,
        "modulation_form": modulation_form or ModulationForm(),
        "erreurs": erreurs}, status=status)


@acces("bilans.view_bilans_apprenant", perimetre=bp.apprenants_lisibles, objet="apprenant")
def note(request, apprenant, epreuve):
    return _page(request, apprenant, epreuve)


def _action(vue):
    """A POST-only teacher action on (apprenant, épreuve) of the last validated bilan."""
    @acces("bilans.change_notes", perimetre=bp.apprenants_lisibles, objet="apprenant")
    def action(request, apprenant, epreuve):
        if request.method != "POST":
            return redirect("bilans:note", apprenant.pk, epreuve)
        bilan, objet = _bilan_et_epreuve(apprenant, epreuve)
        if bilan is None:
            return _page(request, apprenant, epreuve)
        try:
            return vue(request, apprenant, bilan, objet)
        except ValidationError as erreur:
            return _page(request, apprenant, epreuve, status=INVALIDE, erreurs=erreur.messages,
                         **getattr(erreur, "contexte", {}))
        except ErreurDeRegle as erreur:
            messages.error(request, message_erreur_de_regle(erreur) + " " + _(
                "Rien n’a été enregistré."))
            return redirect("bilans:note", apprenant.pk, epreuve)
    return action


def _suite(apprenant, epreuve):
    return redirect("bilans:note", apprenant.pk, epreuve.pk)


@_action
def ponderation(request, apprenant, bilan, epreuve):
    codes = [c for c in request.POST.getlist("code") if c]
    postes = {code: request.POST.get(f"poids-{code}", "") for code in codes}
    try:
        poids = pond.lire_poids(postes, codes)
    except ValidationError as erreur:
        erreur.contexte = {"poids_postes": postes}
        raise
    pond.enregistrer_ponderation(apprenant, epreuve, poids, request.user)
    messages.success(request, _("Pondération de %(nom)s pour l’épreuve %(code)s enregistrée.")
                     % {"nom": apprenant.nom_complet, "code": epreuve.code})
    return _suite(apprenant, epreuve)


@_action
def dupliquer(request, apprenant, bilan, epreuve):
    autres = pond.dupliquer(apprenant, epreuve, bilan.campagne.classe, request.user)
    messages.success(request, _("Pondération recopiée à %(n)s apprenant(s) au profil "
                                "identique : %(noms)s.") % {
        "n": len(autres), "noms": ", ".join(a.nom_complet for a in autres) or "—"})
    return _suite(apprenant, epreuve)


@_action
def calculer(request, apprenant, bilan, epreuve):
    note = services.calculer(bilan, epreuve, request.user)
    messages.success(request, _("Note de l’épreuve %(code)s calculée : %(note)s / 20.") % {
        "code": epreuve.code, "note": number_format(note.note, 2)})
    return _suite(apprenant, epreuve)


@_action
def moduler(request, apprenant, bilan, epreuve):
    courante = services.notes_courantes(bilan).get(epreuve.pk)
    note = moduler_poste(request.POST, courante, request.user)
    messages.success(request, _("Note retenue pour l’épreuve %(code)s : %(note)s / 20.") % {
        "code": epreuve.code, "note": number_format(note.note, 2)})
    return _suite(apprenant, epreuve)
