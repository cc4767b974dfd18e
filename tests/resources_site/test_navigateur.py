"""A visitor opens a video from the application's navigation, with the keyboard only: captions
are offered in the player and the transcript opens with Enter."""
import pytest

from .conftest import espace_ressources, sous_titres_vtt


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_visitor_watches_a_video_and_reads_its_transcript_with_the_keyboard(live_server,
                                                                           browser_page):
    _index, video, _table = espace_ressources()
    video.sous_titres = sous_titres_vtt()
    video.save_revision().publish()
    page = browser_page
    page.goto(live_server.url + "/")

    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Ressources").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Espace Ressources", level=1).wait_for()
    page.get_by_role("link", name="Développement professionnel – Évaluer pour former").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Développement professionnel – Évaluer pour former",
                     level=1).wait_for()

    lecteur = page.get_by_role("group", name="Vidéo : Développement professionnel – Évaluer "
                                             "pour former")
    assert lecteur.locator("video[controls] source").get_attribute("src") == \
        "https://videos.cpro.example/evaluer.mp4"
    sous_titres = lecteur.locator("video track[kind=captions]")
    assert (sous_titres.get_attribute("srclang"), sous_titres.get_attribute("label")) == (
        "fr", "Français")

    transcription = page.get_by_text("Bonjour à toutes et à tous.")
    assert not transcription.is_visible()
    bouton = page.get_by_role("button", name="Transcription")
    bouton.focus()
    page.keyboard.press("Enter")
    transcription.wait_for(state="visible")
    assert bouton.get_attribute("aria-expanded") == "true"
