"""Fixture plugins installed for real: a dist-info with an entry point, on sys.path."""
import importlib
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from cpro_platform.plugins import get_plugin_manager

FIXTURES = Path(__file__).parent.parent / "fixtures"
MINI = FIXTURES / "mini.toml"

REGISTER_TOML = '''
from pathlib import Path
from cpro_platform import hookimpl

@hookimpl
def register_referentiels(register):
    register(Path(__file__).parent / "referentiel.toml")
'''


class PluginFactory:
    def __init__(self, root: Path, monkeypatch):
        self.root = root
        self.names: list[str] = []
        monkeypatch.syspath_prepend(str(root))

    def install(self, name: str, source: str = REGISTER_TOML, toml: str | None = None,
                version: str = "1.0.0") -> Path:
        """Write package ``name`` and a ``<name>-<version>.dist-info`` declaring it as plugin."""
        package = self.root / name
        package.mkdir()
        (package / "__init__.py").write_text(textwrap.dedent(source), encoding="utf-8")
        if toml is not None:
            (package / "referentiel.toml").write_text(toml, encoding="utf-8")
        dist = self.root / f"{name}-{version}.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name.replace('_', '-')}\nVersion: {version}\n",
            encoding="utf-8")
        (dist / "entry_points.txt").write_text(f"[cpro_platform]\n{name} = {name}\n",
                                               encoding="utf-8")
        self.names.append(name)
        importlib.invalidate_caches()
        return package

    def manager(self, **kwargs):
        """A manager loading only the fixture plugins (not the project's installed ones)."""
        kwargs.setdefault("allow", self.names)
        return get_plugin_manager(**kwargs)


@pytest.fixture
def plugins(tmp_path, monkeypatch):
    factory = PluginFactory(tmp_path / "site", monkeypatch)
    factory.root.mkdir()
    yield factory
    for name in factory.names:
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]


@pytest.fixture
def mini_toml() -> str:
    return MINI.read_text(encoding="utf-8")


def copy_mini(target: Path) -> Path:
    shutil.copy(MINI, target)
    return target
