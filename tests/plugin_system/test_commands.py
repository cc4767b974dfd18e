"""``manage.py sync_referentiels``, ``cpro_plugins`` and the plugin system checks."""
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cpro_platform.plugins import reset_plugin_manager
from cpro_platform.referentials.models import Referentiel


@pytest.fixture
def only(settings, plugins):
    def configure(*names, block=()):
        settings.CPRO = {"PLUGINS_ALLOW": list(names), "PLUGINS_BLOCK": list(block)}
        reset_plugin_manager()
    yield configure
    reset_plugin_manager()


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_sync_command_reports_creation_then_no_change(plugins, only, mini_toml):
    plugins.install("fixture_ok", toml=mini_toml)
    only("fixture_ok")
    first = run("sync_referentiels")
    assert "created: MINI 2024" in first and "changes applied" in first
    second = run("sync_referentiels")
    assert "unchanged: MINI 2024" in second and "no change" in second


@pytest.mark.django_db
def test_sync_command_fails_clearly_and_writes_nothing(plugins, only, mini_toml):
    plugins.install("fixture_bad", toml=mini_toml.replace("C1 = 40", "C1 = 45"))
    only("fixture_bad")
    with pytest.raises(CommandError) as excinfo:
        run("sync_referentiels")
    assert "Nothing was synchronised" in str(excinfo.value)
    assert "fixture_bad" in str(excinfo.value)
    assert not Referentiel.objects.exists()


def test_cpro_plugins_json_lists_core_and_installed_plugins(plugins, only, mini_toml):
    plugins.install("fixture_ok", toml=mini_toml, version="3.1.0")
    only("fixture_ok")
    rows = {row["name"]: row for row in json.loads(run("cpro_plugins", "--json"))}
    assert rows["fixture_ok"] == {
        "name": "fixture_ok", "distribution": "fixture-ok", "version": "3.1.0", "core": False,
        "hooks": ["register_referentiels"],
        "referentiels": [{"code": "MINI", "version": "2024",
                          "intitule": "Bac pro de démonstration",
                          "fichier": str(plugins.root / "fixture_ok" / "referentiel.toml")}],
    }
    assert rows["core_plugins.default_echelle"]["hooks"] == ["default_echelle"]


def test_cpro_plugins_text_output(plugins, only, mini_toml):
    plugins.install("fixture_ok", toml=mini_toml)
    only("fixture_ok")
    text = run("cpro_plugins")
    assert "fixture_ok — fixture-ok 1.0.0" in text
    assert "referentiel: MINI 2024 — Bac pro de démonstration" in text


def test_system_check_reports_a_broken_plugin(plugins, only):
    plugins.install("fixture_broken", source="raise ImportError('missing dependency x')\n")
    only("fixture_broken")
    from cpro_platform.referentials.checks import check_plugins

    (error,) = check_plugins()
    assert error.id == "cpro.E001" and "fixture_broken" in error.msg
    assert "missing dependency x" in error.msg


def test_system_check_reports_an_invalid_referential(plugins, only, mini_toml):
    plugins.install("fixture_bad", toml=mini_toml.replace('niveau = 4', 'niveau = 42'))
    only("fixture_bad")
    from cpro_platform.referentials.checks import check_plugins

    (error,) = check_plugins()
    assert error.id == "cpro.E002"
    assert "fixture_bad" in error.msg and "diplome.niveau" in error.msg


def test_system_check_is_silent_when_all_is_well(plugins, only, mini_toml):
    plugins.install("fixture_ok", toml=mini_toml)
    only("fixture_ok")
    from cpro_platform.referentials.checks import check_plugins

    assert check_plugins() == []
