"""Generated documents stay private: a system check refuses a ``documents`` storage inside
MEDIA_ROOT or STATIC_ROOT, one that gives URLs or has a ``base_url`` — the evidence storage's
check (one function for both), run by ``manage.py check`` and at every start."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages
from django.test import override_settings

from cpro_platform.bilans.checks import erreurs_stockage_documents
from cpro_platform.bilans.stockage import DocumentsSurDisque


def _ids(erreurs) -> list[str]:
    return [e.id for e in erreurs]


def test_documents_inside_media_root_or_static_root_are_refused(tmp_path):
    publics = {"MEDIA_ROOT": tmp_path / "media", "STATIC_ROOT": tmp_path / "static"}
    sous_media = DocumentsSurDisque(location=tmp_path / "media" / "documents")
    sous_static = DocumentsSurDisque(location=tmp_path / "static")
    assert _ids(erreurs_stockage_documents(sous_media, publics)) == ["bilans.E001"]
    erreur, = erreurs_stockage_documents(sous_static, publics)
    assert erreur.id == "bilans.E001" and "inside STATIC_ROOT" in erreur.msg
    assert "generated documents" in erreur.msg and "DOCUMENTS_ROOT" in erreur.hint


def test_documents_with_a_url_or_a_base_url_are_refused(tmp_path):
    publics = {"MEDIA_ROOT": tmp_path / "media", "STATIC_ROOT": None}
    public = FileSystemStorage(location=tmp_path / "prive")   # falls back to MEDIA_URL
    erreur, = erreurs_stockage_documents(public, publics)
    assert erreur.id == "bilans.E002" and "exports:lot_telecharger" in erreur.msg
    annonce = DocumentsSurDisque(location=tmp_path / "prive", base_url="/documents/")
    erreur, = erreurs_stockage_documents(annonce, publics)
    assert erreur.id == "bilans.E003" and "/documents/" in erreur.msg
    assert erreurs_stockage_documents(DocumentsSurDisque(location=tmp_path / "prive"),
                                      publics) == []


def test_the_registered_check_reads_the_settings(tmp_path):
    assert isinstance(storages["documents"], InMemoryStorage)
    assert not [e for e in checks.run_checks(tags=[checks.Tags.security])
                if e.id.startswith("bilans.")]
    media = tmp_path / "media"
    with override_settings(MEDIA_ROOT=media, STORAGES={**storages.backends, "documents": {
            "BACKEND": "cpro_platform.bilans.stockage.DocumentsSurDisque",
            "OPTIONS": {"location": media / "documents"}}}):
        erreurs = checks.run_checks(tags=[checks.Tags.security])
    assert "bilans.E001" in _ids(erreurs)


#: In a fresh interpreter: a settings module as the server would load it.
LIRE_REGLAGES = """
import importlib, json, sys
from django.core.files.storage import storages
from cpro_platform.bilans.checks import erreurs_stockage_documents
reglages = importlib.import_module(sys.argv[1])
stock = storages.create_storage(reglages.STORAGES["documents"])
publics = {"MEDIA_ROOT": reglages.MEDIA_ROOT, "STATIC_ROOT": reglages.STATIC_ROOT}
print(json.dumps({"classe": type(stock).__name__, "dossier": str(stock.location),
                  "erreurs": [e.id for e in erreurs_stockage_documents(stock, publics)]}))
"""


def _reglages(module: str, **env) -> dict:
    propre = {k: v for k, v in os.environ.items()
              if k not in ("DEBUG", "MEDIA_ROOT", "STATIC_ROOT", "DOCUMENTS_ROOT")}
    sortie = subprocess.run(
        [sys.executable, "-c", LIRE_REGLAGES, f"cpro_platform.settings.{module}"],
        env={**propre, "SECRET_KEY": "x", **env}, capture_output=True, text=True,
        check=True).stdout
    return json.loads(sortie)


@pytest.mark.parametrize("module", ["base", "dev", "production"])
def test_every_settings_module_keeps_documents_private(module):
    reglages = _reglages(module)
    assert reglages["classe"] == "DocumentsSurDisque" and reglages["erreurs"] == []
    assert Path(reglages["dossier"]).parts[-2:] == ("prive", "documents")


def test_a_documents_root_under_media_root_is_caught(tmp_path):
    """The operator points DOCUMENTS_ROOT into the public media folder: the check says so."""
    reglages = _reglages("production", MEDIA_ROOT=str(tmp_path / "media"),
                         DOCUMENTS_ROOT=str(tmp_path / "media" / "documents"))
    assert reglages["erreurs"] == ["bilans.E001"]
