"""The English interface: chosen with the header's switch, served from a complete catalog.

The msgids are French; English comes from platform/cpro_platform/locale/en, whose .mo is
committed (CI does not compile messages). Without the switch the interface stays French, even
for a browser that asks for English.
"""
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

CATALOG = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")


@pytest.fixture
def english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


@pytest.mark.django_db
def test_home_navigation_in_english(english, synced_mini):
    response = english.get(reverse("home"))
    assert response.headers["Content-Language"] == "en"
    body = response.content.decode()
    assert 'aria-current="page">Home<' in body
    assert ">Frameworks<" in body
    assert ">Training<" in body and ">Resources<" in body
    assert "Sign in" in body
    assert "Competency tracking for vocational education" in body
    assert "Installed frameworks" in body
    for french in (">Accueil<", ">Référentiels<", "Se connecter", "Référentiels installés"):
        assert french not in body


@pytest.mark.django_db
def test_referential_page_in_english(english, synced_mini):
    body = english.get(synced_mini.get_absolute_url()).content.decode()
    assert "Provisional" in body
    assert "Provisoire" not in body
    assert "Competency blocks" in body
    assert "Blocs de compétences" not in body


@pytest.mark.django_db
def test_sign_in_page_in_english(english):
    body = english.get(reverse("login")).content.decode()
    assert "Sign in to CPRO" in body
    assert "Forgotten your password?" in body
    assert "Tutors and apprenticeship masters" in body
    for french in ("Se connecter", "Mot de passe oublié", "Tuteurs et maîtres"):
        assert french not in body


@pytest.mark.django_db
def test_pages_stay_french_without_the_switch(client, synced_mini):
    accept = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
    home = client.get(reverse("home"), **accept)
    assert home.headers["Content-Language"] == "fr"
    body = home.content.decode()
    assert 'aria-current="page">Accueil<' in body and ">Référentiels<" in body
    assert ">Home<" not in body and ">Frameworks<" not in body

    body = client.get(synced_mini.get_absolute_url(), **accept).content.decode()
    assert "Provisoire" in body and "Provisional" not in body

    body = client.get(reverse("login"), **accept).content.decode()
    assert "Se connecter à CPRO" in body and "Sign in" not in body


@pytest.mark.django_db
def test_switching_back_to_french(english):
    english.post(reverse("set_language"), {"language": "fr", "next": "/"})
    body = english.get(reverse("home")).content.decode()
    assert 'aria-current="page">Accueil<' in body


def _entries():
    po = polib.pofile(str(CATALOG / "django.po"))
    return po, [e for e in po if not e.obsolete]


def test_catalog_is_complete():
    po, entries = _entries()
    assert len(entries) > 800
    assert not po.metadata_is_fuzzy
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    empty = [e.msgid for e in entries
             if (not all(e.msgstr_plural.values()) if e.msgid_plural else not e.msgstr)]
    assert not empty, f"untranslated entries: {empty}"
    for e in entries:
        if e.msgid_plural:
            assert sorted(e.msgstr_plural) == [0, 1], e.msgid


def test_translations_keep_the_placeholders():
    _po, entries = _entries()
    wrong = []
    for e in entries:
        if e.msgid_plural:
            pairs = [(e.msgid_plural, e.msgstr_plural[1])]
            expected = {tuple(sorted(PLACEHOLDER.findall(m))) for m in (e.msgid, e.msgid_plural)}
            if tuple(sorted(PLACEHOLDER.findall(e.msgstr_plural[0]))) not in expected:
                wrong.append(e.msgid)
        else:
            pairs = [(e.msgid, e.msgstr)]
        for source, translation in pairs:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
                wrong.append(source)
    assert not wrong, f"placeholders differ: {wrong}"


def test_compiled_catalog_matches_the_po():
    """The committed .mo is what Django reads: it must be recompiled after every .po edit."""
    _po, entries = _entries()
    compiled = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(CATALOG / "django.mo"))}
    stale = []
    for e in entries:
        m = compiled.get((e.msgctxt, e.msgid))
        if m is None or (m.msgstr_plural if e.msgid_plural else m.msgstr) != (
                e.msgstr_plural if e.msgid_plural else e.msgstr):
            stale.append(e.msgid)
    assert not stale, f"run compilemessages: the .mo differs from the .po for {stale}"
