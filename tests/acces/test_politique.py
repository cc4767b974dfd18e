"""The policy's scopes and rules, role by role, with dates."""
import datetime

import pytest

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.politique import ACTIONS, ActionInconnue, may
from cpro_platform.acces.roles import roles_tenus
from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Enseignement, Statut
from cpro_platform.etablissements.services import inscrire
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def a():
    return f.monde("A")


@pytest.fixture
def b():
    return f.monde("B")


def pks(qs):
    return set(qs.values_list("pk", flat=True))


def test_a_teacher_sees_the_classes_they_teach_and_their_learners(a, b):
    user = a.user("enseignant")
    assert pks(p.classes_visibles(user)) == {a.classe.pk}
    assert pks(p.apprenants_visibles(user)) == {a.apprenant.pk}
    assert pks(p.apprenants_evaluables(user)) == {a.apprenant.pk}


def test_a_teacher_whose_role_ended_sees_nothing_even_if_still_assigned(a):
    user = a.user("enseignant_termine")
    assert not p.classes_visibles(user).exists()
    assert not p.apprenants_evaluables(user).exists()


def test_a_teacher_role_counts_only_from_its_start(a):
    user = f.enseignant(a.etablissement, a.classe, debut=f.jours(3))
    assert not p.classes_visibles(user).exists()
    assert pks(p.classes_visibles(user, date=f.jours(3))) == {a.classe.pk}


def test_a_teacher_in_two_establishments_sees_both_but_only_what_they_teach(a, b):
    user = a.user("enseignant")
    f.role(user, b.etablissement, TypeRole.ENSEIGNANT)
    Enseignement.objects.create(classe=b.autre_classe, enseignant=user)
    assert pks(p.classes_visibles(user)) == {a.classe.pk, b.autre_classe.pk}


def test_an_assignment_elsewhere_without_a_role_there_gives_nothing(a, b):
    user = a.user("enseignant")
    Enseignement.objects.create(classe=b.classe, enseignant=user)
    assert pks(p.classes_visibles(user)) == {a.classe.pk}


def test_the_ddfpt_sees_every_class_and_learner_of_their_establishment_only(a, b):
    user = a.user("ddfpt")
    assert pks(p.classes_visibles(user)) == {a.classe.pk, a.autre_classe.pk}
    assert pks(p.apprenants_visibles(user)) == {a.apprenant.pk, a.apprenti.pk}
    assert not p.apprenants_evaluables(user).exists()


def test_the_administrator_manages_but_reads_no_livret(a, b):
    user = a.user("administrateur")
    assert not p.classes_visibles(user).exists()
    assert not p.apprenants_visibles(user).exists()
    assert not p.apprenants_evaluables(user).exists()
    assert pks(p.apprenants_geres(user)) == {a.apprenant.pk, a.apprenti.pk}
    assert pks(p.etablissements_administres(user)) == {a.etablissement.pk}
    assert may(user, "etablissements.manage_etablissement", a.etablissement)
    assert not may(user, "etablissements.manage_etablissement", b.etablissement)


def test_an_inspector_reads_the_granted_classes_until_the_end_date(a):
    user = a.user("inspecteur")
    assert pks(p.classes_visibles(user)) == {a.classe.pk}
    assert pks(p.apprenants_visibles(user)) == {a.apprenant.pk}
    assert not p.apprenants_evaluables(user).exists()
    fin = user.roles.get().fin
    assert not p.classes_visibles(user, date=fin + datetime.timedelta(days=1)).exists()
    assert not p.classes_visibles(a.user("inspecteur_expire")).exists()


def test_an_inspector_grant_naming_no_class_covers_the_establishment(a):
    user = f.personne()
    f.role(user, a.etablissement, TypeRole.INSPECTEUR)
    assert pks(p.classes_visibles(user)) == {a.classe.pk, a.autre_classe.pk}


def test_a_grant_cannot_reach_a_class_of_another_establishment(a, b):
    user = f.personne()
    f.role(user, a.etablissement, TypeRole.INSPECTEUR, classes=[b.classe])
    assert not p.classes_visibles(user).exists()


def test_a_learner_sees_only_themself(a):
    user = a.user("apprenant")
    assert pks(p.apprenants_visibles(user)) == {a.apprenant.pk}
    assert not p.classes_visibles(user).exists()
    assert not p.apprenants_evaluables(user).exists()


def test_a_tutor_sees_their_learners_only_during_their_periods(a):
    user = a.user("tuteur")
    assert pks(p.apprenants_visibles(user)) == {a.apprenant.pk}
    assert pks(p.apprenants_evaluables(user)) == {a.apprenant.pk}
    assert not p.apprenants_visibles(user, date=f.jours(60)).exists()
    assert not p.apprenants_visibles(a.user("tuteur_expire")).exists()
    assert not p.classes_visibles(user).exists()


def test_the_platform_superuser_reads_no_establishment_data(a):
    user = a.user("superuser")
    assert not p.classes_visibles(user).exists()
    assert not may(user, "etablissements.view_apprenant", a.apprenant)
    assert not may(user, "etablissements.manage_etablissement", a.etablissement)


def test_anonymous_and_inactive_users_get_nothing(a):
    from django.contrib.auth.models import AnonymousUser
    assert not p.apprenants_visibles(AnonymousUser()).exists()
    user = a.user("ddfpt")
    user.is_active = False
    user.save()
    assert not p.classes_visibles(user).exists()


def test_the_audit_is_read_by_administrators_and_ddfpt_of_the_establishment(a, b):
    for role in ("administrateur", "ddfpt"):
        user = a.user(role)
        assert may(user, "etablissements.view_historique", a.apprenant)
        assert may(user, "etablissements.view_historique", a.user("enseignant"))
        assert not may(user, "etablissements.view_historique", b.apprenant)
        assert not may(user, "etablissements.view_historique", b.user("enseignant"))
    assert not may(a.user("enseignant"), "etablissements.view_historique", a.apprenant)


def test_a_learner_who_moved_keeps_their_history_visible_to_the_new_establishment(a, b):
    moved = a.apprenti
    moved.parcours.update(fin=f.jours(-1))
    inscrire(b.etablissement, ine=moved.ine, nom=moved.nom, prenom=moved.prenom,
               statut=Statut.SCOLAIRE, classe=b.classe, debut=f.jours(0))
    assert moved.pk in pks(p.apprenants_visibles(b.user("ddfpt")))
    assert moved.pk in pks(p.apprenants_audites(b.user("administrateur")))
    assert moved.parcours.count() == 2


def test_an_administrator_may_edit_only_people_wholly_inside_their_establishments(a, b):
    admin = a.user("administrateur")
    teacher = a.user("enseignant")
    assert p.personne_modifiable(admin, teacher)
    f.role(teacher, b.etablissement, TypeRole.ENSEIGNANT)
    assert not p.personne_modifiable(admin, teacher)
    assert not p.personne_modifiable(admin, b.user("enseignant"))
    assert not p.personne_modifiable(admin, a.user("superuser"))


def test_rules_answer_false_for_objects_of_the_wrong_type(a):
    assert not may(a.user("ddfpt"), "etablissements.view_classe", a.apprenant)
    assert not may(a.user("ddfpt"), "etablissements.view_apprenant", None)


def test_an_unknown_action_is_an_error_naming_the_known_ones(a):
    with pytest.raises(ActionInconnue, match="etablissements.view_classe"):
        may(a.user("ddfpt"), "etablissements.voir_tout")


def test_every_action_is_named_app_dot_verb_noun():
    for action in ACTIONS:
        app, _, verb_noun = action.partition(".")
        assert app and "_" in verb_noun


def test_roles_tenus_lists_granted_and_derived_roles(a):
    user = a.user("tuteur")
    f.role(user, a.etablissement, TypeRole.ENSEIGNANT)
    assert {r.type for r in roles_tenus(user)} == {TypeRole.ENSEIGNANT, TypeRole.TUTEUR}
    assert [r.type for r in roles_tenus(a.user("apprenant"))] == [TypeRole.APPRENANT]
    assert [r.type for r in roles_tenus(a.user("maitre"))] == [TypeRole.MAITRE]


def test_scopes_cost_one_query_whatever_the_size(a, django_assert_num_queries):
    for _ in range(5):
        f.apprenant(a.etablissement, a.classe)
    user = a.user("ddfpt")
    with django_assert_num_queries(1):
        list(p.apprenants_visibles(user))
    with django_assert_num_queries(1):
        list(p.classes_visibles(a.user("inspecteur")))
