"""The administration screens, as an establishment's administrator uses them."""
import pytest
from django.urls import reverse

from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.etablissements.models import Apprenant, Encadrement, Statut, Tuteur
from tests import factories as f
from tests.etablissements.conftest import u

pytestmark = pytest.mark.django_db


def test_adding_a_teacher_creates_an_account_without_password_and_a_role(admin, a):
    response = admin.post(u("personne_ajouter", a), {
        "personne-username": "j.petit", "personne-first_name": "Julie",
        "personne-last_name": "Petit", "personne-email": "j.petit@lycee.example",
        "role-type": TypeRole.ENSEIGNANT, "role-debut": f.jours(0).isoformat()})
    assert response.status_code == 302
    role = Role.objects.get(user__username="j.petit")
    assert role.etablissement == a.etablissement and role.accorde_par == a.user("administrateur")
    assert not role.user.has_usable_password()


def test_an_inspector_grant_without_end_date_is_refused_with_a_message(admin, a):
    response = admin.post(u("personne_ajouter", a), {
        "personne-username": "ien", "personne-first_name": "Paul", "personne-last_name": "Ien",
        "personne-email": "ien@ac.example", "role-type": TypeRole.INSPECTEUR,
        "role-debut": f.jours(0).isoformat()})
    assert response.status_code == 200
    assert "Un accès inspecteur a toujours une date de fin" in response.content.decode()
    assert not Role.objects.filter(user__username="ien").exists()


def test_an_inspector_grant_limited_to_classes(admin, a):
    admin.post(u("personne_ajouter", a), {
        "personne-username": "ien", "personne-first_name": "Paul", "personne-last_name": "Ien",
        "personne-email": "ien@ac.example", "role-type": TypeRole.INSPECTEUR,
        "role-debut": f.jours(0).isoformat(), "role-fin": f.jours(30).isoformat(),
        "role-classes": [a.autre_classe.pk]})
    role = Role.objects.get(user__username="ien")
    assert list(role.classes.all()) == [a.autre_classe]
    assert "Paul Ien" in admin.get(u("inspections", a)).content.decode()


def test_a_class_of_another_establishment_cannot_be_granted(admin, a):
    b = f.monde("B")
    response = admin.post(u("personne_ajouter", a), {
        "personne-username": "ien", "personne-first_name": "Paul", "personne-last_name": "Ien",
        "personne-email": "ien@ac.example", "role-type": TypeRole.INSPECTEUR,
        "role-debut": f.jours(0).isoformat(), "role-fin": f.jours(30).isoformat(),
        "role-classes": [b.classe.pk]})
    assert response.status_code == 200 and not Role.objects.filter(user__username="ien")


def test_ending_a_role_cuts_access_at_once(admin, a, client):
    role = a.etablissement.roles.get(user=a.user("enseignant"))
    admin.post(u("role_terminer", a, role.pk))
    role.refresh_from_db()
    assert role.fin == f.jours(-1)
    client.force_login(a.user("enseignant"))
    assert client.get(reverse("etablissements:mes_classes")).status_code == 403


def test_an_administrator_cannot_end_their_own_admin_role(admin, a):
    role = a.etablissement.roles.get(user=a.user("administrateur"))
    response = admin.post(u("role_terminer", a, role.pk), follow=True)
    assert "propre rôle" in response.content.decode()
    role.refresh_from_db()
    assert role.fin is None


def test_identity_of_someone_working_elsewhere_is_read_only(admin, a):
    b = f.monde("B")
    teacher = a.user("enseignant")
    f.role(teacher, b.etablissement, TypeRole.ENSEIGNANT)
    response = admin.post(u("personne", a, teacher.pk), {
        "personne-first_name": "X", "personne-last_name": "Y",
        "personne-email": "pirate@evil.example"})
    teacher.refresh_from_db()
    assert teacher.email != "pirate@evil.example"
    assert "autre établissement" in response.content.decode()


def test_creating_a_class_with_its_teachers(admin, a):
    teacher = a.user("enseignant")
    response = admin.post(u("classe_ajouter", a), {
        "nom": "2 MINI", "annee": a.classe.annee.pk, "niveau": "2nde",
        "referentiel": a.classe.referentiel.pk, "enseignants": [teacher.pk]})
    assert response.status_code == 302
    classe = a.etablissement.classes.get(nom="2 MINI")
    assert list(classe.enseignants.all()) == [teacher]


def test_only_current_teachers_of_the_establishment_can_be_assigned(admin, a):
    b = f.monde("B")
    response = admin.post(u("classe_ajouter", a), {
        "nom": "2 MINI", "annee": a.classe.annee.pk, "niveau": "2nde",
        "referentiel": a.classe.referentiel.pk,
        "enseignants": [b.user("enseignant").pk]})
    assert response.status_code == 200
    assert not a.etablissement.classes.filter(nom="2 MINI").exists()


def test_duplicate_class_name_in_a_year_is_refused(admin, a):
    response = admin.post(u("classe_ajouter", a), {
        "nom": a.classe.nom, "annee": a.classe.annee.pk, "niveau": "1re",
        "referentiel": a.classe.referentiel.pk})
    assert "déjà ce nom" in response.content.decode()


def test_enrolling_a_learner(admin, a):
    response = admin.post(u("apprenant_ajouter", a), {
        "ine": "987654321ab", "nom": "Roux", "prenom": "Inès", "statut": Statut.APPRENTI,
        "classe": a.classe.pk, "debut": f.jours(0).isoformat()})
    learner = Apprenant.objects.get(ine="987654321AB")
    assert response["Location"] == u("apprenant", a, learner.pk)
    assert learner.parcours_au().statut == Statut.APPRENTI


def test_a_learner_enrolled_elsewhere_is_explained(admin, a):
    b = f.monde("B")
    response = admin.post(u("apprenant_ajouter", a), {
        "ine": b.apprenant.ine, "nom": "x", "prenom": "y", "statut": Statut.SCOLAIRE,
        "debut": f.jours(0).isoformat()})
    body = response.content.decode()
    assert "encore inscrit dans un autre établissement" in body
    assert b.apprenant.nom not in body


def test_change_of_statut_and_departure_from_the_learner_page(admin, a):
    learner = a.apprenant
    admin.post(u("apprenant", a, learner.pk), {
        "formulaire": "parcours", "parcours-statut": Statut.APPRENTI,
        "parcours-date": f.jours(0).isoformat()})
    assert learner.parcours_au().statut == Statut.APPRENTI
    admin.post(u("apprenant", a, learner.pk), {
        "formulaire": "depart", "depart-date": f.jours(10).isoformat()})
    assert learner.parcours_au(f.jours(11)) is None
    assert learner.parcours.count() == 2


def test_an_overlapping_change_is_shown_on_the_form_and_nothing_changes(admin, a):
    learner = a.apprenant
    before = list(learner.parcours.values_list("debut", "fin"))
    response = admin.post(u("apprenant", a, learner.pk), {
        "formulaire": "parcours", "parcours-statut": Statut.APPRENTI,
        "parcours-date": f.jours(-365).isoformat()})
    assert response.status_code == 200 and "chevauche" in response.content.decode()
    assert list(learner.parcours.values_list("debut", "fin")) == before


def test_creating_a_learner_account_shows_the_provisional_password_once(admin, a):
    learner = a.apprenti
    response = admin.post(u("apprenant", a, learner.pk), {
        "formulaire": "compte", "compte-username": "apprenti.a"}, follow=True)
    learner.refresh_from_db()
    assert learner.user.username == "apprenti.a"
    assert "mot de passe provisoire" in response.content.decode()


def test_company_tutor_and_tutoring_period(admin, a):
    admin.post(u("entreprise_ajouter", a), {"siret": "73282932000074", "nom": "Atelier Roux"})
    entreprise = a.etablissement.entreprises.get(nom="Atelier Roux")
    response = admin.post(u("entreprise", a, entreprise.pk), {
        "formulaire": "tuteur", "tuteur-prenom": "Marc", "tuteur-nom": "Roux",
        "tuteur-email": "Marc.Roux@atelier.example"})
    tuteur = Tuteur.objects.get(entreprise=entreprise)
    assert response["Location"] == u("tuteur", a, tuteur.pk)
    assert tuteur.user.email == "marc.roux@atelier.example"
    admin.post(u("tuteur", a, tuteur.pk), {
        "apprenant": a.apprenant.pk, "type": "tuteur", "debut": f.jours(0).isoformat(),
        "fin": f.jours(20).isoformat()})
    assert Encadrement.objects.filter(tuteur=tuteur, apprenant=a.apprenant).exists()


def test_a_master_follows_an_apprentice_not_a_pupil(admin, a):
    response = admin.post(u("tuteur", a, a.tuteur.pk), {
        "apprenant": a.apprenant.pk, "type": "maitre", "debut": f.jours(0).isoformat(),
        "fin": f.jours(20).isoformat()})
    assert "suit un apprenti" in response.content.decode()


def test_an_existing_account_of_someone_else_is_not_taken_over_as_tutor(admin, a):
    response = admin.post(u("entreprise", a, a.entreprise.pk), {
        "formulaire": "tuteur", "tuteur-prenom": "X", "tuteur-nom": "Y",
        "tuteur-email": a.user("ddfpt").email})
    assert response.status_code == 200
    assert not Tuteur.objects.filter(user=a.user("ddfpt")).exists()


def test_a_duplicate_siret_is_refused(admin, a):
    response = admin.post(u("entreprise_ajouter", a), {"siret": a.entreprise.siret, "nom": "X"})
    assert "déjà enregistrée" in response.content.decode()


def test_the_index_lists_the_establishments_when_there_are_several(admin, a):
    b = f.monde("B")
    f.role(a.user("administrateur"), b.etablissement, TypeRole.ADMINISTRATEUR)
    body = admin.get(reverse("gestion:index")).content.decode()
    assert a.etablissement.nom in body and b.etablissement.nom in body


def test_pages_cost_a_constant_number_of_queries(admin, a, django_assert_max_num_queries):
    def count(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        with CaptureQueriesContext(connection) as ctx:
            assert admin.get(url).status_code == 200
        return len(ctx)
    urls = [u("apprenants", a), u("classes", a), u("entreprises", a), u("personnes", a)]
    before = [count(url) for url in urls]
    for _ in range(4):
        f.apprenant(a.etablissement, a.classe)
        f.enseignant(a.etablissement, a.classe)
        f.tuteur(f.entreprise(a.etablissement))
    assert [count(url) for url in urls] == before


def test_moving_a_learner_to_another_class_from_a_date(admin, a):
    learner = a.apprenant
    admin.post(u("inscription_terminer", a, learner.inscriptions.get().pk))
    admin.post(u("apprenant", a, learner.pk), {
        "formulaire": "classe", "classe-classe": a.autre_classe.pk,
        "classe-debut": f.jours(0).isoformat()})
    rows = {i.classe_id: (i.debut, i.fin) for i in learner.inscriptions.all()}
    assert rows[a.classe.pk][1] == f.jours(-1)
    assert rows[a.autre_classe.pk] == (f.jours(0), None)


def test_the_establishment_settings_are_edited_on_the_dashboard(admin, a):
    admin.post(u("tableau", a), {"nom": "Lycée renommé", "type": "lpo", "academie": "Grenoble",
                                 "commune": "Vienne"})
    a.etablissement.refresh_from_db()
    assert (a.etablissement.nom, a.etablissement.type) == ("Lycée renommé", "lpo")
    assert a.etablissement.history.count() == 2


def test_the_administration_tabs_lead_to_the_imports(admin, a):
    body = admin.get(u("tableau", a)).content.decode()
    imports = reverse("imports:index", args=[a.etablissement.pk])
    assert f'href="{imports}"' in body
    assert admin.get(imports).status_code == 200
