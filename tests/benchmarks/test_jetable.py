"""``make bench`` on a database that holds real data (here the demo): the bench builds its
data, other processes write beside it (the HTTP grid save, sessions), and at the end every
row it added is gone while nothing of the demo was deleted nor changed in number.

Before: ``benchmarks.sync`` emptied the referential table (``ProtectedError`` as soon as an
evaluation pointed at it, and a deletion of user data where none did), and the bench's rows
were left behind.
"""
import io

import pytest
from django.apps import apps
from django.core.management import call_command

from benchmarks import livret, pages, sync
from benchmarks.jetable import DonneesEtrangeres, Trace
from benchmarks.serveur import session_pour
from cpro_platform.referentials.models import Referentiel
from cpro_platform.suivi.models import Evaluation, Situation

pytestmark = pytest.mark.django_db


def _lignes() -> dict:
    """Every row of every table, by primary key."""
    return {m._meta.label: set(m._base_manager.values_list("pk", flat=True))
            for m in apps.get_models(include_auto_created=True)}


@pytest.fixture
def demo():
    call_command("sync_referentiels", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert Evaluation.objects.exists()


def _donnees_du_bench(capture):
    with capture(execute=True):
        petit = livret.construire(apprenants=3, annees=2, situations_par_an=3, criteres=15,
                                  par_situation=5)
        # What the server process writes: a session, and a grid saved over HTTP (raw SQL
        # here): rows the trace never saw, pointing at the bench's.
        session_pour(petit["prof"])
        situation = Situation.objects.filter(scenario__classe=petit["classe"]).first()
        cellules = [(e.pk, c.pk) for e in petit["eleves"] for c in situation.criteres.all()]
        pages.ecriture_brute(situation, petit["prof"], cellules, niveau=2)
    return petit


def test_the_bench_on_the_demo_database_deletes_only_its_own_rows(
        demo, django_capture_on_commit_callbacks):
    avant = _lignes()
    referentiels = set(Referentiel.objects.values_list("pk", "code", "version", "actif"))

    sync.run(lambda ligne: None)
    trace = Trace().ouvrir()
    petit = _donnees_du_bench(django_capture_on_commit_callbacks)
    assert Evaluation.objects.filter(apprenant__in=petit["eleves"]).count() > 2 * 3 * 3 * 5

    supprimees = trace.nettoyer()

    assert supprimees > 100
    assert _lignes() == avant
    assert set(Referentiel.objects.values_list("pk", "code", "version", "actif")) \
        == referentiels


def test_a_row_older_than_the_bench_pointing_at_its_rows_stops_the_clean_up(
        demo, django_capture_on_commit_callbacks):
    trace = Trace().ouvrir()
    petit = _donnees_du_bench(django_capture_on_commit_callbacks)
    ancienne = Evaluation.objects.exclude(apprenant__in=petit["eleves"]).earliest("pk")
    bench = Situation.objects.filter(scenario__classe=petit["classe"]).first()
    Evaluation.objects.filter(pk=ancienne.pk).update(situation=bench)

    with pytest.raises(DonneesEtrangeres, match=f"Evaluation #{ancienne.pk}"):
        trace.nettoyer()
    assert Evaluation.objects.filter(pk=ancienne.pk).exists()
