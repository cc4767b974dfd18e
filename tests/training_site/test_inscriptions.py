"""Registration: capacity, waiting list, cancel links, e-mails with an .ics, concurrency."""
import re
import threading
import time

import pytest
from django.core import mail
from django.db import connection
from icalendar import Calendar
from wagtail.models import Page, Site

from training_site.inscriptions import InscriptionRefusee, annuler, inscrire
from training_site.models import Inscription, ParametresFormation, StatutInscription

pytestmark = pytest.mark.django_db


def post(client, webinaire, email, nom="Camille Martin"):
    return client.post(webinaire.url + "inscription/", {"email": email, "nom": nom})


def lien_annulation(message) -> str:
    return re.search(r"https?://\S+/annulation/\S+/", message.body).group(0)


def statuts(webinaire) -> dict[str, str]:
    return dict(webinaire.inscriptions.values_list("email", "statut"))


def test_visitor_registers_and_receives_a_confirmation_with_an_ics(client, espace):
    webinaire = espace.webinaire(capacite=10, lien_visio="https://visio.example/abc")
    response = post(client, webinaire, "Camille.Martin@Lycee.example")
    assert response.status_code == 200
    assert "Votre inscription est confirmée" in response.content.decode()
    assert statuts(webinaire) == {"camille.martin@lycee.example": "inscrit"}
    (message,) = mail.outbox
    assert message.to == ["camille.martin@lycee.example"]
    assert message.subject == f"Inscription confirmée — {webinaire.title}"
    assert "https://visio.example/abc" in message.body
    (name, content, mimetype), = message.attachments
    assert mimetype == "text/calendar" and name.endswith(".ics")
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["summary"]) == f"Webinaire CPRO : {webinaire.title}"
    assert event.decoded("dtstart") == webinaire.debut
    assert (event.decoded("dtend") - event.decoded("dtstart")).total_seconds() == 30 * 60
    assert str(event["location"]) == "https://visio.example/abc"


def test_signed_in_user_finds_their_address_prefilled(client, espace, django_user_model):
    user = django_user_model.objects.create_user("c.martin", "c.martin@lycee.example", "x",
                                                 first_name="Camille", last_name="Martin")
    client.force_login(user)
    webinaire = espace.webinaire()
    body = client.get(webinaire.url).content.decode()
    assert 'value="c.martin@lycee.example"' in body and 'value="Camille Martin"' in body
    post(client, webinaire, "c.martin@lycee.example")
    assert webinaire.inscriptions.get().user == user


def test_full_webinar_puts_the_next_person_on_the_waiting_list(client, espace):
    webinaire = espace.webinaire(capacite=2)
    for email in ("a@x.fr", "b@x.fr"):
        post(client, webinaire, email)
    response = post(client, webinaire, "c@x.fr")
    assert "Vous êtes sur la liste d’attente" in response.content.decode()
    assert statuts(webinaire) == {"a@x.fr": "inscrit", "b@x.fr": "inscrit", "c@x.fr": "attente"}
    assert mail.outbox[-1].subject.startswith("Liste d’attente")
    assert mail.outbox[-1].attachments == []  # no calendar invitation without a place
    assert "Séance complète" in client.get(webinaire.url).content.decode()


def test_cancelling_promotes_the_first_on_the_waiting_list(client, espace):
    webinaire = espace.webinaire(capacite=1)
    for email in ("a@x.fr", "b@x.fr", "c@x.fr"):
        post(client, webinaire, email)
    lien = lien_annulation(mail.outbox[0])
    mail.outbox.clear()
    confirmation = client.get(lien)
    assert "Confirmer l’annulation" in confirmation.content.decode()
    assert statuts(webinaire)["a@x.fr"] == "inscrit"  # a GET (mail prefetch) cancels nothing
    response = client.post(lien, follow=True)
    assert "Votre inscription est annulée." in response.content.decode()
    assert statuts(webinaire) == {"a@x.fr": "annule", "b@x.fr": "inscrit", "c@x.fr": "attente"}
    (promotion,) = mail.outbox
    assert promotion.to == ["b@x.fr"] and promotion.subject.startswith("Une place s’est libérée")
    assert len(promotion.attachments) == 1


def test_email_links_work_when_several_sites_exist(client, espace):
    """With a second Wagtail site, ``page.url`` is absolute: the links must still be right."""
    autre = Page.get_first_root_node().add_child(instance=Page(title="Autre site", slug="autre"))
    Site.objects.create(hostname="ressources.cpro.example", root_page=autre)
    webinaire = espace.webinaire()
    post(client, webinaire, "a@x.fr")
    (message,) = mail.outbox
    page_url = f"http://testserver/formation/programme/{webinaire.slug}/"
    assert f"Le webinaire : {page_url}\n" in message.body
    lien = lien_annulation(message)
    assert lien.startswith(f"{page_url}annulation/")
    assert "Confirmer l’annulation" in client.get(lien).content.decode()


def test_a_cancel_link_works_once(client, espace):
    webinaire = espace.webinaire()
    post(client, webinaire, "a@x.fr")
    lien = lien_annulation(mail.outbox[0])
    client.post(lien)
    again = client.post(lien)
    assert again.status_code == 404
    assert "Ce lien d’annulation a déjà été utilisé" in again.content.decode()
    assert statuts(webinaire) == {"a@x.fr": "annule"}


def test_a_cancel_link_only_reaches_its_own_registration(client, espace):
    premier = espace.webinaire("Premier")
    second = espace.webinaire("Second")
    post(client, premier, "a@x.fr")
    post(client, second, "b@x.fr")
    jeton = Inscription.objects.get(email="a@x.fr").jeton
    assert client.post(f"{second.url}annulation/{jeton}/").status_code == 404
    assert client.post(f"{premier.url}annulation/{jeton[:-1]}x/").status_code == 404
    assert statuts(premier) == {"a@x.fr": "inscrit"} and statuts(second) == {"b@x.fr": "inscrit"}


def test_after_cancelling_one_may_register_again(client, espace):
    webinaire = espace.webinaire()
    post(client, webinaire, "a@x.fr")
    annuler(webinaire, Inscription.objects.get().jeton)
    post(client, webinaire, "a@x.fr")
    assert list(webinaire.inscriptions.values_list("statut", flat=True)) == ["annule", "inscrit"]


@pytest.mark.parametrize("email, message", [
    ("pas-une-adresse", "Saisissez une adresse électronique valide"),
    ("", "Saisissez votre adresse électronique"),
])
def test_bad_email_is_refused(client, espace, email, message):
    webinaire = espace.webinaire()
    response = post(client, webinaire, email)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not webinaire.inscriptions.exists() and not mail.outbox


def test_same_address_twice_is_refused(client, espace):
    webinaire = espace.webinaire()
    post(client, webinaire, "a@x.fr")
    response = post(client, webinaire, "A@x.fr")
    assert response.status_code == 400
    assert "L&#x27;adresse a@x.fr est déjà inscrite à ce webinaire." in response.content.decode()
    assert webinaire.inscriptions.count() == 1


def test_closed_webinar_refuses_registration(client, espace):
    webinaire = espace.webinaire(inscriptions_ouvertes=False)
    assert "Les inscriptions à ce webinaire sont fermées." in \
        client.get(webinaire.url).content.decode()
    response = post(client, webinaire, "a@x.fr")
    assert response.status_code == 400
    assert "Les inscriptions à ce webinaire sont fermées." in response.content.decode()
    assert not webinaire.inscriptions.exists()


def test_past_webinar_refuses_registration(client, espace):
    webinaire = espace.webinaire(dans_jours=-1)
    response = post(client, webinaire, "a@x.fr")
    assert response.status_code == 400
    assert "Ce webinaire a déjà eu lieu" in response.content.decode()
    assert not webinaire.inscriptions.exists()


def test_registration_form_refuses_get(client, espace):
    assert client.get(espace.webinaire().url + "inscription/").status_code == 405


def test_public_calendar_file(client, espace):
    webinaire = espace.webinaire()
    response = client.get(webinaire.url + "calendrier/")
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == webinaire.debut
    assert "location" not in event  # the connection link goes only to registered people


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_requests_for_the_last_place(espace, monkeypatch):
    """Both read "one place left" at once only if nothing serialises them: the insert is slowed
    down to widen that window, and still exactly one gets the place."""
    webinaire = espace.webinaire(capacite=1)
    create = Inscription.objects.create

    def slow_create(**kwargs):
        time.sleep(0.3)
        return create(**kwargs)

    monkeypatch.setattr(Inscription.objects, "create", slow_create)
    start = threading.Barrier(2)
    errors = []

    def register(email):
        try:
            start.wait()
            inscrire(webinaire, email=email)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(f"{n}@x.fr",)) for n in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(webinaire.inscriptions.values_list("statut", flat=True)) == [
        StatutInscription.ATTENTE, StatutInscription.INSCRIT]


def test_service_refuses_a_past_webinar(espace):
    with pytest.raises(InscriptionRefusee, match="déjà eu lieu"):
        inscrire(espace.webinaire(dans_jours=-3), email="a@x.fr")


def test_the_contact_address_set_in_the_cms_answers_registrations(client, espace):
    ParametresFormation.objects.create(courriel_contact="formation@lycee.example")
    webinaire = espace.webinaire()
    assert 'href="mailto:formation@lycee.example"' in client.get(webinaire.url).content.decode()
    post(client, webinaire, "a@x.fr")
    (message,) = mail.outbox
    assert message.reply_to == ["formation@lycee.example"]
    assert "Une question ? Répondez à ce message ou écrivez à formation@lycee.example." in \
        message.body


def test_without_a_contact_address_none_is_shown(client, espace):
    webinaire = espace.webinaire()
    assert "Une question sur ce webinaire" not in client.get(webinaire.url).content.decode()
    post(client, webinaire, "a@x.fr")
    assert mail.outbox[0].reply_to == [] and "Une question" not in mail.outbox[0].body
