"""The REST API answers with the same scopes as the pages."""
import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def a():
    return f.monde("A")


@pytest.mark.parametrize("role,attendus", [
    ("tuteur", {"apprenant"}), ("maitre", {"apprenti"}), ("apprenant", {"apprenant"}),
    ("enseignant", {"apprenant"}), ("ddfpt", {"apprenant", "apprenti"}),
    ("administrateur", set()), ("superuser", set()), ("tuteur_expire", set()),
])
def test_the_learner_list_is_the_users_scope(client, a, role, attendus):
    f.monde("B")
    client.force_login(a.user(role))
    data = client.get(reverse("etablissements-api:apprenant-list")).json()
    assert {row["ine"] for row in data} == {getattr(a, name).ine for name in attendus}


def test_a_learner_record_carries_its_dated_path(client, a):
    client.force_login(a.user("ddfpt"))
    data = client.get(reverse("etablissements-api:apprenant-detail",
                              args=[a.apprenti.pk])).json()
    assert data["parcours"][0]["statut"] == "apprenti"
    assert data["parcours"][0]["uai"] == a.etablissement.uai


def test_the_learner_list_costs_a_constant_number_of_queries(client, a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    client.force_login(a.user("ddfpt"))
    url = reverse("etablissements-api:apprenant-list")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx)
    before = count()
    for _ in range(5):
        f.apprenant(a.etablissement, a.classe)
    assert count() == before
