"""Where evidence files live: a storage of their own, with no URL at all.

``MEDIA_ROOT`` is public (``static(MEDIA_URL)`` serves it under DEBUG, a web server may serve
it in production), so evidence never goes there. Django's storages fall back to
``MEDIA_URL`` when they have no ``base_url``; these refuse to make a URL instead, so nothing
can link to a file except the permission-checked view ``suivi:preuve``.
"""
from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages

#: The ``STORAGES`` alias of the evidence storage.
ALIAS = "preuves"


class SansUrl:
    def url(self, name):
        raise ValueError("Evidence files have no URL: serve them through suivi:preuve.")


class PreuvesSurDisque(SansUrl, FileSystemStorage):
    """Evidence on disk, in a folder outside MEDIA_ROOT (settings: ``VAR_DIR/prive``)."""


class PreuvesEnMemoire(SansUrl, InMemoryStorage):
    """Evidence in memory, for tests."""


def stockage_preuves():
    """The evidence storage (the FileField's ``storage`` callable, so migrations name it)."""
    return storages[ALIAS]
