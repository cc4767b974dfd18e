"""Hold the database's write lock from another connection, as a long import batch would.

SQLite: ``BEGIN IMMEDIATE`` takes the one write lock, and this thread's connection gets a busy
timeout of ``attente`` seconds. PostgreSQL: an EXCLUSIVE lock on ``table`` (reads go on,
writes wait) and a ``lock_timeout`` of ``attente`` for this thread's connection.
Use with ``transactional_db``: a test wrapped in a transaction would hold the lock itself.
"""
from contextlib import contextmanager

from django.db import connection, connections


@contextmanager
def verrou_en_ecriture(table: str, attente: float = 0.2):
    autre = connections.create_connection("default")
    autre.set_autocommit(False)  # the lock lasts until the rollback below
    try:
        with autre.cursor() as cursor, connection.cursor() as ici:
            if connection.vendor == "sqlite":
                autre.connection.execute("BEGIN IMMEDIATE")
                ici.execute(f"PRAGMA busy_timeout = {int(attente * 1000)}")
            else:
                cursor.execute(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE')
                ici.execute(f"SET lock_timeout = '{int(attente * 1000)}ms'")
        yield
    finally:
        autre.rollback()
        autre.close()
        with connection.cursor() as ici:
            if connection.vendor == "sqlite":
                normale = connection.settings_dict["OPTIONS"].get("timeout", 5)
                ici.execute(f"PRAGMA busy_timeout = {int(normale * 1000)}")
            else:
                ici.execute("SET lock_timeout = 0")
