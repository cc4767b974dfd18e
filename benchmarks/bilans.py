"""The bilan campaign page (class view with keyboard entry) for 30 learners × all compétences.

Reuses the livret benchmark's data (a 30-learner class followed over three years, > 100,000
evaluations), opens a campaign on it through the service (prefilled by the rules gateway), and
reports the page's query count on a small and on the large dataset — it must not grow, and the
issue's budget is 15 — with the median server time; and the time to open the campaign.
"""
import time

from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cpro_platform.bilans.campagnes import ouvrir_campagne

from .livret import _page, construire
from .timing import measure

BUDGET = 15


def campagne(data) -> tuple:
    debut = time.perf_counter()
    campagne, _incidents = ouvrir_campagne(data["classe"], titre="Bilan bench",
                                           date=timezone.localdate(), auteur=data["prof"])
    ouverture = time.perf_counter() - debut
    client = Client()
    client.force_login(data["prof"])
    url = reverse("bilans:campagne", args=[campagne.pk])
    _page(client, url)()  # warm-up
    return measure(_page(client, url)), ouverture, campagne


def run(say) -> None:
    with transaction.atomic():
        petit = construire(apprenants=3, annees=1, situations_par_an=3, criteres=15,
                           par_situation=5)
        grand = construire(apprenants=30, annees=3, situations_par_an=30, criteres=60,
                           par_situation=20)
    (_t, q_petit), _o, _c = campagne(petit)
    (t, q), ouverture, c = campagne(grand)
    cases = c.bilans.count() * c.classe.referentiel.competences.count()
    verdict = "OK" if q == q_petit and q <= BUDGET else "OVER BUDGET"
    say(f"campaign page {c.bilans.count()} learners × "
        f"{c.classe.referentiel.competences.count()} compétences ({cases} cells): queries "
        f"small {q_petit} / large {q} (budget {BUDGET}: {verdict}); server {t * 1000:7.1f} ms "
        f"(median of 5); opening the campaign {ouverture * 1000:7.1f} ms")
