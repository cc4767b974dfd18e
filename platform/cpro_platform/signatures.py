"""Signatures of documents signed on screen (PFMP attestation and bilan, apprenticeship reviews).

A signature records who signed, in which capacity, when, the name they typed, and a fingerprint
of what they saw: if the document changes afterwards, its page shows the signature as made on an
earlier version instead of silently carrying it over. Each app keeps its own concrete model (a
foreign key to what is signed), so access stays checked through that object.
"""
import hashlib
import json
from collections.abc import Mapping

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def empreinte(contenu: Mapping) -> str:
    """SHA-256 of the canonical JSON of ``contenu`` (keys sorted, dates as ISO strings)."""
    texte = json.dumps(contenu, sort_keys=True, ensure_ascii=False, default=str,
                       separators=(",", ":"))
    return hashlib.sha256(texte.encode()).hexdigest()


class Signature(models.Model):
    signataire = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("signataire"))
    #: The name as typed by the signatory when signing.
    nom = models.CharField(_("nom saisi"), max_length=200)
    signe_le = models.DateTimeField(_("signé le"), default=timezone.now)
    #: ``empreinte()`` of the document's content when signed.
    empreinte = models.CharField(_("empreinte du document signé"), max_length=64)

    class Meta:
        abstract = True
        ordering = ["signe_le"]

    def porte_sur(self, contenu: Mapping) -> bool:
        """Whether this signature was made on exactly ``contenu``."""
        return self.empreinte == empreinte(contenu)
