"""Where generated documents (exports made in the background) live: a storage without URL.

Like the evidence (``suivi.stockage``), they hold learners' data: never under ``MEDIA_ROOT``,
never linked to directly; only the permission-checked view ``exports:lot_telecharger``
serves them.
"""
from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages

from cpro_platform.suivi.stockage import SansUrl

#: The ``STORAGES`` alias of the documents storage.
ALIAS = "documents"


class DocumentsSansUrl(SansUrl):
    def url(self, name):
        raise ValueError("Generated documents have no URL: serve them through "
                         "exports:lot_telecharger.")


class DocumentsSurDisque(DocumentsSansUrl, FileSystemStorage):
    """Documents on disk, in a folder outside MEDIA_ROOT (settings: ``VAR_DIR/prive``)."""


class DocumentsEnMemoire(DocumentsSansUrl, InMemoryStorage):
    """Documents in memory, for tests."""


def stockage_documents():
    """The documents storage (the FileField's ``storage`` callable, so migrations name it)."""
    return storages[ALIAS]
