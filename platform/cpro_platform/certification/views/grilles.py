"""Pages of the CCF grids: a session's grids per sous-épreuve, the keyboard entry across the
class, one learner's grid in the national layout (fill, modulate, sign, reopen, history), and
their PDFs. Every view goes through the policy (``politique_grilles``); refused input shows
the page again with the reason (422), nothing written.
"""
import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces, objet_ou_404
from cpro_platform.bilans.views.incidents import message_erreur_de_regle
from cpro_platform.referentials.models import Epreuve, Mode
from cpro_platform.regles import ErreurDeRegle
from cpro_platform.suivi import envoi, protocole

from .. import grilles as services
from .. import grilles_documents as docs
from .. import grilles_saisie as saisie_classe
from .. import grilles_signature as signature
from .. import perimetres as cp
from ..models import GrilleCCF

INVALIDE = protocole.INVALIDE


def _epreuve(session, pk) -> Epreuve:
    return objet_ou_404(Epreuve.objects.filter(referentiel_id=session.referentiel_id,
                                               mode=Mode.CCF), pk=pk)


def _pdf(contenu: bytes, nom: str) -> HttpResponse:
    response = HttpResponse(contenu, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nom}"'
    return response


# --- A session's grids --------------------------------------------------------------------


@acces("certification.view_grilles", perimetre=cp.sessions_lisibles, objet="session")
def grilles_session(request, session):
    """Per CCF sous-épreuve: each candidate's grid state, or their status."""
    return render(request, "certification/grilles/session.html", {
        "session": session, "classe": session.classe,
        "epreuves": services.grilles_de_session(session), "figee": session.figee,
        "peut_saisir": may(request.user, "certification.change_grilles", session)})


def _page_classe(request, session, epreuve, status=200, **extra):
    modifiable = may(request.user, "certification.change_grilles", session)
    grille = saisie_classe.lire_grille_classe(session, epreuve, modifiable=modifiable)
    return render(request, "certification/grilles/saisie.html", {
        "session": session, "classe": session.classe, "epreuve": epreuve, "grille": grille,
        "incidents": grille.incidents, **extra}, status=status)


@acces("certification.view_grilles", perimetre=cp.sessions_lisibles, objet="session")
def grilles_epreuve(request, session, epreuve):
    """Learners × the grid's lines: keyboard entry for the class's teachers."""
    return _page_classe(request, session, _epreuve(session, epreuve))


@acces("certification.change_grilles", perimetre=cp.sessions_lisibles, objet="session")
def saisie_grilles(request, session, epreuve):
    """POST: the posted cells in one transaction (changed cells, or the whole grid)."""
    epreuve = _epreuve(session, epreuve)
    if request.method != "POST":
        return redirect("certification:grilles_epreuve", session.pk, epreuve.pk)

    def enregistrer():
        try:
            gabarit = services.structure(epreuve, services.Notation.pour(session, []).bareme)
        except ErreurDeRegle as erreur:
            raise saisie_classe.SaisieInvalide([message_erreur_de_regle(erreur)]) from erreur
        valeurs = {d.valeur for d in gabarit.degres}
        cases = envoi.lire(request, taille=lambda: saisie_classe.taille(session, epreuve, gabarit))
        saisies = [saisie_classe.saisie_du_code(c.ligne, c.colonne, c.code, valeurs)
                   for c in cases]
        return saisie_classe.enregistrer_degres(session, epreuve, saisies,
                                                envoi.versions(cases), gabarit)

    return protocole.repondre(
        request, enregistrer, invalide=saisie_classe.SaisieInvalide,
        fragment="certification/grilles/_reponse.html",
        contexte={"session": session, "epreuve": epreuve},
        page=lambda **extra: _page_classe(request, session, epreuve, **extra),
        succes=lambda resultat: _("Saisie enregistrée (%(n)s degré(s) modifié(s)).")
        % {"n": resultat.modifiees},
        apres=lambda: redirect(reverse("certification:grilles_epreuve",
                                       args=[session.pk, epreuve.pk])))


@acces("certification.view_grilles", perimetre=cp.sessions_lisibles, objet="session")
def grilles_pdf(request, session, epreuve):
    epreuve = _epreuve(session, epreuve)
    return _pdf(docs.grilles_pdf(session, epreuve), docs.nom_du_pdf_classe(session, epreuve))


# --- One grid -----------------------------------------------------------------------------


def _page_grille(request, grille, status=200, erreurs=(), valeurs=None):
    doc = docs.documents(list(docs.a_imprimer(GrilleCCF.objects.filter(pk=grille.pk))))[0]
    grille = doc.grille
    figee = grille.session.figee
    return render(request, "certification/grilles/grille.html", {
        "doc": doc, "grille": grille, "session": grille.session,
        "classe": grille.session.classe, "figee": figee,
        "peut_modifier": not figee and not grille.signee and may(
            request.user, "certification.change_grille", grille),
        "peut_rouvrir": not figee and grille.signee and may(
            request.user, "certification.reopen_grille", grille),
        "historique": signature.historique(grille), "erreurs": erreurs,
        "valeurs": valeurs or {}, "explication": grille.explication}, status=status)


@acces("certification.view_grille", perimetre=cp.grilles_lisibles, objet="grille")
def grille(request, grille):
    return _page_grille(request, grille)


def _action(action: str, perimetre):
    """A POST-only action on one grid: refused input → the page with the reasons (422)."""
    def decorateur(vue):
        @acces(action, perimetre=perimetre, objet="grille")
        def wrapped(request, grille):
            if request.method != "POST":
                return redirect("certification:grille", grille.pk)
            try:
                vue(request, grille)
            except ValidationError as erreur:
                return _page_grille(request, grille, status=INVALIDE, erreurs=erreur.messages,
                                    valeurs=request.POST)
            except ErreurDeRegle as erreur:
                return _page_grille(request, grille, status=INVALIDE,
                                    erreurs=[message_erreur_de_regle(erreur)],
                                    valeurs=request.POST)
            return redirect("certification:grille", grille.pk)
        wrapped.__name__ = vue.__name__
        return wrapped
    return decorateur


def _date(texte: str) -> datetime.date | None:
    texte = (texte or "").strip()
    if not texte:
        return None
    for lire in (datetime.date.fromisoformat,   # the date picker's value
                 lambda t: datetime.datetime.strptime(t, "%d/%m/%Y").date()):  # typed by hand
        try:
            return lire(texte)
        except ValueError:
            continue
    raise ValidationError(_("« %(texte)s » n’est pas une date (jj/mm/aaaa).") % {
        "texte": texte})


@_action("certification.change_grille", cp.grilles_lisibles)
def grille_modifier(request, grille):
    codes = [ligne["competence"] for ligne in grille.structure.get("lignes", [])]
    degres = {}
    for code in codes:
        texte = (request.POST.get(f"degre-{code}") or "").strip()
        if f"degre-{code}" in request.POST:
            if texte and not texte.isdecimal():
                raise ValidationError(_("%(code)s : « %(texte)s » n’est pas un degré.") % {
                    "code": code, "texte": texte})
            degres[code] = int(texte) if texte else None
    signature.modifier(grille, signature.Saisie(
        degres=degres, date=_date(request.POST.get("date")),
        appreciation=request.POST.get("appreciation", ""),
        modulation=request.POST.get("modulation", "0"), motif=request.POST.get("motif", "")),
        request.user)
    messages.success(request, _("Grille enregistrée."))


@_action("certification.change_grille", cp.grilles_lisibles)
def grille_signer(request, grille):
    if not request.POST.get("confirme"):
        raise ValidationError(_("Cochez la case de signature : l’enseignant évaluateur signe "
                                "la grille."))
    signature.signer(grille, request.user, request.POST.get("professionnel", ""))
    messages.success(request, _("Grille signée : elle est verrouillée."))


@_action("certification.reopen_grille", cp.grilles_lisibles)
def grille_rouvrir(request, grille):
    signature.rouvrir(grille, request.POST.get("motif_reouverture", ""), request.user)
    messages.success(request, _("Grille rouverte : elle peut être corrigée, puis signée à "
                                "nouveau. La version signée reste dans l’historique."))


@acces("certification.view_grille", perimetre=cp.grilles_lisibles, objet="grille")
def grille_pdf(request, grille):
    return _pdf(docs.grille_pdf(grille), docs.nom_du_pdf(grille))
