"""A visitor finds a webinar from the application's navigation, registers, sees the confirmation."""
import pytest

from training_site.models import Inscription


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_visitor_registers_from_the_navigation(live_server, browser_page, espace):
    webinaire = espace.webinaire("De la compétence à la note", capacite=30)
    page = browser_page
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Formation").click()
    page.get_by_role("heading", name="Espace Formation", level=1).wait_for()
    page.get_by_role("link", name="De la compétence à la note").click()
    page.get_by_role("heading", name="Inscription").wait_for()
    assert page.get_by_text("30 places restantes.").is_visible()
    page.get_by_label("Nom et prénom").fill("Camille Martin")
    page.get_by_label("Adresse électronique").fill("camille.martin@lycee.example")
    page.get_by_role("button", name="M’inscrire").click()
    page.get_by_role("heading", name="Votre inscription est confirmée").wait_for()
    assert "camille.martin@lycee.example" in page.content()
    inscription = Inscription.objects.get()
    assert (inscription.webinaire_id, inscription.statut) == (webinaire.pk, "inscrit")
