"""Pages of the protections: the lockout page, the throttled password reset, unlocking."""
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpro_platform.acces.vues import objet_ou_404
from cpro_platform.etablissements.gestion.base import administration, page, personnes_de

from . import limites
from .adresses import adresse_client
from .verrouillage import comptes_verrouilles


def connexion_bloquee(request, original_response=None, credentials=None):
    """Axes' answer to a locked account or address (both sign-in pages, the app's and CMS)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "securite/verrouille.html", {"minutes": minutes},
                  status=settings.AXES_HTTP_RESPONSE_CODE)


class ReinitialisationLimitee(auth.PasswordResetView):
    """"Mot de passe oublié", limited per recipient and per client: it sends e-mails to
    addresses typed by strangers."""

    def form_valid(self, form):
        if not limites.consommer_tout(
                (limites.REINITIALISATION_PAR_CLIENT, adresse_client(self.request)),
                (limites.REINITIALISATION_PAR_DESTINATAIRE, form.cleaned_data["email"])):
            form.add_error(None, _("Trop de demandes de réinitialisation ont été faites. "
                                   "Réessayez dans une heure."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


@administration()
def verrouillages(request, etablissement):
    """The locked accounts of the establishment's people, with a button to unlock each."""
    personnes = personnes_de(etablissement)
    bloques = comptes_verrouilles(personnes.values_list("username", flat=True))
    comptes = personnes.filter(username__in=bloques).order_by("last_name", "first_name")
    return page(request, etablissement, "verrouillages.html", "personnes", comptes=comptes,
                minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


@require_POST
@administration()
def deverrouiller(request, etablissement, pk: int):
    personne = objet_ou_404(personnes_de(etablissement), pk=pk)
    reset(username=personne.get_username())
    messages.success(request, _("Le compte de %(nom)s est débloqué.")
                     % {"nom": personne.get_full_name() or personne.get_username()})
    return redirect("securite:verrouillages", etablissement=etablissement.pk)
