"""Demo content of both spaces, and the moderation rules: editors submit, moderators publish."""
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from resources_site import demo as demo_ressources
from resources_site.models import (CategorieRessource, RessourcesIndexPage, TableRondePage,
                                   VideoPage)
from training_site import demo as demo_formation
from training_site.models import Inscription, ProgrammePage, WebinairePage

pytestmark = pytest.mark.django_db


def build_both():
    logins = demo_ressources.build(StringIO()) + demo_formation.build(StringIO())
    return logins


def test_demo_builds_the_brief_content_once():
    build_both()
    build_both()
    assert sorted(VideoPage.objects.values_list("title", flat=True)) == sorted(
        titre for _s, _c, titre, *_rest in demo_ressources.VIDEOS)
    assert len(demo_ressources.VIDEOS) == 5
    assert set(TableRondePage.objects.values_list("title", flat=True)) == {
        "La logique de compétences dans l'enseignement professionnel",
        "L'entretien formatif : un levier de développement professionnel"}
    webinaires = WebinairePage.objects.live()
    assert webinaires.count() == len(demo_formation.WEBINAIRES)
    passes = webinaires.passes()
    assert passes.exists() and all(w.video_rediffusion for w in passes)
    a_venir = webinaires.a_venir()
    assert a_venir.exists() and all(w.inscriptions_ouvertes for w in a_venir)
    assert all(w.debut.astimezone().hour == 12 for w in webinaires)  # lunchtime, Paris time
    complet = a_venir.get(capacite=3)
    assert complet.places() == {"inscrits": 3, "attente": 1, "restantes": 0}
    assert Inscription.objects.count() == 4


@pytest.mark.parametrize("container", [ProgrammePage, RessourcesIndexPage])
def test_editors_submit_and_moderators_publish(container):
    """Where editors add webinars and resources, the review workflow applies."""
    build_both()
    User = get_user_model()
    editrice, moderateur = User.objects.get(username="editrice"), User.objects.get(
        username="moderateur")
    space = container.objects.get()
    assert space.get_workflow().name == "Relecture avant publication"
    assert editrice.has_perm("wagtailadmin.access_admin")
    as_editor = space.permissions_for_user(editrice)
    assert as_editor.can_edit() and as_editor.can_add_subpage()
    assert not as_editor.can_publish()
    assert space.permissions_for_user(moderateur).can_publish()


def test_the_editor_can_open_the_cms(client):
    build_both()
    client.login(username="editrice", password=demo_ressources.PASSWORD)
    assert client.get("/cms/").status_code == 200


@pytest.mark.parametrize("vue", [
    "wagtailsnippets_training_site_intervenant:add", "wagtailsnippets_training_site_thematique:add",
    "wagtailsnippets_resources_site_categorieressource:add",
    "wagtailsnippets_training_site_inscription:list", "wagtailimages:add_multiple",
    "wagtaildocs:add_multiple"])
def test_editors_manage_presenters_themes_categories_and_media(client, vue):
    """A new webinar may need a new presenter; a video, its poster and its captions file."""
    build_both()
    client.login(username="editrice", password=demo_ressources.PASSWORD)
    assert client.get(reverse(vue)).status_code == 200


def test_demo_says_its_addresses_are_placeholders():
    sortie = StringIO()
    demo_ressources.build(sortie)
    demo_formation.build(sortie)
    assert "Espace Ressources : 5 vidéos et 2 tables rondes (adresses vidéo fictives" in \
        sortie.getvalue()
    assert "Espace Formation : 3 webinaires passés avec rediffusion, 4 à venir" in \
        sortie.getvalue()


def test_an_editor_submits_a_video_and_a_moderator_publishes_it(client):
    build_both()
    espace = RessourcesIndexPage.objects.get()
    client.login(username="editrice", password=demo_ressources.PASSWORD)
    ajout = reverse("wagtailadmin_pages:add", args=["resources_site", "videopage", espace.pk])
    response = client.post(ajout, nested_form_data({
        "title": "Conduire un bilan intermédiaire", "slug": "conduire-un-bilan",
        "resume": "Préparer, conduire et valider un bilan intermédiaire.",
        "video_url": "https://videos.cpro.example/ressources/bilan.mp4", "duree": "00:11:00",
        "categorie": CategorieRessource.objects.get(slug="developpement-professionnel").pk,
        "tags": "bilan intermédiaire", "corps": streamfield([]),
        "transcription": rich_text(""), "action-submit": "action-submit"}))
    assert response.status_code == 302
    video = VideoPage.objects.get(slug="conduire-un-bilan")
    assert not video.live and video.workflow_in_progress
    assert client.get("/ressources/conduire-un-bilan/").status_code == 404

    client.logout()
    client.login(username="moderateur", password=demo_ressources.PASSWORD)
    approbation = reverse("wagtailadmin_pages:workflow_action", args=[
        video.pk, "approve", video.current_workflow_task_state.pk])
    assert client.post(approbation, {"comment": ""}).status_code == 302
    client.logout()
    publiee = client.get("/ressources/conduire-un-bilan/")
    assert publiee.status_code == 200
    assert "Conduire un bilan intermédiaire" in publiee.content.decode()
