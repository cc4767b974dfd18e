"""The bilan campaign page (class view with keyboard entry) for 30 learners × all compétences.

Reuses the livret benchmark's data (a 30-learner class followed over three years, > 100,000
evaluations), opens a campaign on it through the service (prefilled by the rules gateway), and
reports the page's query count on a small and on the large dataset — it must not grow, and the
issue's budget is 15 — with the median server time; and the time to open the campaign.
"""
import time

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cpro_platform.bilans.campagnes import ouvrir_campagne

from .livret import _page, donnees
from .sortie import figure
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


def run(say, petit: dict | None = None, grand: dict | None = None) -> None:
    if petit is None or grand is None:
        petit, grand = donnees()
    (_t, q_petit), _o, _c = campagne(petit)
    (t, q), ouverture, c = campagne(grand)
    apprenants, competences = c.bilans.count(), c.classe.referentiel.competences.count()
    constant = "constant" if q == q_petit else "GROWS"
    figure(say, f"campaign page, {apprenants} learners × {competences} compétences, queries",
           q, "queries", BUDGET, chiffres=0,
           details=f"small dataset {q_petit} ({constant}); test client")
    figure(say, "campaign page, server time (test client)", t * 1000, "ms",
           details="median of 5")
    figure(say, "opening a campaign of 30 learners", ouverture * 1000, "ms")
