"""The installation's Ed25519 key pair, which signs the archives it exports.

The private key is the PEM file named by the ``CPRO_PORTABILITE_CLE`` setting, or
``VAR_DIR/portabilite/cle_ed25519.pem``, generated on first use (readable by its owner only).
Its public key travels in every archive with its fingerprint; an importing installation shows
the fingerprint and, when ``CPRO_PORTABILITE_EMPREINTES`` lists some, accepts only those.
"""
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey, Ed25519PublicKey)
from django.conf import settings


def chemin_cle() -> Path:
    configure = getattr(settings, "CPRO_PORTABILITE_CLE", None)
    return Path(configure) if configure else Path(settings.VAR_DIR) / "portabilite" / \
        "cle_ed25519.pem"


def cle_privee() -> Ed25519PrivateKey:
    chemin = chemin_cle()
    if not chemin.exists():
        chemin.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())
        # Created owner-only and never overwritten (two processes racing: the first wins).
        try:
            descripteur = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descripteur, "wb") as fichier:
                fichier.write(pem)
    cle = serialization.load_pem_private_key(chemin.read_bytes(), password=None)
    if not isinstance(cle, Ed25519PrivateKey):
        raise ValueError(f"{chemin} is not an Ed25519 private key")
    return cle


def octets_publics(cle: Ed25519PublicKey) -> bytes:
    return cle.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def empreinte(publique: bytes) -> str:
    """SHA-256 of the raw public key, as 16 groups of 4 hex digits (read aloud on the phone)."""
    hexa = hashlib.sha256(publique).hexdigest()
    return ":".join(hexa[i:i + 4] for i in range(0, len(hexa), 4))


def signer(donnees: bytes) -> tuple[bytes, bytes]:
    """(signature, raw public key) of ``donnees`` with this installation's key."""
    cle = cle_privee()
    return cle.sign(donnees), octets_publics(cle.public_key())


def signature_valide(publique: bytes, signature: bytes, donnees: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(publique).verify(signature, donnees)
    except (InvalidSignature, ValueError):
        return False
    return True


def empreintes_de_confiance() -> list[str]:
    return [e.lower() for e in getattr(settings, "CPRO_PORTABILITE_EMPREINTES", [])]
