"""The cheap check of an uploaded archive, in the request: a ZIP by its content, within the
size bound. Everything else (signature, hashes, content) is the worker's (``taches``)."""
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .archive import taille_max


def verifier(fichier) -> None:
    """A ZIP by its content, within the size bound; else a French ValidationError."""
    if fichier.size > taille_max():
        raise ValidationError(_("Ce fichier dépasse %(max)s Mo : ce n’est pas un dossier "
                                "exporté par CPRO.") % {"max": taille_max() // (1024 * 1024)})
    if not zipfile.is_zipfile(fichier):
        raise ValidationError(_("Ce fichier n’est pas une archive ZIP : déposez le fichier "
                                "« .zip » exporté par l’autre installation, tel quel."))
    fichier.seek(0)
