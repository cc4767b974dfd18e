"""Loading plugins: core plugins, entry points, allow/block lists, errors that name the plugin."""
import pytest

from cpro_platform.plugins import DEFAULT_PLUGINS, PluginError, get_plugin_manager


def test_core_plugins_are_registered_first_and_cannot_be_blocked():
    pm = get_plugin_manager(allow=[], block=list(DEFAULT_PLUGINS))
    assert set(DEFAULT_PLUGINS) <= set(pm.infos)
    assert all(pm.info(name).core for name in DEFAULT_PLUGINS)


def test_installed_plugin_is_loaded_with_its_distribution_and_version(plugins, mini_toml):
    plugins.install("fixture_ok", toml=mini_toml, version="2.3.4")
    pm = plugins.manager()
    info = pm.info("fixture_ok")
    assert (info.distribution, info.version, info.core) == ("fixture-ok", "2.3.4", False)
    assert pm.hook_names("fixture_ok") == ["register_referentiels"]


def test_plugin_that_fails_to_import_is_named_with_distribution_and_version(plugins):
    plugins.install("fixture_broken", source="import does_not_exist_anywhere\n", version="0.9")
    with pytest.raises(PluginError) as excinfo:
        plugins.manager()
    message = str(excinfo.value)
    assert "'fixture_broken'" in message
    assert "fixture-broken 0.9" in message
    assert "does_not_exist_anywhere" in message


def test_misspelt_hook_implementation_is_refused_with_the_plugin_name(plugins):
    plugins.install("fixture_typo", source='''
        from cpro_platform import hookimpl

        @hookimpl
        def register_referentiel(register):
            pass
    ''')
    with pytest.raises(PluginError) as excinfo:
        plugins.manager()
    message = str(excinfo.value)
    assert "'fixture_typo'" in message
    assert "register_referentiel" in message
    assert "register_referentiels" in message  # the hint lists the real hook names


def test_hook_implementation_with_unknown_argument_is_refused(plugins):
    plugins.install("fixture_args", source='''
        from cpro_platform import hookimpl

        @hookimpl
        def register_referentiels(register, extra):
            pass
    ''')
    with pytest.raises(PluginError, match="fixture_args"):
        plugins.manager()


def test_block_list_skips_a_broken_plugin(plugins, mini_toml):
    plugins.install("fixture_ok", toml=mini_toml)
    plugins.install("fixture_broken", source="raise RuntimeError('boom')\n")
    pm = plugins.manager(block=["fixture_broken"])
    assert "fixture_ok" in pm.infos
    assert "fixture_broken" not in pm.infos


def test_allow_list_loads_only_the_named_plugins(plugins, mini_toml):
    plugins.install("fixture_a", toml=mini_toml)
    plugins.install("fixture_b", toml=mini_toml)
    pm = plugins.manager(allow=["fixture_b"])
    assert "fixture_b" in pm.infos and "fixture_a" not in pm.infos


def test_the_project_plugins_are_installed_as_entry_points():
    pm = get_plugin_manager()
    assert {"cpro_carrosserie", "cpro_construction_vehicules"} <= set(pm.infos)
