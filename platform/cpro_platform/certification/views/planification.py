"""Planning pages: a class's sessions, a session's épreuves and CCF situations d'évaluation,
the candidates' matrix and statuses. Refused input answers 422 with the form and its
messages; a session whose commission validated answers with a message and changes nothing."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from cpro_platform.acces.politique import may
from cpro_platform.acces.vues import acces
from cpro_platform.suivi.protocole import INVALIDE

from .. import candidats as cand
from .. import perimetres as cp
from .. import perimetres_planification as pp
from .. import planification as plan
from ..forms_planification import SessionForm, SituationEvaluationForm, StatutForm
from ..models import Candidature, CertificationFigee


def _url_facultative(name: str, *args) -> str:
    """The URL of a page another part of the certification provides ("" while absent)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _erreurs_dans(form, erreur: ValidationError) -> None:
    for champ, textes in erreur.message_dict.items():
        for texte in textes:
            form.add_error(champ if champ in form.fields else None, texte)


def _figee(request, session):
    """A redirect with the reason when the session is frozen, else None."""
    try:
        plan.verifier_modifiable(session)
    except CertificationFigee as refus:
        messages.error(request, str(refus))
        return redirect("certification:session", session.pk)
    return None


# --- Sessions -----------------------------------------------------------------------------

def _page_sessions(request, classe, form, status=200):
    return render(request, "certification/planification/sessions.html", {
        "classe": classe, "form": form,
        "sessions": classe.sessions_examen.select_related("referentiel", "cree_par"),
        "peut_ouvrir": may(request.user, "certification.add_session", classe)}, status=status)


@acces("certification.view_sessions", perimetre=cp.classes_lisibles, objet="classe")
def sessions(request, classe):
    return _page_sessions(request, classe, SessionForm(
        initial={"annee": plan.annee_de_session(classe)}))


@acces("certification.add_session", perimetre=cp.classes_lisibles, objet="classe")
def ouvrir_session(request, classe):
    if request.method != "POST":
        return redirect("certification:sessions", classe.pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            session = plan.ouvrir_session(classe, form.cleaned_data["annee"], request.user)
        except ValidationError as erreur:
            _erreurs_dans(form, erreur)
        else:
            messages.success(request, _("Session %(annee)s ouverte.") % {"annee": session.annee})
            return redirect("certification:session", session.pk)
    return _page_sessions(request, classe, form, status=INVALIDE)


@acces("certification.view_session", perimetre=cp.sessions_lisibles, objet="session")
def session(request, session):
    """The épreuves of the session's referential and the planned CCF situations."""
    lignes = plan.epreuves(session)
    toutes = [ligne for racine in lignes for ligne in (racine, *racine.sous_epreuves)]
    return render(request, "certification/planification/session.html", {
        "session": session, "classe": session.classe, "lignes": lignes,
        "ccf": [ligne for ligne in toutes if ligne.ccf and not ligne.sous_epreuves],
        "provisoire": session.referentiel.est_provisoire or any(
            ligne.epreuve.est_provisoire or any(c.est_provisoire for c in ligne.competences)
            for ligne in toutes),
        "figee": session.figee,
        "modifiable": may(request.user, "certification.change_session", session),
        "url_grilles": _url_facultative("certification:grilles_session", session.pk),
        "url_commission": _url_facultative("certification:commission", session.pk)})


@acces("certification.view_session", perimetre=cp.sessions_lisibles, objet="session")
def candidats(request, session):
    """Learners × sous-épreuves: statuses and planned situations."""
    return render(request, "certification/planification/candidats.html", {
        "session": session, "classe": session.classe, "matrice": cand.matrice(session),
        "modifiable": (may(request.user, "certification.change_session", session)
                       and not session.figee)})


# --- Situations d'évaluation ----------------------------------------------------------------

def _page_situation(request, form, titre, status=200):
    session = form.session
    return render(request, "certification/planification/situation_form.html", {
        "form": form, "titre": titre, "session": session, "classe": session.classe},
        status=status)


def _enregistrer_situation(request, form, titre, message):
    if request.method == "POST" and form.is_valid():
        try:
            situation = plan.enregistrer_situation(form.save(commit=False),
                                                   form.cleaned_data["apprenants"])
        except ValidationError as erreur:
            _erreurs_dans(form, erreur)
        else:
            messages.success(request, message % {"intitule": situation.intitule})
            return redirect("certification:session", situation.session_id)
    return _page_situation(request, form, titre,
                           status=INVALIDE if request.method == "POST" else 200)


@acces("certification.change_session", perimetre=cp.sessions_lisibles, objet="session")
def situation_creer(request, session):
    if refus := _figee(request, session):
        return refus
    form = SituationEvaluationForm(request.POST or None, session=session,
                                   initial={"epreuve": request.GET.get("epreuve"),
                                            "evaluateur": request.user.pk})
    return _enregistrer_situation(request, form, _("Nouvelle situation d'évaluation"),
                                  _("Situation d'évaluation « %(intitule)s » planifiée."))


@acces("certification.change_situation", perimetre=cp.situations_lisibles, objet="situation")
def situation_modifier(request, situation):
    if refus := _figee(request, situation.session):
        return refus
    form = SituationEvaluationForm(request.POST or None, instance=situation,
                                   session=situation.session)
    return _enregistrer_situation(request, form, _("Modifier la situation d'évaluation"),
                                  _("Situation d'évaluation « %(intitule)s » enregistrée."))


@acces("certification.change_situation", perimetre=cp.situations_lisibles, objet="situation")
def situation_supprimer(request, situation):
    session = situation.session
    if request.method == "POST":
        try:
            plan.supprimer_situation(situation)
        except (ValidationError, CertificationFigee) as refus:
            messages.error(request, " ".join(refus.messages) if isinstance(
                refus, ValidationError) else str(refus))
        else:
            messages.success(request, _("Situation d'évaluation « %(intitule)s » supprimée.")
                             % {"intitule": situation.intitule})
    return redirect("certification:session", session.pk)


# --- Candidates' statuses -------------------------------------------------------------------

def _initial_statut(request, session) -> dict:
    """The form's start: the learner and sous-épreuve of the matrix cell, and their status."""
    initial = {"apprenant": request.GET.get("apprenant"), "epreuve": request.GET.get("epreuve")}
    if not all(str(initial[k]).isdecimal() and len(str(initial[k])) < 10
               for k in ("apprenant", "epreuve")):  # an id, not any number
        return initial
    courant = session.candidatures.filter(apprenant_id=initial["apprenant"],
                                          epreuve_id=initial["epreuve"]).first()
    if courant:
        initial.update(statut=courant.statut, motif=courant.motif,
                       note_conservee=courant.note_conservee,
                       session_origine=courant.session_origine)
    return initial


@acces("certification.change_session", perimetre=cp.sessions_lisibles, objet="session")
def statut(request, session):
    """Record or change a learner's status for one sous-épreuve."""
    if refus := _figee(request, session):
        return refus
    form = StatutForm(request.POST or None, session=session,
                      initial=_initial_statut(request, session))
    if request.method == "POST" and form.is_valid():
        try:
            candidature = cand.enregistrer_statut(session, auteur=request.user,
                                                  **form.cleaned_data)
        except ValidationError as erreur:
            _erreurs_dans(form, erreur)
        else:
            messages.success(request, _("Statut enregistré : %(statut)s.") % {
                "statut": candidature})
            return redirect("certification:candidats", session.pk)
    return render(request, "certification/planification/statut_form.html", {
        "form": form, "session": session, "classe": session.classe},
        status=INVALIDE if request.method == "POST" else 200)


@acces("certification.change_candidature", perimetre=pp.candidatures_lisibles,
       objet="candidature")
def statut_retirer(request, candidature: Candidature):
    session = candidature.session
    if request.method == "POST":
        try:
            cand.retirer_statut(candidature)
        except CertificationFigee as refus:
            messages.error(request, str(refus))
        else:
            messages.success(request, _("Statut retiré : %(apprenant)s est présent(e) en "
                                        "%(code)s.") % {
                "apprenant": candidature.apprenant.nom_complet,
                "code": candidature.epreuve.code})
    return redirect("certification:candidats", session.pk)
