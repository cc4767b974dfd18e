"""Attestation of acquired compétences: issued from validated bilans only, frozen at issue.

Issuing reads the learner's latest validated bilan in force (none: refused with a French
message, nothing written), the mastery threshold from the gateway (``seuil_maitrise``: a
compétence at or above it counts as acquired), and freezes everything the document prints —
identity header, référentiel version and provenance, each compétence with its level — in
``Attestation.contenu``. Printing reads ``contenu`` only, so a later bilan, a referential
re-sync or a renamed class never changes an attestation already delivered.
"""
import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpro_platform.livret.entete import Entete, entete
from cpro_platform.pdf import html_en_pdf
from cpro_platform.referentials.models import Provenance
from cpro_platform.regles import regles

from .bareme import bareme_de
from .models import Attestation, Bilan
from .perimetres_documents import DETAIL_BILAN
from .projection import derniers_bilans

#: Version of the ``contenu`` layout, so a future layout can still print older ones.
FORMAT = 1

MOTIFS = {
    "depart": gettext_lazy("Départ de l’établissement en cours de cycle"),
    "fin_de_cycle": gettext_lazy("Fin de cycle de formation"),
}


class AttestationImpossible(Exception):
    """Why an attestation cannot be issued, in French, for the page."""


def bilan_de_reference(apprenant) -> Bilan | None:
    """The latest validated bilan in force, fetched with what the document prints."""
    bilan = derniers_bilans([apprenant.pk]).get(apprenant.pk)
    return Bilan.objects.select_related(*DETAIL_BILAN).get(pk=bilan.pk) if bilan else None


def _nom(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def contenu(bilan: Bilan, motif: str, auteur, delivree_le) -> dict:
    """Everything the attestation prints, as JSON. Raises ``ErreurDeRegle`` (naming the
    plugin) when the mastery threshold rule fails: no attestation without its rule."""
    referentiel = bilan.referentiel
    bareme = bareme_de(referentiel)
    seuil = regles().seuil_maitrise(bareme.ref, bareme.echelle)
    blocs, acquises, total = [], 0, 0
    for ligne in bilan.niveaux.select_related("competence__bloc"):
        competence, bloc = ligne.competence, ligne.competence.bloc
        if not blocs or blocs[-1]["code"] != bloc.code:
            blocs.append({"code": bloc.code, "intitule": bloc.intitule,
                          "provisoire": bloc.est_provisoire, "competences": []})
        acquise = ligne.niveau is not None and seuil is not None and ligne.niveau >= seuil
        acquises += acquise
        total += 1
        blocs[-1]["competences"].append({
            "code": competence.code, "intitule": competence.intitule,
            "provisoire": competence.est_provisoire,
            "provenance": competence.provenance_detail if competence.est_provisoire else "",
            "niveau": ligne.niveau, "libelle": bareme.libelles.get(ligne.niveau, ""),
            "acquise": acquise})
    provisoire = (referentiel.est_provisoire or any(b["provisoire"] for b in blocs)
                  or any(c["provisoire"] for b in blocs for c in b["competences"]))
    cycle = Bilan.objects.valides().filter(apprenant_id=bilan.apprenant_id).order_by("date")
    return {
        "format": FORMAT,
        "entete": entete(bilan.apprenant, bilan.campagne.classe, date=bilan.date).en_dict(),
        "motif": motif,
        "referentiel": {
            "code": referentiel.code, "version": referentiel.version,
            "intitule": referentiel.intitule, "diplome": referentiel.diplome,
            "provenance": referentiel.provenance,
            "provenance_libelle": str(Provenance(referentiel.provenance).label),
            "provenance_detail": referentiel.provenance_detail,
            "plugin": referentiel.plugin, "distribution": referentiel.distribution,
            "distribution_version": referentiel.distribution_version},
        "bilan": {"date": bilan.date.isoformat(), "campagne": bilan.campagne.titre,
                  "valide_le": bilan.valide_le.isoformat(), "valide_par": _nom(bilan.valide_par)},
        "cycle": [d.isoformat() for d in cycle.values_list("date", flat=True)],
        "seuil": {"niveau": seuil, "libelle": bareme.libelles.get(seuil, "")},
        "blocs": blocs, "acquises": acquises, "total": total, "provisoire": provisoire,
        "delivree_le": delivree_le.isoformat(), "delivree_par": _nom(auteur),
    }


def delivrer(apprenant, auteur, motif: str) -> Attestation:
    """Issue an attestation from the latest validated bilan in force, or raise
    :class:`AttestationImpossible` (nothing written)."""
    bilan = bilan_de_reference(apprenant)
    if bilan is None:
        raise AttestationImpossible(_(
            "Aucun bilan validé pour %(nom)s : une attestation de compétences ne peut être "
            "délivrée qu’à partir d’un bilan validé. Validez d’abord un bilan intermédiaire.")
            % {"nom": apprenant.nom_complet})
    libelle = str(MOTIFS.get(motif, motif))
    maintenant = timezone.now()
    with transaction.atomic():
        return Attestation.objects.create(
            apprenant=apprenant, bilan=bilan, motif=libelle,
            contenu=contenu(bilan, libelle, auteur, maintenant), delivree_par=auteur,
            delivree_le=maintenant)


def attestation_pdf(attestation: Attestation) -> bytes:
    """The attestation as delivered: its frozen ``contenu``, printed now."""
    contenu_ = attestation.contenu
    return html_en_pdf(render_to_string("bilans/documents/attestation_pdf.html", {
        "attestation": attestation, "c": contenu_,
        "entete": Entete.depuis_dict(contenu_["entete"]),
        "bilan_date": datetime.date.fromisoformat(contenu_["bilan"]["date"]),
        "cycle": [datetime.date.fromisoformat(d) for d in contenu_["cycle"]]}))


def nom_du_pdf(attestation: Attestation) -> str:
    entete_ = attestation.contenu.get("entete", {})
    return (slugify(f"attestation-{entete_.get('apprenant', '')}-{attestation.pk}")
            or "attestation") + ".pdf"
