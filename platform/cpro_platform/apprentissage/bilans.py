"""Periodic reviews: opened by the centre, written by master, trainer and apprentice, each of
whom signs in their capacity. A signature holds the ``empreinte`` of the review's content; one
made on content that changed since no longer counts. When all three signed the current
content the review is closed, and the model refuses any change from then on.
"""
import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpro_platform.signatures import empreinte

from . import perimetres as ap
from .models import (
    BilanApprentissage, BilanClos, Contrat, QualiteSignataire, SignatureApprentissage)

#: Who writes which text of a review.
CHAMPS = {
    QualiteSignataire.MAITRE: ("appreciation_maitre",),
    QualiteSignataire.FORMATEUR: ("appreciation_formateur", "objectifs"),
    QualiteSignataire.APPRENTI: ("commentaire_apprenti",),
}


def qualites(user, contrat: Contrat) -> list[str]:
    """The capacities in which ``user`` writes and signs this contract's reviews."""
    trouvees = []
    if ap.contrats_du_maitre(user).filter(pk=contrat.pk).exists():
        trouvees.append(QualiteSignataire.MAITRE)
    if ap.contrats_suivis(user).filter(pk=contrat.pk).exists():
        trouvees.append(QualiteSignataire.FORMATEUR)
    if user.is_authenticated and contrat.apprenant.user_id == user.pk:
        trouvees.append(QualiteSignataire.APPRENTI)
    return trouvees


def contenu(bilan: BilanApprentissage) -> dict:
    """What the signatories sign: the review's dates and texts, and whose contract it is."""
    return {"contrat": bilan.contrat_id, "apprenti": bilan.contrat.apprenant.ine,
            "date": bilan.date, "debut": bilan.debut, "fin": bilan.fin,
            "appreciation_maitre": bilan.appreciation_maitre,
            "appreciation_formateur": bilan.appreciation_formateur,
            "commentaire_apprenti": bilan.commentaire_apprenti, "objectifs": bilan.objectifs}


@dataclass(frozen=True)
class EtatSignature:
    qualite: str
    libelle: str
    signature: SignatureApprentissage | None  # the latest in this capacity
    a_jour: bool  # made on the current content


def etat_des_signatures(bilan: BilanApprentissage) -> list[EtatSignature]:
    actuel = empreinte(contenu(bilan))
    dernieres = {}
    for signature in sorted(bilan.signatures.all(), key=lambda s: (s.signe_le, s.pk)):
        dernieres[signature.qualite] = signature
    return [EtatSignature(q.value, q.label, dernieres.get(q.value),
                          dernieres.get(q.value) is not None
                          and dernieres[q.value].empreinte == actuel)
            for q in QualiteSignataire]


def _refuser_si_clos(bilan: BilanApprentissage) -> None:
    if bilan.clos or bilan.est_clos_en_base():
        raise BilanClos()


def ouvrir_bilan(contrat: Contrat, *, date: datetime.date, debut: datetime.date,
                 fin: datetime.date, auteur) -> BilanApprentissage:
    erreurs = {}
    if fin < debut:
        erreurs["fin"] = _("La fin de la période précède son début.")
    elif debut < contrat.debut or fin > contrat.fin:
        erreurs["debut"] = _("La période du bilan doit être comprise dans le contrat (du "
                             "%(debut)s au %(fin)s).") % {
            "debut": contrat.debut.strftime("%d/%m/%Y"), "fin": contrat.fin.strftime("%d/%m/%Y")}
    if erreurs:
        raise ValidationError(erreurs)
    return BilanApprentissage.objects.create(contrat=contrat, date=date, debut=debut, fin=fin,
                                             cree_par=auteur)


@transaction.atomic
def ecrire(bilan: BilanApprentissage, qualite: str, textes: dict[str, str]) -> bool:
    """Write the texts of ``qualite`` (others are ignored). Returns whether anything changed
    (which makes the signatures made so far stale)."""
    _refuser_si_clos(bilan)
    change = False
    for champ in CHAMPS[qualite]:
        if champ in textes and getattr(bilan, champ) != textes[champ].strip():
            setattr(bilan, champ, textes[champ].strip())
            change = True
    if change:
        bilan.save()
    return change


@transaction.atomic
def signer(bilan: BilanApprentissage, signataire, qualite: str, nom: str
           ) -> SignatureApprentissage:
    """Sign the current content in ``qualite``; the third valid signature closes the review."""
    bilan = BilanApprentissage.objects.select_for_update().get(pk=bilan.pk)
    _refuser_si_clos(bilan)
    nom = nom.strip()
    if not nom:
        raise ValidationError({"nom": _("Saisissez votre nom pour signer.")})
    signature = SignatureApprentissage.objects.create(
        bilan=bilan, signataire=signataire, nom=nom[:200], qualite=qualite,
        empreinte=empreinte(contenu(bilan)))
    if all(etat.a_jour for etat in etat_des_signatures(bilan)):
        bilan.clos_le = timezone.now()
        bilan.save(update_fields=["clos_le"])
    return signature
