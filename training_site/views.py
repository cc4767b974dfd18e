"""Registration and cancellation, reached through the webinar page's routes."""
from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cpro_platform.securite import limites
from cpro_platform.securite.adresses import adresse_client

from .courriels import envoyer_confirmation
from .forms import InscriptionForm
from .inscriptions import InscriptionRefusee, annuler, inscrire
from .models import Inscription, StatutInscription


def inscription(request, webinaire):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = InscriptionForm(request.POST)
    if form.is_valid() and not limites.consommer_tout(
            (limites.INSCRIPTION_PAR_CLIENT, adresse_client(request)),
            (limites.INSCRIPTION_PAR_DESTINATAIRE, form.cleaned_data["email"])):
        # The form sends e-mails to any address typed: bounded per client and per recipient.
        form.add_error(None, _("Trop de demandes d’inscription ont été faites depuis votre "
                               "connexion ou pour cette adresse. Réessayez dans une heure."))
        response = webinaire.render(request, context_overrides={"form": form})
        response.status_code = 429
        return response
    if form.is_valid():
        try:
            inscrit = inscrire(webinaire, email=form.cleaned_data["email"],
                               nom=form.cleaned_data["nom"], user=request.user)
        except InscriptionRefusee as refus:
            form.add_error(None, str(refus))
        else:
            envoyer_confirmation(inscrit, request=request)
            return TemplateResponse(request, "training_site/inscription_confirmee.html",
                                    {"page": webinaire, "inscription": inscrit,
                                     "attente": inscrit.statut == StatutInscription.ATTENTE})
    response = webinaire.render(request, context_overrides={"form": form})
    response.status_code = 400
    return response


def annulation(request, webinaire, jeton):
    encore_valide = webinaire.inscriptions.exclude(statut=StatutInscription.ANNULE).filter(
        jeton=jeton).exists()
    if not encore_valide:
        return TemplateResponse(request, "training_site/annulation_invalide.html",
                                {"page": webinaire}, status=404)
    if request.method != "POST":  # a GET (or a mail client's prefetch) only asks to confirm
        return TemplateResponse(request, "training_site/annulation.html", {"page": webinaire})
    try:
        resultat = annuler(webinaire, jeton)
    except Inscription.DoesNotExist:
        return TemplateResponse(request, "training_site/annulation_invalide.html",
                                {"page": webinaire}, status=404)
    if resultat.promue:
        envoyer_confirmation(resultat.promue, request=request, promotion=True)
    messages.success(request, _("Votre inscription est annulée."))
    return redirect(webinaire.get_url(request))
