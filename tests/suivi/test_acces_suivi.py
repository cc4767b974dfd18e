"""Tracking access beyond status codes (those are in ``matrice_acces.py``): which rows and
which inputs each role gets on a grid, and what a tutor's "Mes situations" lists."""
import pytest
from django.urls import reverse

from cpro_platform.suivi.grille import Saisie, enregistrer_grille
from cpro_platform.suivi.models import Evaluation, Lieu
from tests import factories as f

from . import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def monde():
    m = f.monde("S")
    m.camarade = f.apprenant(m.etablissement, m.classe, nom="CAMARADES")
    return m


def situation(m, lieu=Lieu.CENTRE, classe=None):
    classe = classe or m.classe
    return sf.situation(sf.scenario(classe), sf.criteres(classe.referentiel, 2), lieu=lieu,
                        titre=f"TP {lieu}")


def page(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_tutor_sees_only_their_learners_row_in_a_company_situation(client, monde):
    sit = situation(monde, Lieu.ENTREPRISE)
    body = page(client, monde.user("tuteur"), sit.get_absolute_url()).content.decode()
    assert monde.apprenant.nom in body and "CAMARADES" not in body
    assert f'name="c-{monde.apprenant.pk}-' in body  # may evaluate their learner


def test_tutor_lists_company_situations_of_their_learner_only(client, monde):
    entreprise, centre = situation(monde, Lieu.ENTREPRISE), situation(monde)
    body = page(client, monde.user("tuteur"), reverse("suivi:mes_situations")).content.decode()
    assert entreprise.get_absolute_url() in body and centre.get_absolute_url() not in body
    assert page(client, monde.user("tuteur"), centre.get_absolute_url()).status_code == 404


def test_expired_tutor_gets_nothing(client, monde):
    sit = situation(monde, Lieu.ENTREPRISE)
    assert page(client, monde.user("tuteur_expire"), sit.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ["ddfpt", "inspecteur"])
def test_ddfpt_and_inspector_read_the_whole_grid_without_inputs(client, monde, role):
    sit = situation(monde)
    enregistrer_grille(sit, monde.user("enseignant"), [
        Saisie(monde.camarade.pk, sit.criteres.first().pk, niveau=4)], {})
    body = page(client, monde.user(role), sit.get_absolute_url()).content.decode()
    assert "CAMARADES" in body and monde.apprenant.nom in body
    assert 'class="cpro-saisie"' not in body and "htmx.min.js" not in body
    assert ">4<" in body


def test_teacher_of_another_class_can_neither_read_nor_write(client, monde):
    sit = situation(monde)
    collegue = f.enseignant(monde.etablissement, monde.autre_classe)
    assert page(client, collegue, sit.get_absolute_url()).status_code == 404
    cell = f"c-{monde.apprenant.pk}-{sit.criteres.first().pk}"
    r = client.post(reverse("suivi:grille_enregistrer", args=[sit.pk]), {cell: "3"})
    assert r.status_code == 404 and not Evaluation.objects.exists()


def test_tutor_cannot_write_another_learners_cell_in_the_same_grid(client, monde):
    sit = situation(monde, Lieu.ENTREPRISE)
    client.force_login(monde.user("tuteur"))
    cell = f"c-{monde.camarade.pk}-{sit.criteres.first().pk}"
    r = client.post(reverse("suivi:grille_enregistrer", args=[sit.pk]), {cell: "3"},
                    HTTP_HX_REQUEST="true")
    assert r.status_code == 422 and not Evaluation.objects.exists()
    assert "CAMARADES" not in r.content.decode()


def test_tutor_cannot_open_another_learners_cell(client, monde):
    sit = situation(monde, Lieu.ENTREPRISE)
    url = reverse("suivi:cellule", args=[sit.pk, monde.camarade.pk, sit.criteres.first().pk])
    assert page(client, monde.user("tuteur"), url).status_code == 404


def test_inspector_cannot_post_a_cell(client, monde):
    sit = situation(monde)
    url = reverse("suivi:cellule", args=[sit.pk, monde.apprenant.pk, sit.criteres.first().pk])
    client.force_login(monde.user("inspecteur"))
    assert client.post(url, {"code": "3", "version": 0}).status_code == 403
    assert not Evaluation.objects.exists()
