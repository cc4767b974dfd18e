"""Meta-tests keeping the project honest: hooks documented and tested, layout safe."""
import inspect
import json
import re
from pathlib import Path

import pytest

from cpro_platform import hookspecs
from cpro_platform.referentiel.schema import json_schema

ROOT = Path(__file__).resolve().parent.parent
HOOKS = sorted(name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
               if hasattr(fn, "cpro_platform_spec"))


def signature(name: str) -> str:
    params = inspect.signature(getattr(hookspecs, name)).parameters
    return f"{name}({', '.join(params)})"


def test_there_are_hooks():
    assert "register_referentiels" in HOOKS and "default_echelle" in HOOKS


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented_under_its_exact_signature(hook):
    docs = (ROOT / "docs" / "plugin_hooks.md").read_text(encoding="utf-8")
    headings = re.findall(r"^##+ (.+)$", docs, flags=re.MULTILINE)
    assert signature(hook) in [h.strip().strip("`") for h in headings]


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_implemented_in_a_test(hook):
    me = Path(__file__).resolve()
    pattern = re.compile(rf"def {hook}\(")
    used = [p for p in (ROOT / "tests").rglob("*.py")
            if p.resolve() != me and pattern.search(p.read_text(encoding="utf-8"))]
    assert used, f"no test implements the hook {hook}"


def test_every_hookspec_has_a_docstring_and_type_hints():
    for hook in HOOKS:
        fn = getattr(hookspecs, hook)
        assert fn.__doc__ and ":return:" in fn.__doc__, hook
        assert "return" in fn.__annotations__, hook


def test_platform_source_root_is_not_a_package():
    """``platform/__init__.py`` would shadow the standard library's ``platform`` module."""
    assert not (ROOT / "platform" / "__init__.py").exists()
    import platform

    assert callable(platform.python_version) and "site-packages" not in platform.__file__ \
        and not platform.__file__.startswith(str(ROOT / "platform"))


def test_published_json_schema_is_current():
    published = json.loads((ROOT / "docs" / "referentiel.schema.json").read_text("utf-8"))
    assert published == json_schema(), (
        "regenerate: python -m cpro_platform.referentiel schema > docs/referentiel.schema.json")


# --- The rules gateway --------------------------------------------------------------------

GATEWAY = ROOT / "platform" / "cpro_platform" / "regles"
HOOK_CALL = re.compile(r"\.hook\b|\bhook\s*=\s*\w+\.hook\b|getattr\([^)]*[\"']hook[\"']")


def _runtime_sources():
    """Every Python file that runs in production: the host, the core plugins, the plugins
    (their tests excepted)."""
    for folder in (ROOT / "platform", ROOT / "core_plugins", ROOT / "plugins"):
        for path in folder.rglob("*.py"):
            if "tests" not in path.relative_to(ROOT).parts:
                yield path


def test_only_the_gateway_calls_the_hooks():
    outside = [str(p.relative_to(ROOT)) for p in _runtime_sources()
               if GATEWAY not in p.parents and HOOK_CALL.search(p.read_text(encoding="utf-8"))]
    assert outside == [], "call the rules through cpro_platform.regles, never pm.hook"


def test_the_gateway_calls_every_hook():
    source = (GATEWAY / "passerelle.py").read_text(encoding="utf-8")
    assert [h for h in HOOKS if f"hook.{h}\n" not in source] == []


def test_every_firstresult_hook_has_a_trylast_default_in_core_plugins():
    from cpro_platform.plugins import DEFAULT_PLUGINS, get_plugin_manager

    pm = get_plugin_manager(entry_points=[])
    for hook in HOOKS:
        caller = getattr(pm.hook, hook)
        if not caller.spec.opts.get("firstresult"):
            continue
        defaults = [impl for impl in caller.get_hookimpls()
                    if impl.plugin_name in DEFAULT_PLUGINS and impl.trylast]
        assert len(defaults) == 1, f"{hook}: no trylast default in core_plugins"
        assert defaults[0].plugin_name.startswith("core_plugins.")


def test_every_value_type_and_field_is_documented():
    import dataclasses

    from cpro_platform.regles import valeurs

    docs = (ROOT / "docs" / "plugin_hooks.md").read_text(encoding="utf-8")
    types = [t for _, t in inspect.getmembers(valeurs, dataclasses.is_dataclass)
             if t.__module__ == valeurs.__name__]
    assert len(types) >= 20
    for t in types:
        section = re.search(rf"^#+ `?{t.__name__}`?\b.*?(?=^#|\Z)", docs, re.M | re.S)
        assert section, f"no section for the value type {t.__name__}"
        missing = [f.name for f in dataclasses.fields(t) if f"`{f.name}`" not in section[0]]
        assert missing == [], f"{t.__name__}: fields not documented: {missing}"
