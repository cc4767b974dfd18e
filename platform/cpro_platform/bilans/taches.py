"""The background run of a document batch (django-tasks; ``manage.py db_worker`` runs it).

The request only records a ``LotDocuments`` and queues ``produire_lot``; the worker makes the
documents one by one, moving ``faits`` as it goes (the page's progress bar polls it), then
stores one archive in the private documents storage. A batch already taken is left alone, so
a task delivered twice does the work once.
"""
import io
import logging
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from cpro_platform.etablissements.models import Apprenant

from .documents import bilan_pdf, nom_du_pdf
from .lots import EtatLot, LotDocuments, NatureLot
from .models import Bilan
from .perimetres_documents import DETAIL_BILAN

logger = logging.getLogger(__name__)


def _avancer(lot: LotDocuments, **champs) -> None:
    LotDocuments.objects.filter(pk=lot.pk).update(**champs)


def bilans_de_la_campagne(lot: LotDocuments) -> tuple[str, bytes]:
    """One PDF per learner's validated bilan in force of the campaign, in a ZIP (its name and
    bytes); the class's learners without one are listed on the page."""
    bilans = list(Bilan.objects.en_vigueur().filter(campagne=lot.campagne)
                  .select_related(*DETAIL_BILAN)
                  .order_by("apprenant__nom", "apprenant__prenom", "pk"))
    avec = {b.apprenant_id for b in bilans}
    manquants = [a.nom_complet for a in Apprenant.objects.filter(
        inscriptions__classe=lot.classe).distinct().order_by("nom", "prenom")
        if a.pk not in avec]
    _avancer(lot, total=len(bilans), manquants=manquants)
    tampon, noms = io.BytesIO(), set()
    # PDFs are compressed already: stored as they are, the archive costs nothing to build.
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_STORED) as archive:
        for bilan in bilans:
            nom = nom_du_pdf(bilan)
            if nom in noms:
                nom = nom.replace(".pdf", f"-{bilan.pk}.pdf")
            noms.add(nom)
            archive.writestr(nom, bilan_pdf(bilan))
            _avancer(lot, faits=F("faits") + 1)
    nom = slugify(f"bilans-{lot.classe.nom}-{lot.campagne.titre}") or "bilans"
    return f"{nom}.zip", tampon.getvalue()


PRODUCTEURS = {NatureLot.BILANS_CAMPAGNE: bilans_de_la_campagne}


@task()
def produire_lot(lot_id: int) -> str:
    """Make the queued batch ``lot_id``."""
    with transaction.atomic():
        pris = LotDocuments.objects.filter(pk=lot_id, etat=EtatLot.EN_FILE).update(
            etat=EtatLot.EN_COURS, debut=timezone.now())
    if not pris:
        return "déjà traité"
    lot = LotDocuments.objects.select_related("classe", "campagne").get(pk=lot_id)
    try:
        nom, contenu = PRODUCTEURS[lot.nature](lot)
        lot.fichier.save(nom, ContentFile(contenu), save=False)
    except Exception:
        logger.exception("Document batch %s failed", lot_id)
        _avancer(lot, etat=EtatLot.ECHOUE, fin=timezone.now(), erreur=_(
            "Erreur inattendue pendant la production des documents : aucun fichier n’a été "
            "produit. Relancez ; si l’erreur revient, signalez-la à l’assistance."))
        raise
    _avancer(lot, etat=EtatLot.TERMINE, fichier=lot.fichier.name, fin=timezone.now())
    return EtatLot.TERMINE
