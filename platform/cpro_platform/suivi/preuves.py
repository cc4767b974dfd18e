"""Evidence files ("preuves") of grid cells: which are accepted, and how they are served.

A file is judged by its content alone (magic bytes read by ``filetype``), never by the name or
the type the browser sent: the pentest stored ``bon.html`` declared as ``image/jpeg``, and the
app served it back as a page, inline, in the teacher's session. Only PDF, JPEG, PNG and WebP
pass, up to 10 MB. The file is stored under a random name (``models.chemin_preuve``) in a
storage without URL (``stockage``); its original name, sanitised, is kept apart for display.
"""
import io
import unicodedata
from dataclasses import dataclass
from pathlib import PureWindowsPath

import filetype
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

#: The accepted types, as detected from the content, and the extension each is stored under.
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png",
              "image/webp": "webp"}
#: Other extensions an original name may keep for its detected type.
SYNONYMES = {"image/jpeg": {"jpeg", "jpe"}}
TAILLE_MAX = 10 * 1024 * 1024
#: Photos are decoded to strip their metadata: a bound on what one may unpack to.
PIXELS_MAX = 40_000_000
#: Pillow's names of the image types, for re-encoding.
FORMATS_IMAGE = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
LONGUEUR_NOM = 100
#: Characters Windows refuses in a name, and quotes: replaced in the names we show and send.
INTERDITS = str.maketrans({c: "_" for c in '"\\/:*?<>|'})


@dataclass(frozen=True)
class PreuveVerifiee:
    """An uploaded file whose content passed the check; the only kind the grid stores."""

    fichier: File
    #: The uploader's name, sanitised, with the extension of the detected type.
    nom: str
    #: The detected MIME type, a key of ``EXTENSIONS``.
    type: str


def type_detecte(fichier) -> str | None:
    """The accepted type the file's first bytes show, or None (unknown or not accepted)."""
    genre = filetype.guess(fichier)
    return genre.mime if genre and genre.mime in EXTENSIONS else None


def verifier_preuve(fichier) -> PreuveVerifiee:
    """``fichier`` if its content is a PDF, JPEG, PNG or WebP of 10 MB at most; otherwise a
    ValidationError saying so in French."""
    if fichier.size > TAILLE_MAX:
        raise ValidationError(_("Ce fichier dépasse 10 Mo : rien n'a été enregistré. Joignez "
                                "un fichier plus léger, ou aucun, et enregistrez de nouveau."),
                              code="taille")
    type_ = type_detecte(fichier)
    if type_ is None:
        raise ValidationError(
            _("« %(nom)s » n'est pas un fichier PDF, JPEG, PNG ou WebP (d'après son contenu) : "
              "rien n'a été enregistré. Joignez un autre fichier, ou aucun, et enregistrez de "
              "nouveau ; le niveau et le commentaire saisis sont conservés."),
            code="type", params={"nom": nom_affichable(fichier.name)})
    if type_ in FORMATS_IMAGE:
        fichier = sans_metadonnees(fichier, type_)
    return PreuveVerifiee(fichier, nom_affichable(fichier.name, type_), type_)


def sans_metadonnees(fichier, type_: str) -> File:
    """The photo re-encoded from its pixels alone: a phone's EXIF carries the GPS position of
    the workshop, the device and the time, which a livret has no need of. Its orientation is
    applied first, so it still shows the right way up; anything appended to the image (a
    polyglot's second half) is dropped with the rest."""
    from PIL import Image, ImageOps

    fichier.seek(0)
    illisible = ValidationError(_("Cette image est illisible ou trop grande (40 mégapixels au "
                                  "plus) : rien n'a été enregistré."), code="image")
    try:
        with Image.open(fichier) as image:
            if image.width * image.height > PIXELS_MAX:
                raise illisible
            image = ImageOps.exif_transpose(image)
            format_ = FORMATS_IMAGE[type_]
            if format_ == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            sortie = io.BytesIO()
            image.save(sortie, format_, **({"quality": 90} if format_ != "PNG" else {}))
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as erreur:
        raise illisible from erreur
    return ContentFile(sortie.getvalue(), name=fichier.name)


def nom_affichable(nom: str, type_: str | None = None) -> str:
    """A name safe to show and to offer for download: no folders, no control or direction
    characters, nothing Windows refuses; ending with ``type_``'s extension when given (so a
    PNG sent as ``bon.html`` downloads as ``bon.png``)."""
    nom = unicodedata.normalize("NFC", PureWindowsPath(nom or "").name)  # both / and \
    nom = "".join(c for c in nom if not unicodedata.category(c).startswith("C"))
    nom = nom.translate(INTERDITS).strip(" .")
    racine, point, extension = nom.rpartition(".")
    if not point:
        racine, extension = nom, ""
    if type_ and extension.lower() not in {EXTENSIONS[type_], *SYNONYMES.get(type_, ())}:
        racine, extension = racine or extension, EXTENSIONS[type_]
    racine = racine[:LONGUEUR_NOM].strip(" .") or "preuve"
    return f"{racine}.{extension}" if extension else racine


def reponse_preuve(fichier: File, type_stocke: str, nom: str) -> FileResponse:
    """The file as a response a browser will not run: its detected type (read again from the
    content for files stored before types were), inline only for the accepted types,
    ``nosniff`` and a sandbox CSP in case it is opened as a page all the same."""
    type_ = type_stocke if type_stocke in EXTENSIONS else type_detecte(fichier)
    reponse = FileResponse(fichier, content_type=type_ or "application/octet-stream",
                           as_attachment=type_ is None, filename=nom_affichable(nom, type_))
    reponse["X-Content-Type-Options"] = "nosniff"
    reponse["Content-Security-Policy"] = "sandbox"
    reponse["Cache-Control"] = "private"  # personal data: no shared cache keeps it
    return reponse


def effacer_si_ecrits(evaluations) -> None:
    """Remove the new evidence files of ``evaluations`` that reached the storage, when their
    rows were not saved (a lost race, any failed save): nothing would ever point to them.
    Files kept from an earlier version are never passed here: older rows still use them."""
    for evaluation in evaluations:
        preuve = evaluation.preuve
        if preuve and preuve._committed:  # written by FileField.pre_save
            preuve.storage.delete(preuve.name)
