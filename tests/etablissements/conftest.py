"""The administration screens' tests: one establishment's world and its administrator.

A module names its world's suffix with ``MONDE`` (names and addresses end with it).
"""
import pytest
from django.urls import reverse

from tests import factories as f


@pytest.fixture
def a(request):
    return f.monde(getattr(request.module, "MONDE", "A"))


@pytest.fixture
def admin(client, a):
    client.force_login(a.user("administrateur"))
    return client


def u(name, a, *args):
    """The URL of an administration view of ``a``'s establishment."""
    return reverse(f"gestion:{name}", args=[a.etablissement.pk, *args])
