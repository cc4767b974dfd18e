"""The commission d'évaluation of a session: its members, its adjustments, its validation.

* ``membres_possibles`` — who may sit: the class's teachers, the establishment's DDFPT, the
  inspectors granted the class (listed as read-only observers);
* ``preparer`` — create or update the commission (date, place, members, observations);
* ``ajuster`` — change a signed grid's mark, with a mandatory reason: a new current
  ``AjustementCommission`` supersedes the previous one (append-only);
* ``valider`` — by the DDFPT (the view asks the policy), refused while any cell is missing or
  proposed (naming the learners and sous-épreuves); stores the table in ``archive`` and
  freezes the session (``certification.gel`` and the database triggers).

Refused input raises ``ValidationError`` with a French message; nothing is half-written.
"""
import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.etablissements.models import Enseignement, aujourdhui
from cpro_platform.regles import NOTE_SUR

from .models import (
    AjustementCommission, Commission, EtatCommission, GrilleCCF, SessionExamen)
from .tableau_commission import Statut, Tableau, cellule_de, tableau

User = get_user_model()
CENTIEME = Decimal("0.01")


class Qualite:
    ENSEIGNANT = "enseignant"
    DDFPT = "ddfpt"
    INSPECTEUR = "inspecteur"
    LIBELLES = {ENSEIGNANT: gettext_lazy("Enseignant(e) de la classe"),
                DDFPT: gettext_lazy("DDFPT"),
                INSPECTEUR: gettext_lazy("Inspecteur (observateur, lecture seule)")}


@dataclass(frozen=True)
class Membre:
    user: object
    qualite: str

    @property
    def nom(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def libelle_qualite(self) -> str:
        return str(Qualite.LIBELLES[self.qualite])

    @property
    def observateur(self) -> bool:
        return self.qualite == Qualite.INSPECTEUR


def _qualites(session: SessionExamen, date: datetime.date | None = None) -> dict[int, str]:
    """user id → qualité, for everyone who may sit on the session's commission (2 queries)."""
    classe = session.classe
    qualites = {}
    roles = (Role.objects.actives(date or aujourdhui())
             .filter(etablissement_id=classe.etablissement_id)
             .filter(Q(type=TypeRole.DDFPT) | Q(type=TypeRole.INSPECTEUR, classes=classe)
                     | Q(type=TypeRole.INSPECTEUR, classes__isnull=True)
                     | Q(type=TypeRole.ENSEIGNANT, user__in=Enseignement.objects.filter(
                         classe=classe).values("enseignant"))))
    rang = {TypeRole.ENSEIGNANT: Qualite.ENSEIGNANT, TypeRole.DDFPT: Qualite.DDFPT,
            TypeRole.INSPECTEUR: Qualite.INSPECTEUR}
    ordre = [Qualite.DDFPT, Qualite.ENSEIGNANT, Qualite.INSPECTEUR]
    for user_id, type_role in roles.values_list("user_id", "type"):
        qualite = rang[type_role]
        # Someone both teacher and DDFPT sits as DDFPT; an inspector role never outranks.
        if user_id not in qualites or ordre.index(qualite) < ordre.index(qualites[user_id]):
            qualites[user_id] = qualite
    return qualites


def _membres(users, qualites: dict[int, str]) -> list[Membre]:
    ordre = {Qualite.DDFPT: 0, Qualite.ENSEIGNANT: 1, Qualite.INSPECTEUR: 2}
    membres = [Membre(u, qualites.get(u.pk, Qualite.ENSEIGNANT)) for u in users]
    return sorted(membres, key=lambda m: (ordre[m.qualite], m.user.last_name,
                                          m.user.first_name, m.user.pk))


def membres_possibles(session: SessionExamen) -> list[Membre]:
    qualites = _qualites(session)
    return _membres(User.objects.filter(pk__in=qualites), qualites)


def membres(commission: Commission, session: SessionExamen | None = None) -> list[Membre]:
    """The commission's members with their qualité (today's roles; a member who no longer
    holds one is listed as a teacher). ``session``: the commission's, already loaded."""
    return _membres(commission.membres.all(), _qualites(session or commission.session))


def commission_de(session: SessionExamen) -> Commission | None:
    """The session's commission (loaded with it when the session came from
    ``select_related("commission")``)."""
    try:
        return session.commission
    except Commission.DoesNotExist:
        return None


def refuser_si_validee(commission: Commission | None) -> None:
    if commission is not None and commission.validee:
        raise ValidationError(_(
            "La commission a validé le %(date)s : la session est figée et archivée, rien ne "
            "peut plus être modifié.") % {
            "date": timezone.localtime(commission.validee_le).strftime("%d/%m/%Y")})


@transaction.atomic
def preparer(session: SessionExamen, *, date: datetime.date, lieu: str, membres,
             observations: str = "") -> Commission:
    """Create or update the session's commission; ``membres`` among ``membres_possibles``."""
    commission = Commission.objects.select_for_update().filter(session=session).first()
    refuser_si_validee(commission)
    possibles = set(_qualites(session))
    etrangers = [m for m in membres if m.pk not in possibles]
    if etrangers:
        raise ValidationError(_(
            "%(noms)s ne peut pas siéger : seuls les enseignants de la classe, le DDFPT et les "
            "inspecteurs qui ont accès à la classe sont membres de la commission.") % {
            "noms": ", ".join(u.get_full_name() or u.get_username() for u in etrangers)})
    commission = commission or Commission(session=session)
    commission.date, commission.lieu = date, (lieu or "").strip()
    commission.observations = (observations or "").strip()
    commission.save()
    commission.membres.set(membres)
    return commission


def lire_note(texte) -> Decimal:
    """A mark /20 as typed ("12,5"), with at most two decimals."""
    try:
        valeur = Decimal(str(texte or "").strip().replace(",", "."))
    except InvalidOperation:
        valeur = None
    if valeur is None or not valeur.is_finite():
        raise ValidationError(_("« %(texte)s » n’est pas une note.") % {"texte": texte})
    if not 0 <= valeur <= NOTE_SUR:
        raise ValidationError(_("Une note est comprise entre 0 et %(sur)s : %(texte)s est "
                                "refusé.") % {"sur": NOTE_SUR, "texte": texte})
    if valeur != valeur.quantize(CENTIEME):
        raise ValidationError(_("Une note a au plus deux décimales : %(texte)s est refusé.")
                              % {"texte": texte})
    return valeur


@transaction.atomic
def ajuster(commission: Commission, grille: GrilleCCF, note: str, motif: str, par
            ) -> AjustementCommission:
    """A new current adjustment of ``grille``'s mark (the previous one, if any, is kept)."""
    commission = Commission.objects.select_for_update().get(pk=commission.pk)
    refuser_si_validee(commission)
    if grille.session_id != commission.session_id:
        raise ValidationError(_("Cette grille n’est pas de la session de la commission."))
    erreurs = {}
    try:
        valeur = lire_note(note)
    except ValidationError as erreur:
        erreurs["note"] = erreur.messages
    motif = (motif or "").strip()
    if not motif:
        erreurs["motif"] = [_("Indiquez le motif de l’ajustement : il figure au "
                              "procès-verbal.")]
    cellule = cellule_de(grille)
    if cellule.statut != Statut.SIGNEE:
        erreurs.setdefault("__all__", []).append(_(
            "Seule la note d’une grille signée s’ajuste (cette case est « %(statut)s »).")
            % {"statut": cellule.libelle})
    elif "note" not in erreurs and valeur == cellule.note:
        erreurs["note"] = [_("La note arrêtée est déjà %(note)s / 20.") % {
            "note": number_format(cellule.note, 2)}]
    if erreurs:
        raise ValidationError(erreurs)
    AjustementCommission.objects.filter(grille=grille, courant=True).update(courant=False)
    return AjustementCommission.objects.create(
        commission=commission, grille=grille, note_avant=grille.note, note_apres=valeur,
        motif=motif, par=par)


def motifs_de_refus(t: Tableau) -> list[str]:
    """Why the table cannot be validated yet, learner by learner (empty: it can)."""
    if not t.colonnes:
        return [_("Le référentiel de la session ne déclare aucune sous-épreuve en CCF.")]
    if not t.lignes:
        return [_("La session n’a aucun candidat.")]
    return [_("%(apprenant)s : %(cases)s.") % {
        "apprenant": ligne.nom_complet,
        "cases": ", ".join(f"{colonne.code} ({cellule.libelle})"
                           for colonne, cellule in cellules)}
        for ligne, cellules in t.bloquantes()]


class ValidationImpossible(ValidationError):
    pass


@transaction.atomic
def valider(commission: Commission, par) -> Commission:
    """Archive the table and freeze the session (the caller checked ``par`` may)."""
    commission = Commission.objects.select_for_update().select_related(
        "session__classe").get(pk=commission.pk)
    refuser_si_validee(commission)
    if commission.date is None:
        raise ValidationImpossible(_("Indiquez la date de la commission avant de valider."))
    # Grids written while we read would escape the archive: hold them until the commit.
    list(GrilleCCF.objects.select_for_update().filter(session=commission.session_id)
         .values_list("pk", flat=True))
    t = tableau(commission.session, commission.date)
    motifs = motifs_de_refus(t)
    if motifs:
        raise ValidationImpossible(motifs)
    commission.etat = EtatCommission.VALIDEE
    commission.validee_par, commission.validee_le = par, timezone.now()
    commission.archive = t.en_json()
    commission.save()
    return commission


def tableau_de(session: SessionExamen, commission: Commission | None = None,
               ajustements: list[AjustementCommission] | None = None) -> Tableau:
    """The archived table once validated, else the live one (``ajustements``: the
    commission's, if already loaded)."""
    if commission is not None and commission.validee and commission.archive:
        return Tableau.depuis_json(commission.archive)
    return tableau(session, commission.date if commission else None, ajustements)
