"""Every PDF the project makes goes through here: WeasyPrint that fetches only our static files.

WeasyPrint's default fetcher opens ``file://`` and ``http(s)://`` URLs, so any text a user typed
that reached a PDF's markup unescaped (now or after a future template mistake) could read the
server's files or make requests from inside the network. This fetcher answers only for the
project's own static files, addressed as ``{% static %}`` writes them, and ``data:`` URLs; it
refuses everything else before any I/O.
"""
import contextlib
import gc
import logging
import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

#: The base URL relative links of a PDF template resolve against; never fetched over a network.
BASE_URL = "https://pdf.cpro.invalid/"
_ORIGINE = urlsplit(BASE_URL)


class URLRefusee(ValueError):
    """A PDF asked for something that is not one of the project's static files."""


def fichier_statique(url: str):
    """The local path of the static file ``url`` names, or raise ``URLRefusee``."""
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (_ORIGINE.scheme, _ORIGINE.netloc):
        raise URLRefusee(f"refused (not a static file of the project): {url[:200]}")
    chemin = unquote(parts.path)
    prefixe = urlsplit(settings.STATIC_URL).path
    if not chemin.startswith(prefixe):
        raise URLRefusee(f"refused (outside {prefixe}): {url[:200]}")
    nom = chemin[len(prefixe):]
    if not nom or "\\" in nom or "\x00" in nom or posixpath.normpath(nom) != nom or nom.startswith(("/", "..")):
        raise URLRefusee(f"refused (not a plain static path): {url[:200]}")
    # Collected files first (production: hashed names), then the apps' folders (development).
    try:
        if staticfiles_storage.exists(nom):
            return staticfiles_storage.path(nom)
    except NotImplementedError:  # a storage without local paths
        pass
    trouve = finders.find(nom)
    if not trouve:
        raise URLRefusee(f"refused (no such static file): {url[:200]}")
    return trouve


class FetcherStatique(URLFetcher):
    """WeasyPrint fetcher limited to ``data:`` URLs and the project's static files."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        try:
            chemin = fichier_statique(url)
        except URLRefusee:
            logger.warning("PDF resource refused: %s", url[:200])
            raise
        with open(chemin, "rb") as fichier:
            contenu = fichier.read()
        type_mime = mimetypes.guess_type(chemin)[0] or "application/octet-stream"
        return URLFetcherResponse(url, contenu, {"Content-Type": type_mime})


@contextlib.contextmanager
def collecteur_en_pause():
    """Python's cycle collector paused while WeasyPrint builds its boxes: in a long-lived
    process (gunicorn, the task worker) a full collection walks every object of the process,
    0.1 s or more, and falls in the middle of a PDF about once in two. What the PDF leaves
    behind is collected afterwards, as usual."""
    en_marche = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if en_marche:
            gc.enable()


def html_en_pdf(html: str) -> bytes:
    """Lay out ``html`` (a rendered template) as a PDF, fetching only static files."""
    with collecteur_en_pause():
        return HTML(string=html, base_url=BASE_URL, url_fetcher=FetcherStatique()).write_pdf()
