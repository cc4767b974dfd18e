"""The test database built once per set of migrations, then copied for every run and worker.

Applying every migration takes minutes on a loaded machine; the migrated, still empty test
database is kept as a model keyed by the hash of every migration file (and the Django version
and database engine): a SQLite file ``var/test-modele-<key>.sqlite3``, or a PostgreSQL database
``cpro_modele_<key>`` used as ``CREATE DATABASE … TEMPLATE``. A run whose key has a model copies
it and lets Django check it (``keepdb``: nothing left to apply); any change to a migration
changes the key, so a stale model is never used (old ones are removed when a new one is made).
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sqlite3
import time
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings


def cle(connection) -> str:
    empreinte = hashlib.sha256(f"{django.get_version()}|{connection.vendor}".encode())
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        dossier = Path(config.path) / "migrations"
        for fichier in sorted(dossier.glob("*.py")) if dossier.is_dir() else ():
            empreinte.update(f"{config.label}/{fichier.name}".encode())
            empreinte.update(fichier.read_bytes())
    return empreinte.hexdigest()[:16]


@contextlib.contextmanager
def verrou():
    """One process at a time builds or copies the model (parallel workers wait for the first
    one's model instead of each applying the migrations)."""
    chemin = Path(settings.VAR_DIR) / "test-modele.lock"
    with open(chemin, "w") as fichier:
        fcntl.flock(fichier, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fichier, fcntl.LOCK_UN)


# --- SQLite --------------------------------------------------------------------------------

def _modele_sqlite(connection) -> Path:
    return Path(settings.VAR_DIR) / f"test-modele-{cle(connection)}.sqlite3"


def _copier_sqlite(source: Path | str, cible: Path | str) -> None:
    """A consistent copy through SQLite's backup API (the WAL included). The source opens
    read-only: a model removed meanwhile is an error, never an empty file created here."""
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, \
            sqlite3.connect(cible) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _nom_test(connection) -> str:
    return connection.creation._get_test_db_name()


# --- PostgreSQL ----------------------------------------------------------------------------

def _modele_pg(connection) -> str:
    return f"cpro_modele_{cle(connection)}"


def _pg_existe(curseur, nom: str) -> bool:
    curseur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nom])
    return curseur.fetchone() is not None


def _pg_creer_depuis(connection, nom: str, modele: str) -> None:
    qn = connection.ops.quote_name
    for essai in range(20):
        try:
            with connection._nodb_cursor() as curseur:
                curseur.execute(f"DROP DATABASE IF EXISTS {qn(nom)}")
                curseur.execute(f"CREATE DATABASE {qn(nom)} TEMPLATE {qn(modele)}")
            return
        except Exception:  # the model is busy: another worker is copying it right now
            if essai == 19:
                raise
            time.sleep(0.5)


# --- the two steps -------------------------------------------------------------------------

def copier_modele(connection) -> bool:
    """Put a copy of the model in place of the test database; False when there is none."""
    if connection.vendor == "sqlite":
        modele, nom = _modele_sqlite(connection), _nom_test(connection)
        if connection.creation.is_in_memory_db(nom) or not modele.exists():
            return False
        for suffixe in ("", "-wal", "-shm"):
            Path(nom + suffixe).unlink(missing_ok=True)
        try:
            _copier_sqlite(modele, nom)
        except sqlite3.Error:  # removed by a run with other migrations: build it again
            Path(nom).unlink(missing_ok=True)
            return False
        return True
    if connection.vendor == "postgresql":
        with connection._nodb_cursor() as curseur:
            if not _pg_existe(curseur, _modele_pg(connection)):
                return False
        _pg_creer_depuis(connection, _nom_test(connection), _modele_pg(connection))
        return True
    return False


def enregistrer_modele(connection) -> None:
    """Keep the freshly migrated test database as the model of its key (atomically)."""
    if connection.vendor == "sqlite":
        nom = connection.settings_dict["NAME"]
        if connection.creation.is_in_memory_db(nom):
            return
        connection.close()
        modele = _modele_sqlite(connection)
        provisoire = modele.with_name(f"{modele.name}.{os.getpid()}")
        _copier_sqlite(nom, provisoire)
        os.replace(provisoire, modele)
        for ancien in modele.parent.glob("test-modele-*.sqlite3"):
            if ancien != modele:
                ancien.unlink(missing_ok=True)
    elif connection.vendor == "postgresql":
        qn, modele = connection.ops.quote_name, _modele_pg(connection)
        connection.close()
        try:
            with connection._nodb_cursor() as curseur:
                if not _pg_existe(curseur, modele):
                    curseur.execute(f"CREATE DATABASE {qn(modele)} TEMPLATE "
                                    f"{qn(connection.settings_dict['NAME'])}")
                curseur.execute("SELECT datname FROM pg_database WHERE datname LIKE "
                                "'cpro\\_modele\\_%%' AND datname <> %s", [modele])
                for (ancien,) in curseur.fetchall():
                    curseur.execute(f"DROP DATABASE IF EXISTS {qn(ancien)}")
        except Exception:  # another worker made it first, or an old one is in use: not needed
            pass
