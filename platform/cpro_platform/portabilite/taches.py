"""The import's two background runs (django-tasks; ``manage.py db_worker`` runs them).

``apercevoir`` verifies the uploaded archive and runs the preview (the import, rolled back);
``importer_archive`` commits it once the uploader confirmed. Each takes its ``ImportDossier``
by moving it out of its waiting state in one UPDATE, so a task delivered twice works once and
an archive is never imported twice. The progress bar counts steps (archive read and its
signature checked; content checked; written): the writing is one transaction, whose own
progress nobody else could read before it commits.
"""
import datetime
import logging

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from cpro_platform.etablissements.imports.taches import _auteur_de_l_historique
from cpro_platform.etablissements.models import Apprenant

from . import archive
from .apercu import Apercu
from .importation import importer
from .models import EtatImport, ImportDossier

logger = logging.getLogger(__name__)


def _maj(dossier_id: int, **champs) -> None:
    ImportDossier.objects.filter(pk=dossier_id).update(**champs)


def _prendre(dossier_id: int, attendu: str, suivant: str) -> ImportDossier | None:
    if not ImportDossier.objects.filter(pk=dossier_id, etat=attendu).update(
            etat=suivant, debut=timezone.now(), etape=0):
        return None
    return ImportDossier.objects.select_related("etablissement", "auteur").get(pk=dossier_id)


def _executer(dossier: ImportDossier, confirmer: bool) -> Apercu:
    """Read and verify the stored archive, then preview or commit its import."""
    try:
        with dossier.fichier.open("rb") as flux:
            lue = archive.lire(flux)
    except archive.ArchiveRefusee as refus:
        return Apercu(refus=[str(refus)])
    _maj(dossier.pk, etape=1)
    with _auteur_de_l_historique(dossier.auteur):
        return importer(lue, etablissement=dossier.etablissement, confirmer=confirmer,
                        auteur=dossier.auteur,
                        verifie=lambda: _maj(dossier.pk, etape=2))


def _retirer_fichier(dossier: ImportDossier) -> None:
    if dossier.fichier:
        dossier.fichier.delete(save=False)


def _lancer(dossier_id: int, attendu: str, suivant: str, confirmer: bool) -> str:
    dossier = _prendre(dossier_id, attendu, suivant)
    if dossier is None:
        return "déjà traité"
    try:
        apercu = _executer(dossier, confirmer)
    except Exception as erreur:
        logger.exception("Import of archive %s failed", dossier_id)
        _retirer_fichier(dossier)
        _maj(dossier_id, etat=EtatImport.ECHEC, fichier="", fin=timezone.now(), erreur=_(
            "Erreur inattendue pendant l’import : rien n’a été importé (%(cause)s). Déposez "
            "le dossier de nouveau ; si l’erreur revient, transmettez-le à l’assistance.")
            % {"cause": type(erreur).__name__})
        raise
    if not apercu.acceptable:
        # Only why: the names and e-mails of a record not imported are not kept.
        etat, apercu = EtatImport.REFUSE, Apercu(refus=apercu.refus)
    elif confirmer:
        etat = EtatImport.IMPORTE
    else:
        etat = EtatImport.APERCU
    champs = {"etat": etat, "etape": ImportDossier.ETAPES,
              "apercu": ImportDossier.json_apercu(apercu)}
    if etat != EtatImport.APERCU or apercu.deja_importe:  # nothing left to confirm
        _retirer_fichier(dossier)
        champs["fichier"] = ""
    if etat != EtatImport.APERCU:
        champs["fin"] = timezone.now()
    if etat == EtatImport.IMPORTE:
        champs["apprenant"] = Apprenant.objects.filter(ine=apercu.ine).first()
    _maj(dossier_id, **champs)
    return etat


@task()
def apercevoir(dossier_id: int) -> str:
    """Verify the uploaded archive ``dossier_id`` and store its preview."""
    return _lancer(dossier_id, EtatImport.EN_ATTENTE, EtatImport.VERIFICATION, confirmer=False)


@task()
def importer_archive(dossier_id: int) -> str:
    """Commit the confirmed archive ``dossier_id``, all or nothing."""
    return _lancer(dossier_id, EtatImport.CONFIRME, EtatImport.EN_COURS, confirmer=True)


#: An import queued or running for longer than this was lost (the worker stopped meanwhile):
#: the biggest record imports in seconds.
ABANDON = datetime.timedelta(minutes=30)
MESSAGE_ABANDON = gettext_lazy("Cet import n’a pas abouti (le service qui traite les imports a "
                               "été interrompu) : rien n’a été importé, déposez le dossier de "
                               "nouveau.")
#: A preview nobody confirmed is dropped (with its archive) after this long.
DUREE_APERCU = datetime.timedelta(days=1)
MESSAGE_PERIME = gettext_lazy("Cet aperçu n’a pas été confirmé dans la journée : le dossier "
                              "déposé a été effacé. Déposez-le de nouveau pour l’importer.")


def menage(etablissement) -> None:
    """Mark the establishment's imports a stopped worker left behind as failed, and drop the
    previews left unconfirmed, archive and preview (a whole record, other people's names and
    e-mails included: not kept for nothing)."""
    maintenant = timezone.now()
    dossiers = ImportDossier.objects.filter(etablissement=etablissement)
    dossiers.filter(Q(etat=EtatImport.EN_ATTENTE, cree_le__lt=maintenant - ABANDON)
                    | Q(etat__in=(EtatImport.VERIFICATION, EtatImport.CONFIRME,
                                  EtatImport.EN_COURS), debut__lt=maintenant - ABANDON)).update(
        etat=EtatImport.ECHEC, fin=maintenant, erreur=str(MESSAGE_ABANDON))
    for dossier in dossiers.filter(etat__in=(EtatImport.APERCU, EtatImport.ECHEC),
                                   cree_le__lt=maintenant - DUREE_APERCU).exclude(fichier=""):
        _retirer_fichier(dossier)
        _maj(dossier.pk, fichier="")
    dossiers.filter(etat=EtatImport.APERCU, cree_le__lt=maintenant - DUREE_APERCU).update(
        etat=EtatImport.ECHEC, fin=maintenant, erreur=str(MESSAGE_PERIME), apercu={})

