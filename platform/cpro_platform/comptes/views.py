"""Ways in: the magic-link landing page and "Mon compte" (password views are Django's)."""
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from cpro_platform.acces.roles import roles_tenus
from cpro_platform.acces.vues import acces, publique

from . import liens


@publique  # the link itself is the credential
@never_cache
def lien_magique(request, pk: int):
    """Open a tutor's session from their link, or explain why the link no longer works."""
    if liens.ouvrir(request, pk) is None:
        return render(request, "comptes/lien_invalide.html", status=403)
    return redirect("etablissements:mes_apprenants")


@acces("comptes.view_mon_compte")
def mon_compte(request):
    return render(request, "comptes/mon_compte.html", {"roles": roles_tenus(request.user)})

