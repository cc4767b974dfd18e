"""Let Django use SQLite's real bound-variable limit, so a whole grid inserts in one query.

Django 5.2 assumes the historical limit of 999 variables and splits a 600-cell ``bulk_create``
into seven INSERTs; SQLite ≥ 3.32 allows 32766 and Python reports the compiled value
(Django 6.0 reads it the same way). PostgreSQL needs nothing.
"""
import sqlite3

from django.db.backends.signals import connection_created


def _limite_reelle(sender, connection, **kwargs) -> None:
    if connection.vendor != "sqlite":
        return
    limite = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    connection.features.max_query_params = max(limite, 999)


def connecter() -> None:
    connection_created.connect(_limite_reelle, dispatch_uid="suivi.sqlite.limite_reelle")
