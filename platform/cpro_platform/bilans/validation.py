"""A draft bilan's life: edited, validated (signed, dated, frozen), corrected by a new one.

A validated bilan is never written again: the model raises ``BilanFige`` and the database's
triggers refuse it too; these services refuse first, with a French message the pages show.
"""
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Bilan, BilanFige, EtatBilan, NiveauBilan, OrigineNiveau

MESSAGE_FIGE = gettext_lazy(
    "Ce bilan est validé : il ne peut plus être modifié. Pour le corriger, créez un bilan "
    "correctif (il remplacera celui-ci, qui reste archivé).")


class BilanIncomplet(ValidationError):
    """Validation refused: undecided compétences — neither a level nor "non évaluée"
    (``codes``)."""

    def __init__(self, codes: list[str]):
        self.codes = codes
        super().__init__(_("Le bilan ne peut pas être validé : %(n)s compétence(s) sans "
                           "niveau ni décision (%(codes)s). Donnez un niveau à chacune, ou "
                           "marquez-la « non évaluée à cette date » : « NE » dans la liste "
                           "du niveau, touche « N » dans la grille de la classe.") % {
            "n": len(codes), "codes": ", ".join(codes)})


def refuser_si_fige(bilan: Bilan) -> None:
    """Raise ``BilanFige`` (with the French message) if ``bilan`` is validated in the DB."""
    if bilan.valide or Bilan.objects.filter(pk=bilan.pk, etat=EtatBilan.VALIDE).exists():
        raise BilanFige(str(MESSAGE_FIGE))


def manquantes(bilan: Bilan) -> list[str]:
    """Codes of the undecided compétences (no level, not marked "non évaluée"), in reading
    order."""
    return list(bilan.niveaux.filter(niveau__isnull=True)
                .exclude(origine=OrigineNiveau.NON_EVALUE)
                .order_by("competence__bloc__ordre", "competence__ordre", "competence__code")
                .values_list("competence__code", flat=True))


@dataclass(frozen=True)
class Ligne:
    """What the bilan form sends for one compétence (``non_evalue``: "NE" was chosen)."""

    competence_id: int
    niveau: int | None
    commentaire: str
    non_evalue: bool = False


def decider(niveau: NiveauBilan, valeur: int | None, non_evalue: bool) -> bool:
    """Put the teacher's decision on a draft line (a level, "non évaluée", or undecided);
    False when it is already that one. A level or a blank is the teacher's entry
    (``saisie``)."""
    if non_evalue:
        if niveau.non_evalue:
            return False
        niveau.niveau, niveau.origine = None, OrigineNiveau.NON_EVALUE
        return True
    if niveau.niveau == valeur and not niveau.non_evalue:
        return False
    niveau.niveau, niveau.origine = valeur, OrigineNiveau.SAISIE
    return True


def modifier(bilan: Bilan, *, appreciation: str, lignes: list[Ligne]) -> int:
    """Save the draft's appreciation and its levels (or "non évaluée") and comments; returns
    the lines changed. A changed level becomes the teacher's entry (``saisie``)."""
    with transaction.atomic():
        bilan = Bilan.objects.select_for_update().get(pk=bilan.pk)
        refuser_si_fige(bilan)
        valeurs = set(bilan.referentiel.niveaux.values_list("valeur", flat=True))
        par_competence = {n.competence_id: n for n in bilan.niveaux.select_for_update()}
        erreurs = [_("Le niveau « %(niveau)s » n’est pas sur l’échelle du référentiel.")
                   % {"niveau": ligne.niveau} for ligne in lignes
                   if ligne.niveau is not None and ligne.niveau not in valeurs]
        if erreurs:
            raise ValidationError(erreurs)
        changees = 0
        for ligne in lignes:
            niveau = par_competence.get(ligne.competence_id)
            if niveau is None:
                continue
            commentaire = ligne.commentaire.strip()
            decision = decider(niveau, ligne.niveau, ligne.non_evalue)
            if not decision and niveau.commentaire == commentaire:
                continue
            niveau.commentaire = commentaire
            niveau.version = F("version") + 1
            niveau.save()
            changees += 1
        if bilan.appreciation != appreciation.strip():
            bilan.appreciation = appreciation.strip()
            bilan.save(update_fields=["appreciation"])
    return changees


def valider(bilan: Bilan, par) -> Bilan:
    """Check completeness, sign, date and freeze. Raises ``BilanIncomplet`` or
    ``BilanFige``; nothing is written when refused."""
    with transaction.atomic():
        bilan = Bilan.objects.select_for_update().get(pk=bilan.pk)
        refuser_si_fige(bilan)
        codes = manquantes(bilan)
        if codes:
            raise BilanIncomplet(codes)
        bilan.etat, bilan.valide_par, bilan.valide_le = EtatBilan.VALIDE, par, timezone.now()
        bilan.save()
    return bilan


def corriger(bilan: Bilan, par) -> Bilan:
    """A new draft that will replace the validated ``bilan``, prefilled from it; the existing
    one when a correction is already under way."""
    with transaction.atomic():
        bilan = Bilan.objects.select_for_update().get(pk=bilan.pk)
        if not bilan.valide:
            raise ValidationError(_("Seul un bilan validé peut être corrigé : celui-ci est "
                                    "encore un brouillon, modifiez-le directement."))
        correction = Bilan.objects.filter(remplace=bilan).first()
        if correction is not None:
            if correction.valide:
                raise ValidationError(_("Ce bilan a déjà été remplacé par un bilan correctif "
                                        "validé : corrigez plutôt celui-ci."))
            return correction
        if Bilan.objects.filter(apprenant_id=bilan.apprenant_id, campagne_id=bilan.campagne_id,
                                etat=EtatBilan.BROUILLON).exists():
            raise ValidationError(_("Un brouillon de bilan existe déjà pour cet apprenant dans "
                                    "cette campagne : terminez-le d’abord."))
        correction = Bilan.objects.create(
            apprenant_id=bilan.apprenant_id, campagne_id=bilan.campagne_id,
            referentiel_id=bilan.referentiel_id, date=bilan.date,
            appreciation=bilan.appreciation, remplace=bilan, cree_par=par)
        NiveauBilan.objects.bulk_create(
            NiveauBilan(bilan=correction, competence_id=n.competence_id, niveau=n.niveau,
                        niveau_propose=n.niveau_propose, origine=n.origine, raison=n.raison,
                        commentaire=n.commentaire)
            for n in bilan.niveaux.all())
    return correction
