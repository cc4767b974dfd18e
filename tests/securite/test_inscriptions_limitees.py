"""The public registration form sends e-mails to any address typed: bounded, and the visitor's
own text never reaches the e-mail."""
import pytest
from django.core import mail

from tests.training_site.conftest import espace  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def inscrire(client, webinaire, email, nom="Camille Martin", adresse="203.0.113.7"):
    return client.post(webinaire.url + "inscription/", {"email": email, "nom": nom},
                       REMOTE_ADDR=adresse)


def test_one_address_receives_at_most_three_mails_an_hour(client, espace):  # noqa: F811
    webinaires = [espace.webinaire(f"Séance {i}", dans_jours=7 + i) for i in range(4)]
    for i, webinaire in enumerate(webinaires[:3]):
        assert inscrire(client, webinaire, "cible@exemple.fr", adresse=f"198.51.100.{i}"
                        ).status_code == 200
    response = inscrire(client, webinaires[3], "Cible@Exemple.fr", adresse="198.51.100.9")
    assert response.status_code == 429
    assert "Trop de demandes d’inscription" in response.content.decode()
    assert len(mail.outbox) == 3
    assert not webinaires[3].inscriptions.exists()


def test_one_client_registers_at_most_ten_addresses_an_hour(client, espace):  # noqa: F811
    webinaire = espace.webinaire(capacite=100)
    for i in range(10):
        assert inscrire(client, webinaire, f"victime{i}@exemple.fr").status_code == 200
    assert inscrire(client, webinaire, "victime10@exemple.fr").status_code == 429
    assert webinaire.inscriptions.count() == 10 and len(mail.outbox) == 10
    assert inscrire(client, webinaire, "victime10@exemple.fr", adresse="198.51.100.3"
                    ).status_code == 200


def test_the_visitor_text_is_in_neither_subject_nor_body(client, espace):  # noqa: F811
    webinaire = espace.webinaire()
    piege = "Votre compte est suspendu : https://arnaque.example/"
    assert inscrire(client, webinaire, "cible@exemple.fr", nom=piege).status_code == 200
    (message,) = mail.outbox
    assert "arnaque" not in message.subject and "arnaque" not in message.body
    assert message.subject == f"Inscription confirmée — {webinaire.title}"
    assert message.body.startswith("Bonjour,")
