"""Ways in with a password: sign in and out, change and reset the password, Mon compte."""
import re

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def enseignant():
    e = f.etablissement("Lycée Connexion")
    return f.enseignant(e, f.classe(e), username="prof")


def test_the_login_page_is_in_french_with_the_dsfr(client):
    body = client.get(reverse("login")).content.decode()
    assert "Se connecter à CPRO" in body and 'class="fr-input' in body
    assert reverse("password_reset") in body


def test_login_then_home_shows_the_role_entries(client, enseignant):
    response = client.post(reverse("login"), {"username": "prof", "password": f.PASSWORD},
                           follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("home")
    assert reverse("etablissements:mes_classes") in body
    assert reverse("gestion:index") not in body
    assert reverse("etablissements:mes_apprenants") not in body


def test_a_wrong_password_is_refused_with_a_message(client, enseignant):
    response = client.post(reverse("login"), {"username": "prof", "password": "faux"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "fr-input-group--error" in response.content.decode() or "saisir" in (
        response.content.decode())


def test_logout_is_a_post(client, enseignant):
    client.force_login(enseignant)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_password_change(client, enseignant):
    client.force_login(enseignant)
    response = client.post(reverse("password_change"), {
        "old_password": f.PASSWORD, "new_password1": "Carross3rie-Peinture",
        "new_password2": "Carross3rie-Peinture"})
    assert response.status_code == 302
    enseignant.refresh_from_db()
    assert enseignant.check_password("Carross3rie-Peinture")


def test_password_reset_by_email(client, enseignant, mailoutbox):
    client.post(reverse("password_reset"), {"email": enseignant.email})
    assert len(mailoutbox) == 1
    assert "CPRO" in mailoutbox[0].subject
    link = re.search(r"https?://[^\s]+", mailoutbox[0].body).group(0)
    page = client.get(link, follow=True)
    assert "Choisir un nouveau mot de passe" in page.content.decode()
    response = client.post(page.redirect_chain[-1][0], {
        "new_password1": "Nouveau-mot-2-passe", "new_password2": "Nouveau-mot-2-passe"})
    assert response.status_code == 302
    enseignant.refresh_from_db()
    assert enseignant.check_password("Nouveau-mot-2-passe")


def test_tutors_without_password_get_no_reset_email(client, mailoutbox):
    t = f.tuteur(f.entreprise(f.etablissement()))
    client.post(reverse("password_reset"), {"email": t.user.email})
    assert mailoutbox == []


def test_mon_compte_lists_the_roles(client, enseignant):
    client.force_login(enseignant)
    body = client.get(reverse("comptes:mon_compte")).content.decode()
    assert "Enseignant" in body and "Lycée Connexion" in body
    assert reverse("password_change") in body
