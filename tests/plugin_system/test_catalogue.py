"""Referentials provided by plugins: every problem names the plugin, the file and the field."""
import pytest

from cpro_platform.plugins import PluginError
from cpro_platform.referentiel.catalogue import CatalogueInvalide, collect


def test_valid_plugin_provides_its_referential(plugins, mini_toml):
    package = plugins.install("fixture_ok", toml=mini_toml)
    (fourni,) = collect(plugins.manager())
    assert (fourni.referentiel.code, fourni.referentiel.version) == ("MINI", "2024")
    assert fourni.plugin.name == "fixture_ok"
    assert fourni.path == package / "referentiel.toml"


def _error(plugins) -> str:
    with pytest.raises(CatalogueInvalide) as excinfo:
        collect(plugins.manager())
    return str(excinfo.value)


def test_malformed_toml_names_plugin_and_file(plugins):
    package = plugins.install("fixture_toml", toml="format = 1\n[diplome\ncode = 'X'\n")
    message = _error(plugins)
    assert "plugin 'fixture_toml' (distribution fixture-toml 1.0.0)" in message
    assert str(package / "referentiel.toml") in message
    assert "not valid TOML" in message and "line 2" in message


def test_unknown_codes_in_cross_references_are_located(plugins, mini_toml):
    toml = mini_toml.replace('unite = "U31"\nprovenance = "officiel"', 'unite = "U99"\n'
                             'provenance = "officiel"').replace('competences = ["C3"]',
                                                                'competences = ["C9"]')
    plugins.install("fixture_refs", toml=toml)
    message = _error(plugins)
    assert "fixture_refs" in message
    assert "blocs[0].unite: unknown unité 'U99'" in message
    assert "epreuves[0].competences[0]: unknown compétence 'C9'" in message


def test_ponderations_not_summing_to_100(plugins, mini_toml):
    plugins.install("fixture_sum", toml=mini_toml.replace("C1 = 40, C2 = 60", "C1 = 40, C2 = 50"))
    message = _error(plugins)
    assert "fixture_sum" in message
    assert "ponderations[0].poids: weights sum to 90, not 100" in message


def test_misspelt_field_is_refused_with_its_path(plugins, mini_toml):
    plugins.install("fixture_field", toml=mini_toml.replace("duree_minutes = 180",
                                                            "duree_minute = 180"))
    message = _error(plugins)
    assert "epreuves[0].duree_minute: Extra inputs are not permitted" in message


def test_same_code_and_version_from_two_plugins_names_both(plugins, mini_toml):
    plugins.install("fixture_first", toml=mini_toml)
    plugins.install("fixture_second", toml=mini_toml)
    message = _error(plugins)
    assert "MINI version 2024 is provided twice" in message
    assert "'fixture_first'" in message and "'fixture_second'" in message


def test_register_callback_failure_names_the_plugin(plugins):
    plugins.install("fixture_raises", source='''
        from cpro_platform import hookimpl

        @hookimpl
        def register_referentiels(register):
            raise ValueError("cannot find my data")
    ''')
    with pytest.raises(PluginError, match=r"'fixture_raises'.*cannot find my data"):
        collect(plugins.manager())


def test_every_bad_plugin_is_reported_at_once(plugins, mini_toml):
    plugins.install("fixture_bad_one", toml="not toml at all ===")
    plugins.install("fixture_bad_two", toml=mini_toml.replace("C3 = 100", "C3 = 99"))
    with pytest.raises(CatalogueInvalide) as excinfo:
        collect(plugins.manager())
    assert len(excinfo.value.errors) == 2
