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
