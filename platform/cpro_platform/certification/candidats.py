"""Candidates of a session: their non-ordinary statuses per sous-épreuve (absent, dispensé,
bénéfice of a unit kept from an earlier session) and the class matrix learners × sous-épreuves
with statuses and planned situations d'évaluation."""
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpro_platform.etablissements.models import Apprenant
from cpro_platform.referentials.models import Epreuve

from .models import Candidature, SessionExamen, SituationEvaluation, StatutCandidat
from .planification import apprenants_inscrits, sous_epreuves, verifier_modifiable

#: A kept mark is out of 20.
NOTE_MAX = Decimal(20)
MOTIF_EXIGE = {StatutCandidat.ABSENT_JUSTIFIE, StatutCandidat.DISPENSE}

#: How far back a kept mark may come from: the bac pro's « bénéfice des notes » lasts five
#: years; the bound also stops typos such as -3 or 5 (the database would refuse a negative).
BENEFICE_ANS = 5


def erreurs_candidature(c: Candidature) -> dict[str, str]:
    erreurs = {}
    if c.statut == StatutCandidat.BENEFICE:
        if c.note_conservee is None:
            erreurs["note_conservee"] = _("Un bénéfice conserve une note : indiquez-la (sur "
                                          "20).")
        elif not 0 <= c.note_conservee <= NOTE_MAX:
            erreurs["note_conservee"] = _("La note conservée est sur 20 : entre 0 et 20, pas "
                                          "%(note)s.") % {"note": c.note_conservee}
        if c.session_origine is None:
            erreurs["session_origine"] = _("Un bénéfice vient d'une session antérieure : "
                                           "indiquez son année.")
        elif not c.session.annee - BENEFICE_ANS <= c.session_origine < c.session.annee:
            erreurs["session_origine"] = _(
                "La session d'origine (%(origine)s) doit être l'une des %(n)s sessions qui "
                "précèdent la session %(annee)s.") % {
                "origine": c.session_origine, "annee": c.session.annee, "n": BENEFICE_ANS}
    if c.statut in MOTIF_EXIGE and not c.motif.strip():
        erreurs["motif"] = _("Indiquez le motif ou la pièce justificative.")
    return erreurs


@transaction.atomic
def enregistrer_statut(session: SessionExamen, apprenant: Apprenant, epreuve: Epreuve, *,
                       statut: str, auteur, motif: str = "", note_conservee=None,
                       session_origine=None) -> Candidature:
    """Record (or change) a learner's status for one sous-épreuve of the session."""
    verifier_modifiable(session)
    if not apprenants_inscrits(session.classe).filter(pk=apprenant.pk).exists():
        raise ValidationError({"apprenant": _("%(nom)s n'est pas inscrit(e) dans la classe "
                                              "%(classe)s.") % {
            "nom": apprenant.nom_complet, "classe": session.classe.nom}})
    if not sous_epreuves(session).filter(pk=epreuve.pk).exists():
        raise ValidationError({"epreuve": _("%(code)s n'est pas une sous-épreuve notée de la "
                                            "session.") % {"code": epreuve.code}})
    candidature = (Candidature.objects.filter(session=session, apprenant=apprenant,
                                              epreuve=epreuve).first()
                   or Candidature(session=session, apprenant=apprenant, epreuve=epreuve))
    benefice = statut == StatutCandidat.BENEFICE
    candidature.statut, candidature.motif, candidature.auteur = statut, motif, auteur
    candidature.note_conservee = note_conservee if benefice else None
    candidature.session_origine = session_origine if benefice else None
    if erreurs := erreurs_candidature(candidature):
        raise ValidationError(erreurs)
    candidature.save()
    return candidature


@transaction.atomic
def retirer_statut(candidature: Candidature) -> None:
    """Back to "présent" (the audit keeps the removed status)."""
    verifier_modifiable(candidature.session)
    candidature.delete()


# --- The class matrix -------------------------------------------------------------------

@dataclass
class Cellule:
    epreuve: Epreuve
    statut: Candidature | None
    situations: list[SituationEvaluation]


@dataclass
class LigneCandidat:
    apprenant: Apprenant
    cellules: list[Cellule]


@dataclass
class Matrice:
    epreuves: list[Epreuve]
    lignes: list[LigneCandidat]


def matrice(session: SessionExamen) -> Matrice:
    """Learners × sous-épreuves: each cell the status (if any) and the planned situations
    concerning the learner; a constant number of queries whatever the class's size."""
    epreuves = list(sous_epreuves(session))
    apprenants = list(apprenants_inscrits(session.classe))
    statuts = {(c.apprenant_id, c.epreuve_id): c
               for c in session.candidatures.select_related("auteur")}
    situations = {s.pk: s for s in session.situations.all()}
    concernes: dict[tuple[int, int], list[SituationEvaluation]] = {}
    Concerne = SituationEvaluation.apprenants.through
    for situation_id, apprenant_id in (Concerne.objects.filter(
            situationevaluation__session=session)
            .values_list("situationevaluation_id", "apprenant_id")
            .order_by("situationevaluation__debut", "situationevaluation_id")):
        situation = situations[situation_id]
        concernes.setdefault((apprenant_id, situation.epreuve_id), []).append(situation)
    return Matrice(epreuves, [
        LigneCandidat(a, [Cellule(e, statuts.get((a.pk, e.pk)), concernes.get((a.pk, e.pk), []))
                          for e in epreuves])
        for a in apprenants])
