"""Photos of a fiche d'activité: checked by content like the grid's evidence (a phone photo,
or a PDF), at most ``PHOTOS_MAX`` per sheet of ``TAILLE_MAX`` each, stored under a random name
in the evidence storage (no URL) and served only by ``activites:photo`` after the policy."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cpro_platform.suivi.preuves import TAILLE_MAX, PreuveVerifiee, verifier_preuve

from .models import FicheActivite, PhotoFiche

PHOTOS_MAX = 5

__all__ = ["PHOTOS_MAX", "TAILLE_MAX", "verifier_photos", "ajouter_photos", "effacer"]


def verifier_photos(fichiers, deja: int = 0) -> list[PreuveVerifiee]:
    """Every uploaded file checked by content (all refused at once, naming each one), and
    their number with the ``deja`` kept ones bounded by ``PHOTOS_MAX``."""
    fichiers = list(fichiers)
    if deja + len(fichiers) > PHOTOS_MAX:
        raise ValidationError(_("Une fiche porte au plus %(max)s photos : retirez-en ou "
                                "joignez-en moins.") % {"max": PHOTOS_MAX}, code="nombre")
    verifiees, erreurs = [], []
    for fichier in fichiers:
        try:
            verifiees.append(verifier_preuve(fichier))
        except ValidationError as erreur:
            erreurs.extend(erreur.messages)
    if erreurs:
        raise ValidationError(erreurs)
    return verifiees


def ajouter_photos(fiche: FicheActivite, photos: list[PreuveVerifiee],
                   ecrites: list[PhotoFiche]) -> None:
    """Store ``photos`` on ``fiche``; each stored row is appended to ``ecrites`` so that the
    caller can remove the files again if its transaction fails."""
    for photo in photos:
        ligne = PhotoFiche(fiche=fiche, nom=photo.nom, type=photo.type)
        ligne.fichier.save(photo.nom, photo.fichier, save=False)
        ecrites.append(ligne)
        ligne.save()


def effacer(photos: list[PhotoFiche]) -> None:
    """Remove the files of ``photos`` from the storage (rows gone or never saved)."""
    for photo in photos:
        if photo.fichier:
            photo.fichier.storage.delete(photo.fichier.name)
