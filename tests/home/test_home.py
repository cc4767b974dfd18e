"""The application's home page, header navigation and language choice."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_lists_the_synced_referentials(client, synced_mini):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bac pro de démonstration" in body
    assert synced_mini.get_absolute_url() in body


def test_home_says_how_to_sync_when_there_is_nothing(client):
    body = client.get(reverse("home")).content.decode()
    assert "Aucun référentiel n’est encore synchronisé" in body


def test_navigation_links_the_application_and_the_cms_spaces(client):
    body = client.get(reverse("home")).content.decode()
    for href in ('href="/referentiels/"', 'href="/formation/"', 'href="/ressources/"'):
        assert href in body
    assert 'aria-current="page">Accueil<' in body


def test_french_even_when_the_browser_asks_for_english(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "fr"
    assert '<html lang="fr"' in response.content.decode()


def test_english_when_chosen_with_the_switch(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get(reverse("home"))
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()
