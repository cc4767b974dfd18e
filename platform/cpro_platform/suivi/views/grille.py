"""The evaluation grid of a situation: the page, its saves (autosave or whole form), a cell's
detail (history, comment, evidence) and the evidence download.

Saves (a JSON body from grille.js, or a plain form post without JavaScript) answer through
``suivi.protocole``: out-of-band fragments (new versions, saved state, conflicts) or the page.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces, objet_ou_404
from cpro_platform.home.occupation import MESSAGE as BASE_OCCUPEE
from cpro_platform.home.occupation import OCCUPEE, base_occupee

from .. import envoi, protocole
from .. import perimetres as s
from ..forms import CelluleForm
from ..grille import SaisieInvalide, enregistrer_grille, historique, taille
from ..lecture import lire_grille, saisie_du_code
from ..preuves import reponse_preuve


def _page(request, situation, status=200, **extra):
    return render(request, "suivi/grille.html", {
        "situation": situation,
        "grille": lire_grille(situation, request.user),
        "peut_modifier": may(request.user, "suivi.change_situation", situation),
        **extra}, status=status)


@acces("suivi.view_situation", perimetre=s.situations_visibles, objet="situation")
def situation(request, situation):
    """The situation and its grid (read-only rows for those who may not evaluate them)."""
    return _page(request, situation)


@acces("suivi.evaluate_situation", perimetre=s.situations_visibles, objet="situation")
def grille_enregistrer(request, situation):
    """POST: save the posted cells in one transaction (whole grid, a row, or one cell)."""
    if request.method != "POST":
        return redirect(situation)

    def enregistrer():
        cases = envoi.lire(request, taille=lambda: taille(situation))
        return enregistrer_grille(situation, request.user,
                                  [saisie_du_code(c.ligne, c.colonne, c.code) for c in cases],
                                  envoi.versions(cases))

    return protocole.repondre(
        request, enregistrer,
        invalide=SaisieInvalide, fragment="suivi/_grille_reponse.html",
        contexte={"situation": situation},
        page=lambda **extra: _page(request, situation, **extra),
        succes=lambda resultat: _("Grille enregistrée (%(n)s case(s) modifiée(s)).")
        % {"n": len(resultat.enregistrees)},
        apres=lambda: redirect(situation))


def _ligne_ou_404(user, situation, apprenant_id: int):
    return objet_ou_404(s.lignes_visibles(user, situation), pk=apprenant_id)


def _critere_ou_404(situation, critere_id: int):
    return objet_ou_404(situation.criteres.select_related("competence__bloc__unite"),
                        pk=critere_id)


@acces("suivi.view_situation", perimetre=s.situations_visibles, objet="situation")
def cellule(request, situation, apprenant, critere):
    """One cell: its history, and for those who may evaluate, a form with comment and
    evidence file."""
    apprenant = _ligne_ou_404(request.user, situation, apprenant)
    critere = _critere_ou_404(situation, critere)
    valeurs = historique(situation, apprenant.pk, critere.pk)
    courante = valeurs[0] if valeurs else None
    evaluable = s.lignes_evaluables(request.user, situation).filter(pk=apprenant.pk).exists()
    form, status = None, 200
    if evaluable:
        form = CelluleForm(request.POST or None, request.FILES or None,
                           situation=situation, courante=courante)
        if request.method == "POST" and form.is_valid():
            try:
                resultat = enregistrer_grille(situation, request.user,
                                              [form.saisie(apprenant.pk, critere.pk)],
                                              {(apprenant.pk, critere.pk): form.version_lue()})
            except SaisieInvalide as erreur:
                for message in erreur.messages:
                    form.add_error(None, message)
            except OperationalError as erreur:
                if not base_occupee(erreur):
                    raise
                # The form comes back as typed (the file input cannot be refilled).
                form.add_error(None, _("%(occupee)s Rien n'a été enregistré : validez de "
                                       "nouveau, en joignant de nouveau la preuve s'il y en "
                                       "avait une.") % {"occupee": BASE_OCCUPEE})
                status = OCCUPEE
            else:
                if resultat.ok:
                    messages.success(request, _("Évaluation enregistrée."))
                    return redirect(situation)
                courante = resultat.conflits[0].courante
                form = _conflit(request, situation, courante)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "suivi/cellule.html", {
        "situation": situation, "apprenant": apprenant, "critere": critere,
        "historique": valeurs, "courante": courante, "form": form}, status=status)


def _conflit(request, situation, autre):
    """The cell form again, now based on the other value, saying who wrote it and when."""
    data = request.POST.copy()
    data["version"] = str(autre.version)
    form = CelluleForm(data, situation=situation, courante=autre)
    form.is_valid()
    form.add_error(None, _(
        "%(auteur)s a enregistré « %(code)s » le %(date)s pendant votre saisie : la vôtre n'a "
        "pas été enregistrée. Validez de nouveau pour la garder (joignez de nouveau la preuve "
        "s'il y en avait une), ou revenez à la grille pour garder la sienne.") % {
        "auteur": autre.auteur.get_full_name() or autre.auteur.get_username(),
        "code": autre.code,
        "date": timezone.localtime(autre.saisie_le).strftime("%d/%m/%Y %H:%M")})
    return form


@acces("suivi.view_evaluation", perimetre=s.evaluations_visibles, objet="evaluation")
def preuve(request, evaluation):
    """The evidence file of an evaluation, to those who may read it: the only way to it (its
    storage has no URL), with headers that keep a browser from running it."""
    if not evaluation.preuve:
        raise Http404
    try:
        fichier = evaluation.preuve.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return reponse_preuve(fichier, evaluation.preuve_type,
                          evaluation.preuve_nom or evaluation.preuve.name)
