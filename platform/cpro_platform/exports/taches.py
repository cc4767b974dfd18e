"""The background run of an export (django-tasks; ``manage.py db_worker`` runs it).

The request records a ``LotExport`` and queues ``produire_lot``; the worker runs the format,
which moves ``faits``/``total`` as it goes (the page's progress bar polls them), then stores
the one file in the private documents storage. A batch already taken is left alone, so a task
delivered twice does the work once. Nothing to export, or a failure, leaves no file and a
French message on the page.
"""
import datetime
import logging
from types import MappingProxyType

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from cpro_platform.regles import DemandeExport, RienAExporter

from . import registre
from .models import EtatLot, LotExport

logger = logging.getLogger(__name__)


def _avancer(lot: LotExport, **champs) -> None:
    LotExport.objects.filter(pk=lot.pk).update(**champs)


def _echec(lot: LotExport, message: str) -> None:
    _avancer(lot, etat=EtatLot.ECHOUE, fin=timezone.now(), erreur=message)


@task()
def produire_lot(lot_id: int) -> str:
    """Make the queued batch ``lot_id``."""
    with transaction.atomic():
        pris = LotExport.objects.filter(pk=lot_id, etat=EtatLot.EN_FILE).update(
            etat=EtatLot.EN_COURS, debut=timezone.now())
    if not pris:
        return "déjà traité"
    lot = LotExport.objects.select_related("classe", "apprenant", "auteur").get(pk=lot_id)
    demande = DemandeExport(
        classe=lot.classe, apprenant=lot.apprenant, utilisateur=lot.auteur,
        parametres=MappingProxyType(dict(lot.parametres)),
        progression=lambda faits, total: _avancer(lot, faits=faits, total=total))
    try:
        resultat = registre.produire(registre.format_(lot.format), demande)
        lot.fichier.save(resultat.nom, ContentFile(resultat.contenu), save=False)
    except RienAExporter as rien:
        _echec(lot, str(rien))
        return EtatLot.ECHOUE
    except Exception as erreur:
        logger.exception("Export batch %s failed", lot_id)
        _echec(lot, _("Erreur inattendue pendant la production des documents : %(cause)s "
                      "Aucun fichier n’a été produit. Relancez ; si l’erreur revient, "
                      "signalez-la à l’assistance.") % {"cause": registre.cause(erreur)})
        raise
    _avancer(lot, etat=EtatLot.TERMINE, fichier=lot.fichier.name, fin=timezone.now(),
             manquants=list(resultat.manquants), faits=resultat.nombre, total=resultat.nombre)
    return EtatLot.TERMINE


#: A batch queued or running for longer than this was lost (the worker stopped meanwhile):
#: the class's biggest batch takes well under a minute.
ABANDON = datetime.timedelta(minutes=30)
MESSAGE_ABANDON = gettext_lazy("Cet export n’a pas abouti (le service de production des documents a été "
                    "interrompu) : relancez-le.")


def abandonner_perimes(lots) -> None:
    """Mark the batches among ``lots`` that a stopped worker left behind as failed."""
    limite = timezone.now() - ABANDON
    lots.filter(Q(etat=EtatLot.EN_FILE, cree_le__lt=limite)
                | Q(etat=EtatLot.EN_COURS, debut__lt=limite)).update(
        etat=EtatLot.ECHOUE, fin=timezone.now(), erreur=str(MESSAGE_ABANDON))


def lancer(code: str, classe, apprenant, auteur, parametres: dict | None = None
           ) -> tuple[LotExport, bool]:
    """Queue ``code`` for the class (or learner) unless the same export already runs; the
    batch, and whether it is a new one."""
    parametres = parametres or {}
    memes = LotExport.objects.filter(format=code, classe=classe, apprenant=apprenant,
                                     parametres=parametres)
    abandonner_perimes(memes)
    en_marche = memes.filter(etat__in=LotExport.EN_MARCHE).first()
    if en_marche:
        return en_marche, False
    lot = LotExport.objects.create(format=code, classe=classe, apprenant=apprenant,
                                   parametres=parametres, auteur=auteur)
    produire_lot.enqueue(lot.pk)
    return lot, True
