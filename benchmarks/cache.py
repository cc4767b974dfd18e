"""The livret page cache: a miss, a hit served from the server cache, and a 304.

On the data of ``benchmarks.livret`` (the 3-year learner of a 30-learner class, 90
situations), through the Django test Client and the real middleware, as the teacher:
median of 15 rounds, and the SQL queries of one. The throughput target of the livret
(≥ 200 req/s on 2 gunicorn workers, 2 cores) leaves ≤ 10 ms of CPU per request.

``python -m benchmarks.cache`` runs it alone; ``make bench`` runs it on its data.
"""
import statistics
import time

from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .sortie import figure

CIBLE_MS = 10.0
TOURS = 15


def _mesure(client: Client, url: str, attendu: int, **entetes) -> tuple[float, int]:
    temps, requetes = [], 0
    for _ in range(TOURS):
        with CaptureQueriesContext(connection) as ctx:
            debut = time.perf_counter()
            response = client.get(url, HTTP_HOST="localhost", **entetes)
            temps.append(time.perf_counter() - debut)
        assert response.status_code == attendu, (url, response.status_code)
        requetes = len(ctx.captured_queries)
    return statistics.median(temps) * 1000, requetes


def _premiere(client: Client, url: str) -> tuple[float, str]:
    caches["livret"].clear()
    debut = time.perf_counter()
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - debut) * 1000, response["ETag"]


def run(say, petit: dict | None = None, grand: dict | None = None) -> None:
    from .livret import construire  # models: after django.setup()

    data = grand
    if data is None:
        with transaction.atomic():
            data = construire(apprenants=30, annees=3, situations_par_an=30, criteres=60,
                              par_situation=20)
    client = Client()
    client.force_login(data["prof"])
    eleve = data["eleves"][0]
    pages = {"livret": reverse("livret:livret", args=[eleve.pk]),
             "class view": reverse("livret:classe", args=[data["classe"].pk]),
             "livret PDF": reverse("livret:livret_pdf", args=[eleve.pk])}
    client.get(pages["livret"], HTTP_HOST="localhost")  # warm-up (templates, plugins)
    for nom, url in pages.items():
        rate, etag = _premiere(client, url)
        touche, q_touche = _mesure(client, url, 200)
        revalide, q_revalide = _mesure(client, url, 304, HTTP_IF_NONE_MATCH=etag)
        for libelle, ms, q in (("cache hit 200", touche, q_touche),
                               ("cache hit 304", revalide, q_revalide)):
            figure(say, f"{nom} {libelle} (test client)", ms, "ms", CIBLE_MS,
                   details=f"{q} queries; miss {rate:.0f} ms; median of {TOURS}")


if __name__ == "__main__":
    import os
    import tempfile

    import django
    from django.core.management import call_command

    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpro_platform.settings.dev")
    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    run(print)
