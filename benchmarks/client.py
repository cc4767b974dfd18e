"""A minimal HTTP client for the bench (stdlib ``http.client``): one connection per request,
as gunicorn's sync workers close it after each response anyway."""
import http.client
import time
from dataclasses import dataclass

from .requetes import ENTETE

CSRF = "benchcsrf" * 3 + "abcde"   # 32 characters: an unmasked secret Django accepts


@dataclass
class Reponse:
    status: int
    entetes: dict
    corps: bytes
    secondes: float

    @property
    def requetes(self) -> int | None:
        valeur = self.entetes.get(ENTETE.lower())
        return int(valeur) if valeur is not None else None


class Client:
    def __init__(self, hote: str, session: str | None = None, timeout: float = 60):
        self.hote, self.timeout = hote, timeout
        cookies = [f"csrftoken={CSRF}"] + ([f"sessionid={session}"] if session else [])
        self.entetes = {"Host": hote, "Cookie": "; ".join(cookies),
                        "Accept-Language": "fr"}

    def requete(self, methode: str, chemin: str, corps: bytes | None = None,
                entetes: dict | None = None) -> Reponse:
        tous = {**self.entetes, **(entetes or {})}
        if methode == "POST":
            tous["X-CSRFToken"] = CSRF
        host, port = self.hote.split(":")
        debut = time.perf_counter()
        connexion = http.client.HTTPConnection(host, int(port), timeout=self.timeout)
        try:
            connexion.request(methode, chemin, body=corps, headers=tous)
            reponse = connexion.getresponse()
            contenu = reponse.read()
        finally:
            connexion.close()
        return Reponse(reponse.status, {k.lower(): v for k, v in reponse.getheaders()},
                       contenu, time.perf_counter() - debut)

    def get(self, chemin: str, entetes: dict | None = None) -> Reponse:
        return self.requete("GET", chemin, entetes=entetes)

    def post(self, chemin: str, corps: bytes, content_type: str,
             entetes: dict | None = None) -> Reponse:
        return self.requete("POST", chemin, corps, {"Content-Type": content_type,
                                                    **(entetes or {})})
