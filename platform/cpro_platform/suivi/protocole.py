"""How a keyboard grid's save answers, shared by the evaluation grid and the bilans' grid.

``grille.js`` posts changed cells: htmx gets the ``_grille_reponse`` fragment (200 saved, 409
conflicts to settle, 422 refused), a plain form post gets the page back with a message, or a
redirect once saved. Nothing of a refused or conflicting batch is written.
"""
from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CONFLIT, INVALIDE = 409, 422
MESSAGE_CONFLIT = _("Certaines cases ont été modifiées par quelqu’un d’autre entre-temps : rien "
                    "n’a été enregistré. Choisissez pour chacune la valeur à garder.")


def repondre(request, enregistrer: Callable, *, invalide: type[Exception], fragment: str,
             contexte: dict, page: Callable, succes: Callable, apres: Callable):
    """Run ``enregistrer()`` (it may raise ``invalide`` with ``.messages``) and answer.

    ``page(status=…, **extra)`` renders the grid page; ``succes(resultat)`` is the success
    message; ``apres()`` the redirect once saved.
    """
    try:
        resultat = enregistrer()
    except invalide as erreur:
        if request.htmx:
            return render(request, fragment, {"erreurs": erreur.messages}, status=INVALIDE)
        for message in erreur.messages:
            messages.error(request, message)
        return page(status=INVALIDE)
    if request.htmx:
        return render(request, fragment, {**contexte, "resultat": resultat,
                                          "heure": timezone.localtime()},
                      status=200 if resultat.ok else CONFLIT)
    if not resultat.ok:
        messages.warning(request, MESSAGE_CONFLIT)
        return page(status=CONFLIT, resultat=resultat)
    messages.success(request, succes(resultat))
    return apres()
