"""Fixtures every test package may use (test packages import each other as ``tests.…``)."""
from tests.browser_fixtures import browser, browser_page  # noqa: F401
from tests.referentials.conftest import sync_files, synced_mini  # noqa: F401
