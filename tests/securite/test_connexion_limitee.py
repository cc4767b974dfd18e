"""Sign-in is throttled per account and per address; the administrator unlocks an account.

The attack reproduced: 40 wrong passwords, then the right one signed in.
"""
import pytest
from django.core import mail
from django.urls import reverse

from tests import factories as f

MOT_DE_PASSE = "Bon-mot-de-passe-42"
pytestmark = pytest.mark.django_db


@pytest.fixture
def lycee():
    e = f.etablissement()
    prof = f.enseignant(e, f.classe(e), username="prof.cible")
    prof.email = "prof.cible@lycee.fr"
    prof.set_password(MOT_DE_PASSE)
    prof.save()
    admin = f.personne("admin.du.lycee")
    f.role(admin, e, "administrateur")
    return e, prof, admin


def connexion(client, username, password, adresse="203.0.113.7", url=None, **extra):
    return client.post(url or reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=adresse, **extra)


def est_connecte(client) -> bool:
    return "_auth_user_id" in client.session


def test_forty_wrong_passwords_then_the_right_one_is_refused(client, lycee):
    _e, prof, _admin = lycee
    for _ in range(40):
        connexion(client, prof.username, "mauvais")
    response = connexion(client, prof.username, MOT_DE_PASSE)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Connexion temporairement bloquée" in body and "15 minutes" in body
    assert 'lang="fr"' in body
    assert not est_connecte(client)


def test_a_few_mistakes_do_not_lock(client, lycee):
    _e, prof, _admin = lycee
    for _ in range(4):
        assert connexion(client, prof.username, "mauvais").status_code == 200
    assert connexion(client, prof.username, MOT_DE_PASSE).status_code == 302
    assert est_connecte(client)


def test_the_account_stays_locked_from_another_address(client, lycee):
    _e, prof, _admin = lycee
    for i in range(5):
        connexion(client, prof.username, "mauvais", adresse=f"198.51.100.{i}")
    assert connexion(client, prof.username, MOT_DE_PASSE, adresse="192.0.2.99").status_code == 429
    assert not est_connecte(client)


def test_an_address_spraying_many_accounts_is_locked(client, lycee, settings):
    _e, prof, _admin = lycee
    for i in range(30):
        connexion(client, f"inconnu{i}", "Printemps2026", adresse="203.0.113.50")
    assert connexion(client, prof.username, MOT_DE_PASSE, adresse="203.0.113.50"
                     ).status_code == 429
    # The account itself is not locked: the same person elsewhere signs in.
    assert connexion(client, prof.username, MOT_DE_PASSE, adresse="203.0.113.51"
                     ).status_code == 302


def test_a_forged_forwarded_header_does_not_change_the_address(client, lycee):
    _e, _prof, _admin = lycee
    for i in range(30):
        connexion(client, f"inconnu{i}", "x", adresse="203.0.113.60",
                  HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    assert connexion(client, "autre", "x", adresse="203.0.113.60",
                     HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429


def test_behind_a_declared_proxy_the_client_address_counts(client, lycee, settings):
    settings.CPRO = {**settings.CPRO, "PROXIES": 1}
    _e, prof, _admin = lycee
    for i in range(30):
        connexion(client, f"inconnu{i}", "x", adresse="10.0.0.1",
                  HTTP_X_FORWARDED_FOR="203.0.113.70")
    assert connexion(client, prof.username, MOT_DE_PASSE, adresse="10.0.0.1",
                     HTTP_X_FORWARDED_FOR="203.0.113.70").status_code == 429
    assert connexion(client, prof.username, MOT_DE_PASSE, adresse="10.0.0.1",
                     HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.71").status_code == 302


def test_the_cms_sign_in_is_throttled_too(client, lycee):
    _e, prof, _admin = lycee
    prof.is_staff = True
    prof.save()
    url = reverse("wagtailadmin_login")
    for _ in range(6):
        connexion(client, prof.username, "mauvais", url=url)
    response = connexion(client, prof.username, MOT_DE_PASSE, url=url)
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    assert not est_connecte(client)


def test_the_cms_sign_in_page_offers_the_application_reset(client):
    body = client.get(reverse("wagtailadmin_login")).content.decode()
    assert reverse("password_reset") in body and "Mot de passe oublié" in body


def test_the_administrator_sees_and_unlocks_the_account(client, lycee):
    e, prof, admin = lycee
    for _ in range(6):
        connexion(client, prof.username, "mauvais")
    client.force_login(admin)
    liste = client.get(reverse("securite:verrouillages", args=[e.pk])).content.decode()
    assert "prof.cible" in liste and "Débloquer prof.cible" in liste
    response = client.post(reverse("securite:deverrouiller", args=[e.pk, prof.pk]), follow=True)
    assert "est débloqué" in response.content.decode()
    assert "Aucun compte de l’établissement n’est bloqué" in response.content.decode()
    client.logout()
    assert connexion(client, prof.username, MOT_DE_PASSE).status_code == 302


def test_an_administrator_cannot_unlock_someone_of_another_establishment(client, lycee):
    e, _prof, admin = lycee
    autre = f.etablissement("Lycée Ailleurs")
    etranger = f.enseignant(autre, f.classe(autre), username="prof.ailleurs")
    for _ in range(6):
        connexion(client, etranger.username, "mauvais")
    client.force_login(admin)
    assert "prof.ailleurs" not in client.get(
        reverse("securite:verrouillages", args=[e.pk])).content.decode()
    assert client.post(reverse("securite:deverrouiller", args=[e.pk, etranger.pk])
                       ).status_code == 404
    client.logout()
    assert connexion(client, etranger.username, "x").status_code == 429


def reinitialiser(client, email, adresse="203.0.113.7"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=adresse)


def test_password_reset_is_limited_per_recipient(client, lycee):
    for _ in range(3):
        assert reinitialiser(client, "prof.cible@lycee.fr").status_code == 302
    response = reinitialiser(client, "PROF.CIBLE@lycee.fr", adresse="198.51.100.1")
    assert response.status_code == 429
    assert "Trop de demandes de réinitialisation" in response.content.decode()
    assert len(mail.outbox) == 3


def test_password_reset_is_limited_per_client(client, lycee):
    for i in range(10):
        assert reinitialiser(client, f"personne{i}@exemple.fr").status_code == 302
    assert reinitialiser(client, "prof.cible@lycee.fr").status_code == 429
    assert mail.outbox == []
    assert reinitialiser(client, "prof.cible@lycee.fr", adresse="198.51.100.2"
                         ).status_code == 302
    assert len(mail.outbox) == 1


def test_a_garbage_forwarded_address_falls_back_to_the_socket(rf, settings):
    from cpro_platform.securite.adresses import adresse_client

    settings.CPRO = {**settings.CPRO, "PROXIES": 1}
    assert adresse_client(rf.get("/", REMOTE_ADDR="10.0.0.1",
                                 HTTP_X_FORWARDED_FOR="<script>")) == "10.0.0.1"
    assert adresse_client(rf.get("/", REMOTE_ADDR="")) == "0.0.0.0"
    assert adresse_client(rf.get("/", REMOTE_ADDR="10.0.0.1",
                                 HTTP_X_FORWARDED_FOR="2001:db8::1")) == "2001:db8::1"
