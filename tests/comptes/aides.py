"""What the magic-link tests share: the address a tutor receives, opened by a browser."""
import threading

from django.db import connection
from django.test import Client
from django.urls import reverse
from sesame.utils import get_query_string

from cpro_platform.comptes.models import LienMagique


def url(lien: LienMagique) -> str:
    """The path (with its token) that the e-mail carries."""
    return reverse("comptes:lien", args=[lien.pk]) + get_query_string(lien.user,
                                                                      scope=lien.scope)


def mes_apprenants(client: Client) -> int:
    """Status of the tutor's home page: 200 while the session holds, 302 once signed out."""
    return client.get(reverse("etablissements:mes_apprenants")).status_code


def ouvrir_en_parallele(clients: list[Client], chemin: str) -> list[int]:
    """Every client opens ``chemin`` at the same instant (one thread each, released together);
    the statuses, in completion order. Any exception in a thread fails the caller."""
    depart = threading.Barrier(len(clients))
    statuts, erreurs = [], []

    def ouvrir(client):
        try:
            depart.wait()
            statuts.append(client.get(chemin).status_code)
        except Exception as exc:  # noqa: BLE001 — reported below
            erreurs.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=ouvrir, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert erreurs == []
    return statuts
