"""Granting roles and tutoring periods: nobody grants themselves anything, the DDFPT is told.

Pentest finding: an administrator (no access to livrets) could give themselves the DDFPT role,
or create a tutor with their own address, follow any learner and read the livret as that tutor.
"""
import pytest
from django.core.exceptions import ValidationError

from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.etablissements.imports.personnels import ImportPersonnels
from cpro_platform.etablissements.models import Encadrement
from tests import factories as f
from tests.etablissements.conftest import u

pytestmark = pytest.mark.django_db


MONDE = "R"


def test_an_administrator_cannot_grant_themselves_the_ddfpt_role(admin, a, mailoutbox):
    me = a.user("administrateur")
    response = admin.post(u("personne", a, me.pk), {
        "role-type": TypeRole.DDFPT, "role-debut": f.jours(0).isoformat()})
    assert response.status_code == 200
    assert "Vous ne pouvez pas vous attribuer un rôle" in response.content.decode()
    assert not Role.objects.filter(user=me, type=TypeRole.DDFPT).exists()
    assert mailoutbox == []


def test_the_model_refuses_a_self_granted_role_whoever_calls_it(a):
    me = a.user("administrateur")
    with pytest.raises(ValidationError, match="vous attribuer un rôle"):
        Role.objects.create(user=me, etablissement=a.etablissement, type=TypeRole.DDFPT,
                            accorde_par=me)
    assert not Role.objects.filter(user=me, type=TypeRole.DDFPT).exists()


def test_every_grant_is_audited_and_told_to_the_ddfpt(admin, a, mailoutbox):
    teacher = a.user("enseignant")
    admin.post(u("personne", a, teacher.pk), {
        "role-type": TypeRole.INSPECTEUR, "role-debut": f.jours(0).isoformat(),
        "role-fin": f.jours(10).isoformat(), "role-motif": "Visite"})
    role = Role.objects.get(user=teacher, type=TypeRole.INSPECTEUR)
    assert role.accorde_par == a.user("administrateur")
    assert role.history.get().history_user == a.user("administrateur")
    (message,) = mailoutbox
    assert message.to == [a.user("ddfpt").email]
    assert "Rôle accordé" in message.subject
    admin_name = a.user("administrateur").get_full_name()
    for part in (admin_name, "Inspecteur", teacher.get_full_name(), a.etablissement.nom,
                 f.jours(0).strftime("%d/%m/%Y"), f.jours(10).strftime("%d/%m/%Y"), "Visite"):
        assert part in message.body


def test_a_new_person_s_first_role_is_told_to_the_ddfpt(admin, a, mailoutbox):
    admin.post(u("personne_ajouter", a), {
        "personne-username": "n.ddfpt", "personne-first_name": "Nouvelle",
        "personne-last_name": "Ddfpt", "personne-email": "n.ddfpt@lycee.example",
        "role-type": TypeRole.DDFPT, "role-debut": f.jours(0).isoformat()})
    assert Role.objects.filter(user__username="n.ddfpt", type=TypeRole.DDFPT).exists()
    (message,) = mailoutbox
    assert message.to == [a.user("ddfpt").email]  # the DDFPTs in office, not the newcomer
    assert "Nouvelle Ddfpt" in message.body and "DDFPT" in message.body


def test_a_tutoring_period_is_told_to_the_ddfpt(admin, a, mailoutbox):
    admin.post(u("tuteur", a, a.tuteur.pk), {
        "apprenant": a.apprenant.pk, "type": "tuteur", "debut": f.jours(0).isoformat(),
        "fin": f.jours(20).isoformat()})
    assert Encadrement.objects.filter(tuteur=a.tuteur, debut=f.jours(0)).exists()
    (message,) = mailoutbox
    assert message.to == [a.user("ddfpt").email]
    for part in (a.user("administrateur").get_full_name(), a.tuteur.user.get_full_name(),
                 a.apprenant.nom_complet, f.jours(20).strftime("%d/%m/%Y")):
        assert part in message.body


def test_a_changed_address_of_a_tutor_is_told_to_the_ddfpt_and_the_old_address(admin, a,
                                                                             mailoutbox):
    old = a.tuteur.user.email
    a.tuteur.user.set_unusable_password()  # a tutor signs in with links only
    a.tuteur.user.save()
    admin.post(u("personne", a, a.tuteur.user.pk), {
        "personne-first_name": "Prénom", "personne-last_name": "Tuteur",
        "personne-email": "perso@ailleurs.example"})
    (message,) = mailoutbox
    assert sorted(message.to) == sorted([a.user("ddfpt").email, old])
    assert "perso@ailleurs.example" in message.body and old in message.body


def test_a_role_self_granted_before_the_rule_can_still_be_ended(admin, a):
    me = a.user("administrateur")
    ancien = f.role(me, a.etablissement, TypeRole.DDFPT)
    Role.objects.filter(pk=ancien.pk).update(accorde_par=me)  # as the pentest left it
    other_admin = f.personne("admin2R")
    f.role(other_admin, a.etablissement, TypeRole.ADMINISTRATEUR)
    admin.force_login(other_admin)
    admin.post(u("role_terminer", a, ancien.pk))
    ancien.refresh_from_db()
    assert ancien.fin == f.jours(-1)


def _import_personnels(a, *lignes):
    contenu = "\n".join(["Nom;Prénom;E-mail;Rôle", *lignes]).encode()
    return ImportPersonnels(a.etablissement, auteur=a.user("administrateur")).executer(
        contenu, "personnels.csv")


def test_a_staff_import_cannot_grant_its_author_a_role(a, mailoutbox):
    me = a.user("administrateur")
    analyse = _import_personnels(a, f"{me.last_name};{me.first_name};{me.email};DDFPT")
    assert not analyse.applique
    assert any("vous attribuer un rôle" in str(e) for e in analyse.erreurs)
    assert not Role.objects.filter(user=me, type=TypeRole.DDFPT).exists()


def test_roles_granted_by_an_import_are_told_to_the_ddfpt_in_one_message(a, mailoutbox):
    analyse = _import_personnels(a, "Roux;Anne;a.roux@lycee.example;DDFPT",
                                 "Petit;Zoé;z.petit@lycee.example;Professeure")
    assert analyse.applique
    (message,) = mailoutbox
    assert message.to == [a.user("ddfpt").email]
    assert "Anne Roux" in message.body and "DDFPT" in message.body
    assert "Zoé Petit" in message.body and "Enseignant" in message.body
    assert a.user("administrateur").get_full_name() in message.body


def test_the_address_of_an_account_in_use_cannot_be_changed_by_the_administrator(admin, a):
    """Password resets go to it: changing it would hand the account over (takeover)."""
    teacher = a.user("enseignant")
    assert teacher.has_usable_password()
    old = teacher.email
    response = admin.post(u("personne", a, teacher.pk), {
        "personne-first_name": "Prénom", "personne-last_name": "Nom",
        "personne-email": "admin.perso@ailleurs.example"})
    teacher.refresh_from_db()
    assert teacher.email == old and teacher.last_name == "Nom"
    page = admin.get(u("personne", a, teacher.pk)).content.decode()
    assert "a déjà activé son compte" in page
