"""E-mails of the Formation space: confirmation, waiting list, promotion; each with its .ics."""
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from .calendrier import evenement_ics
from .models import Inscription, ParametresFormation, StatutInscription


def envoyer_confirmation(inscription: Inscription, *, request, promotion: bool = False):
    """Mail the registration's state with its cancel link (and the .ics once a place is held).

    Links are absolute URLs built from the request: ``page.url`` is already absolute when
    several Wagtail sites exist, so it must not be prefixed by hand.
    """
    webinaire = inscription.webinaire
    page_url = request.build_absolute_uri(webinaire.get_url(request))
    annulation_url = page_url + webinaire.reverse_subpage("annulation", args=[inscription.jeton])
    inscrit = inscription.statut == StatutInscription.INSCRIT
    contact = ParametresFormation.load(request_or_site=request).courriel_contact
    context = {"inscription": inscription, "webinaire": webinaire, "page_url": page_url,
               "annulation_url": annulation_url, "inscrit": inscrit, "promotion": promotion,
               "contact": contact}
    sujet = render_to_string("training_site/courriels/sujet.txt", context).strip()
    corps = render_to_string("training_site/courriels/inscription.txt", context)
    message = EmailMessage(sujet, corps, to=[inscription.email],
                           reply_to=[contact] if contact else None)
    if inscrit:
        message.attach(f"webinaire-{webinaire.slug}.ics",
                       evenement_ics(webinaire, page_url, lien_visio=True), "text/calendar")
    message.send()
