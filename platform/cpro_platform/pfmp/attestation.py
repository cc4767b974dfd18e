"""Signing the attestation de PFMP on screen: the tutor and the establishment.

Each party types their name; the signature keeps the ``empreinte`` of what the attestation
stated then (``documents.contenu_attestation``). The page and the PDF show, for each party,
its latest signature: valid while the attestation is unchanged, else "made on an earlier
version" (to be signed again), or a blank line.

Who signs as what: the placement's tutor signs as ``tuteur`` (from their magic-link session,
while the placement's Encadrement runs); for the establishment, the DDFPT signs as ``chef``
(the head's representative) and a teacher of the class as ``enseignant``.
"""
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpro_platform.acces.roles import encadrements_actifs, etablissements_ou
from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import aujourdhui
from cpro_platform.signatures import empreinte

from .documents import contenu_attestation
from .models import DocumentSigne, QualiteSignataire, SignaturePFMP

TUTEUR, ETABLISSEMENT = "tuteur", "etablissement"
#: The two parties of the attestation and the qualités that sign for each.
PARTIES = {TUTEUR: (QualiteSignataire.TUTEUR,),
           ETABLISSEMENT: (QualiteSignataire.CHEF, QualiteSignataire.ENSEIGNANT)}
LIBELLES = {TUTEUR: gettext_lazy("Le tuteur en entreprise"),
            ETABLISSEMENT: gettext_lazy("Pour l’établissement")}


@dataclass(frozen=True)
class EtatSignature:
    partie: str
    libelle: str
    signature: SignaturePFMP | None
    #: The signature was made on the attestation as it is now.
    a_jour: bool

    @property
    def perimee(self) -> bool:
        return self.signature is not None and not self.a_jour


def etat_des_signatures(stage) -> list[EtatSignature]:
    """For each party, its latest signature of the attestation and whether it still holds."""
    actuelle = empreinte(contenu_attestation(stage))
    signatures = list(stage.signatures.filter(document=DocumentSigne.ATTESTATION)
                      .select_related("signataire").order_by("-signe_le", "-pk"))
    etats = []
    for partie, qualites in PARTIES.items():
        derniere = next((s for s in signatures if s.qualite in qualites), None)
        etats.append(EtatSignature(partie, str(LIBELLES[partie]), derniere,
                                   derniere is not None and derniere.empreinte == actuelle))
    return etats


def qualite_de(stage, user) -> str | None:
    """In which capacity ``user`` signs this attestation (None: they do not)."""
    if stage.encadrement_id and encadrements_actifs(user).filter(
            pk=stage.encadrement_id).exists():
        return QualiteSignataire.TUTEUR
    etablissement = stage.periode.classe.etablissement_id
    if etablissements_ou(user, TypeRole.DDFPT).filter(pk=etablissement).exists():
        return QualiteSignataire.CHEF
    if stage.periode.classe.enseignements.filter(enseignant=user).exists() and \
            etablissements_ou(user, TypeRole.ENSEIGNANT).filter(pk=etablissement).exists():
        return QualiteSignataire.ENSEIGNANT
    return None


def signer_attestation(stage, user, nom: str) -> SignaturePFMP:
    """``user`` signs the attestation as it is now, with the name they typed.

    :raises ValidationError: no name typed, before the placement's last day (the weeks it
        states are not done yet), or already signed this very version.
    :raises PermissionDenied: ``user`` signs for no party of this placement.
    """
    qualite = qualite_de(stage, user)
    if qualite is None:
        raise PermissionDenied
    nom = (nom or "").strip()
    if not nom:
        raise ValidationError({"nom": [_("Tapez votre nom et prénom pour signer.")]})
    if aujourdhui() < stage.fin:
        raise ValidationError({"nom": [_(
            "L’attestation se signe à la fin de la PFMP : à partir du %(fin)s.") % {
            "fin": stage.fin.strftime("%d/%m/%Y")}]})
    contenu = contenu_attestation(stage)
    with transaction.atomic():
        if stage.signatures.filter(document=DocumentSigne.ATTESTATION, qualite=qualite,
                                   empreinte=empreinte(contenu)).exists():
            raise ValidationError({"nom": [_(
                "Cette version de l’attestation est déjà signée en qualité de "
                "« %(qualite)s ».") % {"qualite": QualiteSignataire(qualite).label}]})
        return SignaturePFMP.objects.create(
            stage=stage, document=DocumentSigne.ATTESTATION, qualite=qualite, signataire=user,
            nom=nom, empreinte=empreinte(contenu))
