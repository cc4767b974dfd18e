"""A busy database ("database is locked") while saving the grid: a 503 with a French message,
nothing written, nothing the teacher typed lost, and no evidence file left behind."""
import html
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from cpro_platform.suivi.models import Evaluation

from . import factories as sf
from . import fichiers as fx

pytestmark = pytest.mark.django_db

OCCUPEE = "La base de données est occupée, réessayez dans un instant."


@contextmanager
def base_verrouillee(message: str = "database is locked"):
    """SQLite's answer when another writer holds the lock past the timeout, on the grid's
    insert (after the checks and the read, as it happens under load)."""
    def executer(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and "suivi_evaluation" in sql:
            raise OperationalError(message)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(executer):
        yield


@pytest.fixture
def g():
    return sf.grille(1, 2)


@pytest.fixture
def prof(client, g):
    client.force_login(g.enseignant)
    return client


def cases(g, code="3"):
    return {f"c-{g.apprenants[0].pk}-{c.pk}": code for c in g.criteres}


def test_autosave_on_a_locked_database_is_a_503_that_htmx_does_not_swap(prof, g):
    url = reverse("suivi:grille_enregistrer", args=[g.situation.pk])
    with base_verrouillee():
        r = prof.post(url, cases(g), HTTP_HX_REQUEST="true")
    assert r.status_code == 503
    assert r["HX-Reswap"] == "none"
    assert r.content.decode() == OCCUPEE
    assert not Evaluation.objects.exists()
    # once the database is free, the same entries save
    assert prof.post(url, cases(g), HTTP_HX_REQUEST="true").status_code == 200
    assert Evaluation.objects.count() == 2


def test_whole_grid_post_on_a_locked_database_says_so_in_a_page(prof, g):
    with base_verrouillee():
        r = prof.post(reverse("suivi:grille_enregistrer", args=[g.situation.pk]), cases(g))
    assert r.status_code == 503 and "HX-Reswap" not in r
    page = html.unescape(r.content.decode())
    assert OCCUPEE in page and "Rien n’a été enregistré." in page
    assert not Evaluation.objects.exists()


def test_cell_form_on_a_locked_database_keeps_the_entry_and_leaves_no_file(prof, g):
    avant = fx.fichiers_stockes()
    url = reverse("suivi:cellule", args=[g.situation.pk, g.apprenants[0].pk, g.criteres[0].pk])
    photo = fx.fichier("aile.png", fx.AUTORISES["image/png"][0], "image/png")
    with base_verrouillee():
        r = prof.post(url, {"code": "3", "commentaire": "Bon geste", "version": 0,
                            "preuve": photo})
    assert r.status_code == 503
    page = html.unescape(r.content.decode())
    assert OCCUPEE in page and "Bon geste</textarea>" in page
    assert not Evaluation.objects.exists()
    assert fx.fichiers_stockes() == avant  # the file written before the insert is gone


def test_other_database_errors_are_not_hidden_as_busy(prof, g):
    with base_verrouillee("no such table: suivi_evaluation"), pytest.raises(OperationalError):
        prof.post(reverse("suivi:grille_enregistrer", args=[g.situation.pk]), cases(g),
                  HTTP_HX_REQUEST="true")
