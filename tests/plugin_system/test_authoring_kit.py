"""The authoring kit: validate and new, without a database; then a new plugin installed for real."""
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from cpro_platform.referentiel.cli import main
from cpro_platform.referentials.models import Referentiel
from cpro_platform.referentials.sync import sync_referentiels
from cpro_platform.plugins import get_plugin_manager

from .conftest import MINI


def test_validate_prints_a_summary(capsys):
    assert main(["validate", str(MINI)]) == 0
    out = capsys.readouterr().out
    assert "OK" in out and "MINI 2024" in out and "3 compétences, 3 critères" in out


def test_validate_exits_1_with_located_errors(tmp_path, capsys, mini_toml):
    bad = tmp_path / "bad.toml"
    bad.write_text(mini_toml.replace('provenance = "equipe"\n\n[[blocs]]',
                                     'provenance = "inconnue"\n\n[[blocs]]'), encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err
    assert "poles[0].activites[0].provenance: unknown source 'inconnue'" in err


def test_strict_refuses_provisional_content(capsys):
    assert main(["validate", "--strict", str(MINI)]) == 1
    err = capsys.readouterr().err
    assert "blocs[1].provenance: provisional content (source 'equipe') refused in strict mode" in err


def test_new_refuses_a_bad_name_and_an_existing_directory(tmp_path, capsys):
    assert main(["new", "Bad-Name", "--dir", str(tmp_path)]) == 1
    assert "invalid name 'Bad-Name'" in capsys.readouterr().err
    assert main(["new", "cpro_test_twice", "--dir", str(tmp_path)]) == 0
    assert main(["new", "cpro_test_twice", "--dir", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_module_runs_as_a_program_without_django(tmp_path):
    result = subprocess.run([sys.executable, "-m", "cpro_platform.referentiel", "validate",
                             str(MINI)], capture_output=True, text=True, env={"PATH": ""})
    assert result.returncode == 0, result.stderr
    assert "MINI 2024" in result.stdout


@pytest.mark.django_db
def test_new_plugin_filled_validated_installed_and_synced(tmp_path, monkeypatch, capsys):
    """The whole author's path: new → fill → validate → pip install → sync, no host change."""
    assert main(["new", "cpro_test_peinture", "--dir", str(tmp_path)]) == 0
    package = tmp_path / "cpro_test_peinture"
    toml = package / "cpro_test_peinture" / "referentiel.toml"
    toml.write_text(toml.read_text(encoding="utf-8")
                    .replace("Intitulé du diplôme (à compléter)", "CAP Peinture de test")
                    .replace("Compétence (à compléter)", "Préparer les surfaces"),
                    encoding="utf-8")
    assert main(["validate", str(package)]) == 0
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "--target", str(site), str(package)],
                   check=True, capture_output=True)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    try:
        pm = get_plugin_manager(allow=["cpro_test_peinture"])
        assert pm.info("cpro_test_peinture").distribution == "cpro-test-peinture"
        sync_referentiels(pm)
        ref = Referentiel.objects.get(code="TESTPEINTURE")
        assert ref.intitule == "CAP Peinture de test"
        assert ref.competences.get().intitule == "Préparer les surfaces"
        assert ref.plugin == "cpro_test_peinture" and ref.provenance == "provisoire"
        # the scaffold's own tests pass against the installed package
        tests = package / "tests"
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:django",
                                 "-p", "no:cacheprovider", str(tests)],
                                capture_output=True, text=True, cwd=package,
                                env={"PYTHONPATH": str(site), "PATH": str(Path(sys.executable).parent)})
        assert "3 passed" in result.stdout, result.stdout + result.stderr
    finally:
        sys.modules.pop("cpro_test_peinture", None)
