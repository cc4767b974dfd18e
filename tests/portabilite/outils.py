"""Rewriting an archive as an attacker would (members changed, added, truncated), or as
another installation would have written it (re-signed with this test's key)."""
import base64
import hashlib
import io
import json
import zipfile
from pathlib import Path

import jsonschema
from django.contrib.auth import get_user_model

from cpro_platform.etablissements.models import Etablissement
from cpro_platform.portabilite import cles
from cpro_platform.portabilite.specs import SPECS


def membres(octets: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(octets)) as z:
        return {n: z.read(n) for n in z.namelist()}


def zipper(contenu: dict[str, bytes]) -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as z:
        for nom, octets in contenu.items():
            z.writestr(nom, octets)
    return tampon.getvalue()


#: The published schema: every export a test reads is validated against it.
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" /
                     "parcours_archive.schema.json").read_text("utf-8"))


def parcours(octets: bytes) -> dict:
    """The archive's ``parcours.json``, checked against the published JSON Schema."""
    donnees = json.loads(membres(octets)["parcours.json"])
    jsonschema.validate(donnees, SCHEMA)
    return donnees


def _json(valeur) -> bytes:
    return json.dumps(valeur, ensure_ascii=False, sort_keys=True, indent=1).encode()


def resigner(octets: bytes, modifier=None, fichiers: dict[str, bytes] | None = None) -> bytes:
    """The archive with ``modifier(parcours)`` applied and ``fichiers`` replaced, manifest and
    signature made again (with this installation's key): a genuine archive with that content."""
    contenu = membres(octets)
    donnees = json.loads(contenu["parcours.json"])
    if modifier:
        modifier(donnees)
    contenu["parcours.json"] = _json(donnees)
    contenu.update(fichiers or {})
    autres = {n: o for n, o in contenu.items() if n not in ("manifeste.json", "signature.json")}
    manifeste = _json({n: hashlib.sha256(o).hexdigest() for n, o in autres.items()})
    signature, publique = cles.signer(manifeste)
    return zipper({**autres, "manifeste.json": manifeste, "signature.json": _json({
        "algorithme": "Ed25519", "cle_publique": base64.b64encode(publique).decode(),
        "empreinte": cles.empreinte(publique),
        "signature": base64.b64encode(signature).decode()})})


def comptes() -> dict[str, int]:
    """Rows of every model an import may write: a refusal leaves them all unchanged."""
    modeles = {spec.model for spec in SPECS} | {get_user_model(), Etablissement}
    return {m._meta.label: m._default_manager.count() for m in modeles}


def remplacer_partout(valeur, ancien, nouveau):
    """``valeur`` (JSON) with every occurrence of ``ancien`` replaced by ``nouveau``."""
    if valeur == ancien:
        return nouveau
    if isinstance(valeur, dict):
        return {k: remplacer_partout(v, ancien, nouveau) for k, v in valeur.items()}
    if isinstance(valeur, list):
        return [remplacer_partout(v, ancien, nouveau) for v in valeur]
    return valeur
