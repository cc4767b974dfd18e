"""The PFMP bilan the tutor signs, and the teacher's side-by-side view.

The bilan is the tutor's evaluations of the period's critères (with their wording) and the
tutor's overall appreciation. Its signature keeps ``empreinte(contenu_bilan(stage))``: when an
evaluation or the appreciation changes afterwards, the page shows the signature as made on an
earlier version (``Signature.porte_sur``) instead of carrying it over.
"""
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cpro_platform.referentials.models import Critere
from cpro_platform.signatures import empreinte
from cpro_platform.suivi.grille import courantes
from cpro_platform.suivi.models import Etat, Evaluation, Lieu

from .coevaluation import criteres_cibles
from .models import DocumentSigne, QualiteSignataire, SignaturePFMP, StagePFMP


@dataclass
class LigneBilan:
    critere: Critere
    evaluation: Evaluation | None


def lignes_bilan(stage: StagePFMP) -> list[LigneBilan]:
    criteres = criteres_cibles(stage)
    actuelles = courantes(stage.periode.situation,
                          [(stage.apprenant_id, c.pk) for c in criteres])
    return [LigneBilan(c, actuelles.get((stage.apprenant_id, c.pk))) for c in criteres]


def contenu_bilan(stage: StagePFMP, lignes: list[LigneBilan] | None = None) -> dict:
    """What the tutor signs, as plain data (its fingerprint is the signature's)."""
    lignes = lignes_bilan(stage) if lignes is None else lignes
    return {
        "document": DocumentSigne.BILAN, "stage": stage.pk,
        "apprenant": stage.apprenant.nom_complet, "entreprise": stage.entreprise.nom,
        "periode": stage.periode.titre, "debut": stage.debut, "fin": stage.fin,
        "evaluations": [{
            "critere": ligne.critere.code, "intitule": ligne.critere.intitule,
            "valeur": ligne.evaluation.code if ligne.evaluation else "",
            "commentaire": ligne.evaluation.commentaire if ligne.evaluation else "",
        } for ligne in lignes],
        "appreciation": stage.appreciation_tuteur,
    }


@dataclass
class SignatureVue:
    signature: SignaturePFMP
    #: Made on the bilan as it is now?
    a_jour: bool


def signatures_du_bilan(stage: StagePFMP, contenu: dict) -> list[SignatureVue]:
    return [SignatureVue(s, s.porte_sur(contenu)) for s in stage.signatures.filter(
        document=DocumentSigne.BILAN).select_related("signataire").order_by("-signe_le")]


def signer_bilan(stage: StagePFMP, tuteur_user, nom: str) -> SignaturePFMP:
    """The tutor signs the bilan as it is now, with the name they typed."""
    nom = (nom or "").strip()
    if not nom:
        raise ValidationError({"nom": _("Tapez votre nom pour signer.")})
    lignes = lignes_bilan(stage)
    if not any(ligne.evaluation for ligne in lignes):
        raise ValidationError(_("Évaluez au moins un critère avant de signer le bilan."))
    return SignaturePFMP.objects.create(
        stage=stage, document=DocumentSigne.BILAN, qualite=QualiteSignataire.TUTEUR,
        signataire=tuteur_user, nom=nom, empreinte=empreinte(contenu_bilan(stage, lignes)))


@dataclass
class LigneComparee:
    critere: Critere
    tuteur: Evaluation | None
    #: The teachers' latest level on the same critère in a centre situation.
    enseignant: Evaluation | None

    @property
    def ecart(self) -> int | None:
        """Tutor's level minus the teacher's, when both gave a level."""
        if (self.tuteur and self.enseignant and self.tuteur.etat == Etat.EVALUE):
            return self.tuteur.niveau - self.enseignant.niveau
        return None


def comparer(stage: StagePFMP) -> list[LigneComparee]:
    """Per targeted critère: the level in the PFMP situation beside the latest level given in
    the centre (3 queries: critères, the PFMP values, the centre values)."""
    lignes = lignes_bilan(stage)
    centre = {}
    for evaluation in (Evaluation.objects.courantes()
                       .filter(apprenant_id=stage.apprenant_id, etat=Etat.EVALUE,
                               critere__in=[ligne.critere.pk for ligne in lignes],
                               situation__lieu=Lieu.CENTRE)
                       .select_related("situation", "auteur").order_by("-saisie_le", "-pk")):
        centre.setdefault(evaluation.critere_id, evaluation)
    return [LigneComparee(ligne.critere, ligne.evaluation, centre.get(ligne.critere.pk))
            for ligne in lignes]
