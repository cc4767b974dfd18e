"""Test settings: fast hashing, in-memory e-mail, a database from DATABASE_URL or SQLite."""
import os

from .base import *  # noqa: F403
from .base import SECRET_KEY, VAR_DIR

SECRET_KEY = SECRET_KEY or "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Evidence in memory, still without a URL (cpro_platform.suivi.stockage).
STORAGES["preuves"] = {"BACKEND": "cpro_platform.suivi.stockage.PreuvesEnMemoire"}
STORAGES["documents"] = {"BACKEND": "cpro_platform.bilans.stockage.DocumentsEnMemoire"}
# Tasks run at once, inside the request that queues them; tests/imports/test_execution.py also
# runs the database queue with a real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The livret's page cache in memory, per process (tests clear it: tests/conftest.py).
CACHES["livret"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",  # noqa: F405
                    "LOCATION": "livret", "OPTIONS": {"MAX_ENTRIES": 1000}}
VAR_DIR.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory, so tests with several threads see real locking; one
    # per process so that concurrent test runs never share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
    DATABASES["default"]["OPTIONS"]["init_command"] = (  # noqa: F405
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;")
