"""A save that meets a locked database: 503 and a French "try again", never an error 500."""
import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from cpro_platform.home.occupation import base_occupee
from cpro_platform.suivi.grille import courantes
from tests.suivi import factories as sf
from tests.verrous import verrou_en_ecriture

MESSAGE = "La base de données est occupée, réessayez dans un instant."


@pytest.fixture
def grille(transactional_db):
    return sf.grille(apprenants=1, nb_criteres=1)


@pytest.fixture
def prof(grille):
    client = Client(raise_request_exception=False)  # see what the browser would get
    client.force_login(grille.enseignant)
    return client


def _saisie(grille) -> dict:
    cle = f"{grille.apprenants[0].pk}-{grille.criteres[0].pk}"
    return {f"c-{cle}": "3", f"v-{cle}": "0"}


def test_htmx_grid_save_on_a_locked_database_is_a_503_that_keeps_the_page(prof, grille):
    url = reverse("suivi:grille_enregistrer", args=[grille.situation.pk])
    with verrou_en_ecriture("suivi_evaluation"):
        response = prof.post(url, _saisie(grille), HTTP_HX_REQUEST="true")
    assert response.status_code == 503
    assert response.content.decode() == MESSAGE
    assert response["HX-Reswap"] == "none" and response["Retry-After"] == "5"
    assert not courantes(grille.situation)
    # Once the lock is gone, the same save goes through.
    assert prof.post(url, _saisie(grille), HTTP_HX_REQUEST="true").status_code == 200
    assert [e.code for e in courantes(grille.situation).values()] == ["3"]


def test_form_grid_save_on_a_locked_database_is_a_french_page(prof, grille):
    url = reverse("suivi:grille_enregistrer", args=[grille.situation.pk])
    with verrou_en_ecriture("suivi_evaluation"):
        response = prof.post(url, _saisie(grille))
    assert response.status_code == 503
    body = response.content.decode()
    assert MESSAGE in body and "Rien n’a été enregistré" in body and "HX-Reswap" not in response


def test_only_lock_errors_are_busy():
    assert base_occupee(OperationalError("database is locked"))
    assert not base_occupee(OperationalError("no such table: x"))
    assert not base_occupee(ValueError("database is locked"))


def test_postgresql_lock_timeout_is_recognised_by_its_sqlstate():
    class LockNotAvailable(Exception):
        sqlstate = "55P03"

    erreur = OperationalError("canceling statement due to lock timeout")
    erreur.__cause__ = LockNotAvailable()
    assert base_occupee(erreur)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's journal mode")
def test_sqlite_runs_in_wal_mode(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
