"""An uploaded archive kept between its preview and the confirmation: in the private
documents storage (no URL), under a random name, remembered in the uploader's session only."""
import secrets
import zipfile

from django.core.files.base import ContentFile
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cpro_platform.bilans.stockage import stockage_documents

from .archive import taille_max

SESSION = "portabilite_depots"


def _chemin(etablissement_pk: int, jeton: str) -> str:
    return f"portabilite/{etablissement_pk}/{jeton}.zip"


def verifier(fichier) -> None:
    """A ZIP by its content, within the size bound; else a French ValidationError."""
    if fichier.size > taille_max():
        raise ValidationError(_("Ce fichier dépasse %(max)s Mo : ce n’est pas un dossier "
                                "exporté par CPRO.") % {"max": taille_max() // (1024 * 1024)})
    if not zipfile.is_zipfile(fichier):
        raise ValidationError(_("Ce fichier n’est pas une archive ZIP : déposez le fichier "
                                "« .zip » exporté par l’autre installation, tel quel."))
    fichier.seek(0)


def deposer(request, etablissement, fichier) -> str:
    jeton = secrets.token_urlsafe(16)
    stockage_documents().save(_chemin(etablissement.pk, jeton), ContentFile(fichier.read()))
    request.session[SESSION] = [*request.session.get(SESSION, [])[-9:], jeton]
    return jeton


def ouvrir(request, etablissement, jeton: str):
    """The deposited file of this session and establishment, or None."""
    if jeton not in request.session.get(SESSION, []):
        return None
    chemin = _chemin(etablissement.pk, jeton)
    stockage = stockage_documents()
    return stockage.open(chemin, "rb") if stockage.exists(chemin) else None


def retirer(request, etablissement, jeton: str) -> None:
    stockage_documents().delete(_chemin(etablissement.pk, jeton))
    request.session[SESSION] = [j for j in request.session.get(SESSION, []) if j != jeton]
