"""The grid's current values are read without sorting (issue #11's scale plan: at 10× the bench
data the model's default order joined four tables and sorted for 14 of the query's 15 ms)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cpro_platform.suivi.grille import Saisie, courantes, enregistrer_grille

from . import factories as sf

pytestmark = pytest.mark.django_db


def test_current_values_are_one_query_without_order_nor_its_joins():
    g = sf.grille(2, 2)
    enregistrer_grille(g.situation, g.enseignant,
                       [Saisie(a.pk, c.pk, niveau=2) for a in g.apprenants for c in g.criteres],
                       {})
    with CaptureQueriesContext(connection) as ctx:
        actuelles = courantes(g.situation)
    assert len(actuelles) == 4
    [requete] = ctx.captured_queries
    sql = requete["sql"].lower()
    assert "order by" not in sql
    # The default order went through the situation's scenario, class and school year.
    assert "etablissements_anneescolaire" not in sql and "suivi_scenario" not in sql
