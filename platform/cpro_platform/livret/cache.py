"""Livret pages and PDFs cached by what they show: ETag/Last-Modified, 304s, stored bodies.

``@en_cache(etat)`` wraps a view already behind ``@acces`` (the access check runs first on
every request: a revoked reader gets their 403/404, never a 304 or a stored body). Its key
hashes everything the response depends on:

* the data — ``etat(obj)`` from ``livret.versions``: the learners' versions (bumped by every
  write, see ``livret.signaux``), the referentials' ``data_hash``, the object's own row;
* the request — view, path, query string (the filters), language, today's date (roles,
  enrolments and "today" on the page are dated);
* the reader, for pages (``par_lecteur``): their id and name (page header), their page
  facts (``acces.faits``: the navigation), the view's own permission answers (``droits``),
  and a digest of their CSRF secret (every page carries forms with a token of it);
* the deployment — the installed versions of the platform, its plugins and the frameworks
  rendering pages, and a digest of the code and templates of the platform and its plugins,
  computed once per process (a release never serves old pages).

The key is the strong ``ETag``; ``Last-Modified`` is the newest version's time. A request
with the current ETag gets a 304; otherwise the body stored under the ETag is served, or the
view runs and its 200 is stored. ``Cache-Control: private, no-cache``: the browser revalidates
every time and no shared cache keeps it. A request with pending messages bypasses it all
(the page must show them, and a body showing them must not be stored).
"""
import functools
import hashlib
import importlib.metadata
import sys
import types
from collections.abc import Callable
from pathlib import Path

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from cpro_platform.acces.faits import faits_de_page
from cpro_platform.etablissements.models import aujourdhui

from .versions import Etat

#: Stored bodies expire after a day unused at most (the key changes daily anyway).
DUREE = 60 * 60 * 24
ENTETES_GARDEES = ("Content-Type", "Content-Disposition")


#: Distributions whose code or templates make the pages and PDFs, beside the plugins'.
DISTRIBUTIONS = ("cpro-platform", "Django", "django-dsfr", "wagtail", "weasyprint")


@functools.cache
def empreinte_deploiement() -> str:
    """The installed versions of the platform, its plugins and the frameworks rendering the
    pages, and a digest of the code, templates and catalogs of the platform and its plugins
    (an editable install changes without a new version). Once per process (~0.1 s)."""
    from cpro_platform.plugins import plugin_manager

    pm = plugin_manager()
    empreinte = hashlib.sha256()
    for nom in sorted(set(DISTRIBUTIONS) | {i.distribution for i in pm.infos.values()}):
        try:
            empreinte.update(f"{nom}={importlib.metadata.version(nom)};".encode())
        except importlib.metadata.PackageNotFoundError:
            empreinte.update(f"{nom}=?;".encode())
    # A plugin is a module or an object (registered by hand): its package either way.
    paquets = {sys.modules[(p.__name__ if isinstance(p, types.ModuleType)
                            else type(p).__module__).partition(".")[0]]
               for p in pm.get_plugins()} | {sys.modules["cpro_platform"]}
    for paquet in sorted(paquets, key=lambda p: p.__name__):
        racine = Path(paquet.__file__).parent
        for fichier in sorted(racine.rglob("*")):
            if fichier.suffix in {".py", ".html", ".mo"}:
                empreinte.update(str(fichier.relative_to(racine)).encode())
                empreinte.update(fichier.read_bytes())
    return empreinte.hexdigest()


def _messages_en_attente(request) -> bool:
    return len(get_messages(request)) > 0  # counts without consuming them


def _lecteur(request, obj, droits) -> tuple:
    user = request.user
    get_token(request)  # a secret exists (and its cookie is sent) before the key hashes it
    secret = request.META.get("CSRF_COOKIE", "")
    return (user.pk, user.get_username(), user.get_full_name(),
            tuple(sorted(faits_de_page(user).items())),
            droits(request, obj) if droits else (),
            hashlib.sha256(secret.encode()).hexdigest())


def cle(request, etat: Etat, lecteur: tuple = ()) -> str:
    parties = (request.resolver_match.view_name if request.resolver_match else "",
               request.path, sorted(request.GET.lists()), get_language(),
               aujourdhui().isoformat(), etat.parties, lecteur, empreinte_deploiement())
    return '"%s"' % hashlib.sha256(repr(parties).encode()).hexdigest()[:40]


def _entetes(reponse: HttpResponse, etag: str, etat: Etat) -> HttpResponse:
    reponse["ETag"] = etag
    if etat.modifie_le is not None:
        reponse["Last-Modified"] = http_date(etat.modifie_le.timestamp())
    patch_cache_control(reponse, private=True, no_cache=True)
    return reponse


def en_cache(etat: Callable, *, par_lecteur: bool = True, droits: Callable | None = None):
    """Serve ``view(request, obj)`` through the cache keyed by ``etat(obj)`` (see above).

    ``par_lecteur=False`` for a body that depends on nobody's identity (the livret PDF: the
    livret is shared whole with whoever may read it): built once per version for all.
    ``droits(request, obj)``: the view's own permission answers that change the page.
    """
    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, **kwargs):
            (obj,) = kwargs.values()  # the object ``@acces`` fetched from its scope
            if request.method not in ("GET", "HEAD") or _messages_en_attente(request):
                return view(request, **kwargs)
            etat_ = etat(obj)
            etag = cle(request, etat_, _lecteur(request, obj, droits) if par_lecteur else ())
            reponse = get_conditional_response(  # HTTP dates have whole seconds
                request, etag=etag, last_modified=int(etat_.modifie_le.timestamp())
                if etat_.modifie_le else None)
            if reponse is None:
                reponse = _depuis_le_cache(etag)
            if reponse is None:
                reponse = view(request, **kwargs)
                if reponse.status_code != 200 or reponse.streaming:
                    return reponse
                caches["livret"].set(etag, (reponse.content, {
                    nom: reponse[nom] for nom in ENTETES_GARDEES if reponse.has_header(nom)}),
                    DUREE)
            return _entetes(reponse, etag, etat_)
        return wrapped
    return decorator


def _depuis_le_cache(etag: str) -> HttpResponse | None:
    stocke = caches["livret"].get(etag)
    if stocke is None:
        return None
    contenu, entetes = stocke
    reponse = HttpResponse(contenu)
    for nom, valeur in entetes.items():
        reponse[nom] = valeur
    return reponse
