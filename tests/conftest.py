"""Fixtures every test package may use (test packages import each other as ``tests.…``)."""
import pytest

from tests.browser_fixtures import browser, browser_page  # noqa: F401
from tests.referentials.conftest import sync_files, synced_mini  # noqa: F401


@pytest.fixture(autouse=True)
def _cache_du_livret_vide():
    """Each test starts with no stored livret page (ids are reused between tests)."""
    from django.core.cache import caches

    caches["livret"].clear()


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker,
                    django_db_use_migrations, django_db_keepdb, django_db_createdb,
                    django_db_modify_db_settings):
    """pytest-django's set-up, from the migrated model database when there is one
    (``tests/base_modele.py``): minutes of migrations once per set of migrations, not per run."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    # pytest-django's own choice of the databases to set up and serialize.
    from pytest_django.fixtures import _get_databases_for_setup

    from tests import base_modele

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)

    def preparer(keepdb: bool):
        return setup_databases(
            verbosity=request.config.option.verbose, interactive=False, aliases=aliases,
            serialized_aliases=serialized_aliases, keepdb=keepdb)

    with django_db_blocker.unblock():
        if not django_db_use_migrations:
            db_cfg = preparer(django_db_keepdb and not django_db_createdb)
        else:
            with base_modele.verrou():
                copie = all(base_modele.copier_modele(connections[a]) for a in aliases)
                if not copie:
                    db_cfg = preparer(django_db_keepdb and not django_db_createdb)
                    for alias in aliases:
                        base_modele.enregistrer_modele(connections[alias])
            if copie:
                db_cfg = preparer(keepdb=True)
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=request.config.option.verbose)
