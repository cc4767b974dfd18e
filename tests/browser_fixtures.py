"""Browser fixtures: Playwright driving Debian's Chromium (never a downloaded browser).

Use ``browser_page`` with pytest-django's ``live_server``; mark the test ``@pytest.mark.browser``.
"""
import os
import shutil

import pytest

CHROMIUM = os.environ.get("CPRO_CHROMIUM", "/usr/bin/chromium")
# Flags for a closed network: no background connections Chromium would try at start-up.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run 'make browser' "
                    "(apt-get install chromium) — browser tests do not download one.")
    # Playwright's sync API runs an event loop; Django refuses ORM calls from it otherwise.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
