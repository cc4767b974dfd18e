"""The pages of people who follow learners, and the audit log, as their users see them."""
import pytest
from django.urls import reverse

from cpro_platform.home.navigation import items_for
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def a():
    return f.monde("A")


def page(client, user, name, *args):
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_mes_classes_lists_the_teachers_classes_with_their_size(client, a):
    body = page(client, a.user("enseignant"), "etablissements:mes_classes")
    assert a.classe.nom in body and a.autre_classe.nom not in body


def test_the_class_page_lists_learners_with_their_statut_and_teachers(client, a):
    body = page(client, a.user("ddfpt"), "etablissements:classe", a.autre_classe.pk)
    assert a.apprenti.nom in body and "Apprenti" in body
    assert a.apprenant.nom not in body


def test_the_learner_page_shows_path_classes_and_tutors(client, a):
    body = page(client, a.user("enseignant"), "etablissements:apprenant", a.apprenant.pk)
    assert a.apprenant.ine in body and a.classe.nom in body
    assert a.tuteur.entreprise.nom in body
    assert reverse("etablissements:historique_apprenant", args=[a.apprenant.pk]) not in body


def test_mon_profil_is_the_learners_own_record(client, a):
    body = page(client, a.user("apprenant"), "etablissements:mon_profil")
    assert "Mon profil" in body and a.apprenant.ine in body


def test_mes_apprenants_lists_only_running_periods(client, a):
    body = page(client, a.user("tuteur"), "etablissements:mes_apprenants")
    assert a.apprenant.nom_complet in body and a.apprenti.nom not in body


def test_the_history_shows_who_changed_what_before_and_after(client, a):
    admin = a.user("administrateur")
    client.force_login(admin)
    client.post(reverse("gestion:apprenant", args=[a.etablissement.pk, a.apprenant.pk]), {
        "formulaire": "identite", "identite-ine": a.apprenant.ine, "identite-nom": "NOUVEAU",
        "identite-prenom": a.apprenant.prenom})
    body = page(client, admin, "etablissements:historique_apprenant", a.apprenant.pk)
    assert "ELEVEA" in body and "NOUVEAU" in body and "<del>ELEVEA</del>" in body
    assert admin.get_full_name() in body
    assert "Modification" in body and "Création" in body


def test_the_history_of_a_person_shows_their_roles_and_classes(client, a):
    body = page(client, a.user("ddfpt"), "etablissements:historique_personne",
                a.user("enseignant").pk)
    assert "Enseignant" in body and a.classe.nom in body


def test_history_pages_cost_a_constant_number_of_queries(client, a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    client.force_login(a.user("ddfpt"))
    url = reverse("etablissements:historique_apprenant", args=[a.apprenant.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx)
    before = count()
    for i in range(5):
        a.apprenant.prenom = f"P{i}"
        a.apprenant.save()
        f.encadrement(f.tuteur(f.entreprise(a.etablissement)), a.apprenant)
    assert count() == before


@pytest.mark.parametrize("role,visibles", [
    ("enseignant", {"Mes classes"}),
    ("ddfpt", {"Mes classes"}),
    ("inspecteur", {"Mes classes"}),
    ("administrateur", {"Administration"}),
    ("apprenant", {"Mon profil"}),
    ("tuteur", {"Mes apprenants"}),
    ("maitre", {"Mes apprenants"}),
    ("tuteur_expire", set()),
    ("superuser", set()),
])
def test_navigation_shows_each_role_its_entries_only(a, role, visibles):
    entries = {str(e["label"]) for e in items_for(a.user(role), "/")}
    mine = {"Mes classes", "Mes apprenants", "Mon profil", "Administration"}
    assert entries & mine == visibles
