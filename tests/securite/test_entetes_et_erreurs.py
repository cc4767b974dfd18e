"""Security headers on every response, and error pages in French (DEBUG off, as in production)."""
import subprocess
import sys

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_carries_the_security_headers(client):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_cms_gets_its_own_policy(client):
    csp = client.get(reverse("wagtailadmin_login"))["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp and "object-src 'none'" in csp


def test_wagtail_sends_nothing_to_third_parties(settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False


def test_a_stale_link_gets_a_french_404(client):
    response = client.get("/livret/apprenants/999999/")
    assert response.status_code in (302, 404)  # signed out: to the sign-in page first
    response = client.get("/une-page-qui-n-existe-pas/")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'lang="fr"' in body and "Page introuvable" in body
    assert "Retour à l’accueil" in body and "Not Found" not in body


def test_a_server_error_gets_a_french_500(client, settings):
    settings.ROOT_URLCONF = "tests.securite.urls_erreur"
    client.raise_request_exception = False
    response = client.get("/boum/")
    assert response.status_code == 500
    body = response.content.decode()
    assert 'lang="fr"' in body and "Une erreur est survenue" in body
    assert "panne simulée" not in body and "Server Error" not in body


def test_a_forged_form_gets_a_french_csrf_page():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Formulaire expiré" in body and "CSRF verification failed" not in body


def test_production_settings_pass_the_deploy_check(tmp_path):
    """``manage.py check --deploy`` with the production settings prints no warning."""
    env = {"DJANGO_SETTINGS_MODULE": "cpro_platform.settings.production",
           "SECRET_KEY": "x" * 30 + "production-like-secret-key-for-the-check-only",
           "ALLOWED_HOSTS": "cpro.example.fr", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
           "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level",
                             "WARNING"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_sends_hsts_with_subdomains():
    env = {"DJANGO_SETTINGS_MODULE": "cpro_platform.settings.production",
           "SECRET_KEY": "y" * 60, "PATH": "/usr/bin:/bin"}
    code = ("from django.conf import settings; import django; django.setup(); "
            "print(settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env)
    seconds, subdomains = result.stdout.split()
    assert int(seconds) >= 31536000 and subdomains == "True"
