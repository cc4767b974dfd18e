"""The webinar as an iCalendar event (.ics), for the visitor's calendar."""
from django.utils import timezone
from icalendar import Calendar, Event

from .models import WebinairePage


def evenement_ics(webinaire: WebinairePage, url: str, *, lien_visio: bool = False) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//CPRO//Espace Formation//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"webinaire-{webinaire.pk}@cpro")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", webinaire.debut)
    event.add("dtend", webinaire.fin)
    event.add("summary", f"Webinaire CPRO : {webinaire.title}")
    description = webinaire.resume
    if lien_visio and webinaire.lien_visio:
        description += f"\n\nConnexion : {webinaire.lien_visio}"
        event.add("location", webinaire.lien_visio)
    event.add("description", description)
    event.add("url", url)
    calendar.add_component(event)
    return calendar.to_ical()
