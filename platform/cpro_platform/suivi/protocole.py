"""How a keyboard grid's save answers, shared by the three grids (evaluation, bilans, CCF).

``grille.js`` posts the changed cells as one JSON body (``suivi.envoi``: any grid size, read
the same way for the three grids) and gets the grid's ``_grille_reponse`` fragment, whose
htmx-style out-of-band parts it applies: 200 saved (the new versions), 409 conflicts to
settle, 422 refused (why), 400 a body that is not what the grid speaks. An htmx request gets
the same fragment. A plain form post (the grid without JavaScript) gets the page back
with a message, or a redirect once saved. Nothing of a refused or conflicting batch is written.
"""
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .envoi import EnvoiInvalide, est_json, lire_formulaire

CONFLIT, INVALIDE = 409, 422
MESSAGE_CONFLIT = _("Certaines cases ont été modifiées par quelqu’un d’autre entre-temps : rien "
                    "n’a été enregistré. Choisissez pour chacune la valeur à garder.")


def repondre(request, enregistrer: Callable, *, invalide: type[Exception], fragment: str,
             contexte: dict, page: Callable, succes: Callable, apres: Callable):
    """Run ``enregistrer()`` (it reads the cells with ``envoi.lire``, which may raise
    ``EnvoiInvalide``, and may raise ``invalide`` with ``.messages``) and answer.

    ``page(status=…, **extra)`` renders the grid page; ``succes(resultat)`` is the success
    message; ``apres()`` the redirect once saved.
    """
    en_fragment = request.htmx or est_json(request)
    try:
        resultat = enregistrer()
    except (invalide, EnvoiInvalide) as erreur:
        status = getattr(erreur, "status", INVALIDE)
        if en_fragment:
            return _fragment(request, fragment, {"erreurs": erreur.messages}, status)
        for message in erreur.messages:
            messages.error(request, message)
        # The page shows the cells as typed (and read), not as saved: nothing is lost.
        return page(status=status, tapees={f"{c.ligne}-{c.colonne}": c
                                           for c in lire_formulaire(request.POST)})
    if en_fragment:
        return _fragment(request, fragment, {**contexte, "resultat": resultat,
                                             "heure": timezone.localtime()},
                         200 if resultat.ok else CONFLIT)
    if not resultat.ok:
        messages.warning(request, MESSAGE_CONFLIT)
        return page(status=CONFLIT, resultat=resultat)
    messages.success(request, succes(resultat))
    return apres()


def _fragment(request, gabarit: str, contexte: dict, status: int) -> HttpResponse:
    """The fragment without the page's context processors: the navigation's permission
    checks cost a 600-cell save more than its template (the conflicts' forms get their
    CSRF token)."""
    return HttpResponse(render_to_string(gabarit, {**contexte, "csrf_token": get_token(request)}),
                        status=status)
