"""Single-device links: the first browser to open a link binds it, when the establishment
wants it (``Etablissement.liens_un_seul_appareil``).

That browser receives a random secret in a cookie limited to the link's own path; the link
keeps only the secret's digest. A later opening must present the secret: another browser (a
forwarded e-mail, a token read in a log) is refused, the first one may come back at will.
"""
import hashlib
import secrets

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from .models import LienMagique

COOKIE = "cpro_appareil"


class AutreAppareil(Exception):
    """The link is bound to another browser."""


def _empreinte(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def lier(request, lien: LienMagique) -> str | None:
    """Check (or make) the binding of ``lien`` to this browser.

    Returns a new secret when this opening binds the link (the caller sets it with
    ``poser_cookie``); raises ``AutreAppareil`` for another browser.
    """
    if lien.etablissement is None or not lien.etablissement.liens_un_seul_appareil:
        return None
    presente = request.COOKIES.get(COOKIE, "")
    if lien.appareil:
        if presente and constant_time_compare(_empreinte(presente), lien.appareil):
            return None
        raise AutreAppareil
    secret = secrets.token_urlsafe(32)
    # A conditional update: of several first openings at once, exactly one binds the link.
    if LienMagique.objects.filter(pk=lien.pk, appareil="").update(appareil=_empreinte(secret)):
        return secret
    raise AutreAppareil


def poser_cookie(response, lien: LienMagique, secret: str) -> None:
    response.set_cookie(COOKIE, secret, expires=lien.expire_le,
                        path=reverse("comptes:lien", args=[lien.pk]), httponly=True,
                        secure=settings.SESSION_COOKIE_SECURE, samesite="Lax")
