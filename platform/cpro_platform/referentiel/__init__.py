"""The referential data format, Django-free: schema, validation and loading.

Authors use it through ``python -m cpro_platform.referentiel``; the host uses :func:`load`.
"""
from .loader import Probleme, ReferentielInvalide, data_hash, load

__all__ = ["Probleme", "ReferentielInvalide", "data_hash", "load"]
