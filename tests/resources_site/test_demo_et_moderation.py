"""Demo content of both spaces, and the moderation rules: editors submit, moderators publish."""
from io import StringIO

import pytest
from django.contrib.auth import get_user_model

from resources_site import demo as demo_ressources
from resources_site.models import RessourcesIndexPage, TableRondePage, VideoPage
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


def test_demo_says_its_addresses_are_placeholders():
    sortie = StringIO()
    demo_ressources.build(sortie)
    demo_formation.build(sortie)
    assert "Espace Ressources : 5 vidéos et 2 tables rondes (adresses vidéo fictives" in \
        sortie.getvalue()
    assert "Espace Formation : 3 webinaires passés avec rediffusion, 4 à venir" in \
        sortie.getvalue()
