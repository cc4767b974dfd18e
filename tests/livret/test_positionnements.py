"""Positionnements: the suggestion explained, the teacher's choice kept with its history."""
import pytest
from django.urls import reverse

from cpro_platform.livret.models import Positionnement
from cpro_platform.suivi.models import TypeSituation
from tests import factories as f
from tests.livret.factories import noter, parcours

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    p = parcours()
    a = p.apprenants[0]
    c0, c1 = p.criteres[:2]
    noter(p.situation("TP A", f.jours(-30)), p.enseignant, {(a, c0): "1", (a, c1): "2"})
    noter(p.situation("TP B", f.jours(-20)), p.enseignant, {(a, c0): "2", (a, c1): "ABS"})
    noter(p.situation("CCF", f.jours(-10), type=TypeSituation.CERTIFICATIVE), p.enseignant,
          {(a, c0): "4"})
    # c0: 1×1 + 2×2 + 4×(3×2) = 29 / 9 ≈ 3.22; c1: 2 → mean 2.61 → 3
    p.competence = c0.competence
    return p


def url(p):
    return reverse("livret:positionner", args=[p.apprenants[0].pk, p.competence.pk])


def test_the_page_explains_the_suggestion(client, p):
    client.force_login(p.enseignant)
    body = client.get(url(p)).content.decode()
    assert "Niveau suggéré : 3" in body
    assert "CCF" in body and "certificative (poids doublé)" in body
    assert "<td>6</td>" in body     # the certificative evaluation's weight: 3 × 2
    assert 'value="3" selected' in body


def test_accepting_the_suggestion_stores_it(client, p):
    client.force_login(p.enseignant)
    response = client.post(url(p), {"niveau": "3", "date": str(f.jours(0)), "commentaire": ""})
    assert response.status_code == 302
    pos = Positionnement.objects.get()
    assert (pos.niveau, pos.niveau_suggere, pos.auteur, pos.force) == (3, 3, p.enseignant, False)


def test_overriding_needs_a_comment_and_keeps_the_history(client, p):
    client.force_login(p.enseignant)
    response = client.post(url(p), {"niveau": "2", "date": str(f.jours(0))})
    assert response.status_code == 200 and not Positionnement.objects.exists()
    assert "expliquez pourquoi dans le commentaire" in response.content.decode()
    client.post(url(p), {"niveau": "3", "date": str(f.jours(-1))})
    client.post(url(p), {"niveau": "2", "date": str(f.jours(0)),
                         "commentaire": "Gestes hésitants à l'atelier"})
    assert list(Positionnement.objects.order_by("date").values_list(
        "niveau", "niveau_suggere")) == [(3, 3), (2, 3)]
    body = client.get(reverse("livret:positionnements",
                              args=[p.apprenants[0].pk])).content.decode()
    assert "suggéré 3, niveau modifié" in body and "Gestes hésitants" in body
    livret = client.get(reverse("livret:livret", args=[p.apprenants[0].pk])).content.decode()
    assert "positionnée 2 le" in livret   # the latest judgement, not the first


def test_a_level_off_the_scale_is_refused(client, p):
    client.force_login(p.enseignant)
    response = client.post(url(p), {"niveau": "9", "date": str(f.jours(0)),
                                    "commentaire": "x"})
    assert response.status_code == 200 and not Positionnement.objects.exists()


def test_only_the_learners_teacher_places_them(client, p):
    tuteur = f.tuteur(f.entreprise(p.etablissement))
    f.encadrement(tuteur, p.apprenants[0])
    for user in (tuteur.user, p.apprenants[0].user):
        client.force_login(user)
        assert client.post(url(p), {"niveau": "3", "date": str(f.jours(0))}).status_code == 404
    assert not Positionnement.objects.exists()
    client.force_login(tuteur.user)
    body = client.get(reverse("livret:positionnements",
                              args=[p.apprenants[0].pk])).content.decode()
    assert "Positionner sur" not in body and "Niveau suggéré : 3" in body
