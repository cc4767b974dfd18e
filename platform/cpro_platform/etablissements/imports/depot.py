"""Uploads waiting for confirmation, kept in the session under a random token.

The confirmation page posts the token back; the stored content is analysed again before
anything is written, so an upload that became stale (the database changed meanwhile) or a
tampered form cannot commit unchecked data. Only a few uploads are kept per session.
"""
import base64
import secrets

CLE_SESSION = "imports_en_attente"
GARDES = 3


def deposer(session, *, etablissement: int, type: str, nom: str, contenu: bytes) -> str:
    token = secrets.token_urlsafe(16)
    attente = dict(session.get(CLE_SESSION, {}))
    for ancien in list(attente)[:-(GARDES - 1)] if len(attente) >= GARDES else []:
        del attente[ancien]
    attente[token] = {"etablissement": etablissement, "type": type, "nom": nom,
                      "contenu": base64.b64encode(contenu).decode("ascii")}
    session[CLE_SESSION] = attente
    return token


def reprendre(session, token: str, *, etablissement: int, type: str
              ) -> tuple[str, bytes] | None:
    """(file name, content) of the upload ``token`` for this establishment and kind, or None."""
    depot = session.get(CLE_SESSION, {}).get(token or "")
    if not depot or depot["etablissement"] != etablissement or depot["type"] != type:
        return None
    return depot["nom"], base64.b64decode(depot["contenu"])


def oublier(session, token: str) -> None:
    attente = dict(session.get(CLE_SESSION, {}))
    if attente.pop(token, None) is not None:
        session[CLE_SESSION] = attente
