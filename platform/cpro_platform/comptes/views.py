"""Ways in: the magic-link landing page and "Mon compte" (password views are Django's)."""
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from cpro_platform.acces.roles import roles_tenus
from cpro_platform.acces.vues import acces, publique

from . import appareils, liens


@publique  # the link itself is the credential
@never_cache
def lien_magique(request, pk: int):
    """Open a tutor's session from their link and go on to a clean address (the token leaves
    the address bar), or explain why the link does not open."""
    try:
        lien, secret = liens.ouvrir(request, pk)
    except liens.OuvertureRefusee as refus:
        response = render(request, "comptes/lien_invalide.html",
                          {"autre_appareil": refus.autre_appareil}, status=403)
    else:
        response = redirect("etablissements:mes_apprenants")
        if secret:
            appareils.poser_cookie(response, lien, secret)
    # The token's address is never passed on (assets of the refusal page, the next page).
    response["Referrer-Policy"] = "no-referrer"
    return response


@acces("comptes.view_mon_compte")
def mon_compte(request):
    return render(request, "comptes/mon_compte.html", {"roles": roles_tenus(request.user)})
