"""The background run of a confirmed import (django-tasks; ``manage.py db_worker`` runs it).

The request that confirms only queues the run; the worker analyses the stored file again and
writes it in short batches (``Importateur.executer``), moving the run's progress as it goes,
so nobody waits on a long transaction and the administrator follows a progress bar.
"""
import logging
from contextlib import contextmanager
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from simple_history.models import HistoricalRecords

from ..models import EtatImport, Importation
from . import depot
from .base import Analyse, Erreur
from .importateurs import IMPORTATEURS

logger = logging.getLogger(__name__)


@contextmanager
def _auteur_de_l_historique(auteur):
    """The audit log names the administrator who imported, as when imports ran in their
    request (django-simple-history reads the user from the current request)."""
    contexte = HistoricalRecords.context
    precedente = getattr(contexte, "request", None)
    if precedente is None and auteur is not None:
        contexte.request = SimpleNamespace(user=auteur)
    try:
        yield
    finally:
        if precedente is None and hasattr(contexte, "request"):
            del contexte.request


def _terminer(importation: Importation, analyse: Analyse) -> str:
    etat = EtatImport.TERMINE if analyse.applique else EtatImport.ECHOUE
    champs = {"etat": etat,
              "erreurs": depot.erreurs(analyse), "contenu": b"", "fin": timezone.now()}
    if analyse.applique:
        champs.update(compteurs=analyse.compteurs, lignes=depot.lignes(analyse))
    Importation.objects.filter(pk=importation.pk).update(**champs)
    return etat


@task()
def importer(importation_id: int) -> str:
    """Run the queued import ``importation_id``; a run already taken is left alone."""
    with transaction.atomic():
        pris = Importation.objects.filter(pk=importation_id, etat=EtatImport.EN_FILE).update(
            etat=EtatImport.EN_COURS, debut=timezone.now())
    if not pris:
        return "déjà traité"
    importation = Importation.objects.select_related("etablissement", "auteur").get(
        pk=importation_id)
    importateur = IMPORTATEURS[importation.type](importation.etablissement,
                                                 auteur=importation.auteur)
    try:
        with _auteur_de_l_historique(importation.auteur):
            analyse = importateur.executer(bytes(importation.contenu), importation.nom_fichier,
                                           importation)
    except Exception:
        logger.exception("Import %s failed", importation_id)
        _terminer(importation, Analyse(erreurs=[Erreur(_(
            "Erreur inattendue pendant l’import : rien n’a été importé. Réessayez ; si "
            "l’erreur revient, transmettez le fichier à l’assistance."))]))
        raise
    return _terminer(importation, analyse)
