"""Throughput: gunicorn with 2 workers and plain production settings, loaded from 127.0.0.1 by
a bounded client (``CONCURRENCE`` threads over ``http.client``, ``DUREE`` seconds, at most
``PLAFOND`` requests) — req/s, p50/p95 latency, errors.

The load generator shares the machine's two cores with the server: its own CPU time is printed
beside the figure (what it took from the server).
"""
import os
import threading
import time
from dataclasses import dataclass, field

from django.urls import reverse

from .client import Client
from .serveur import session_pour
from .sortie import echec, figure

DUREE, CONCURRENCE, PLAFOND = 30.0, 8, 200_000
CIBLE_LIVRET, CIBLE_API, CIBLE_FORMATION = 200, 400, 400


@dataclass
class Charge:
    latences: list = field(default_factory=list)
    erreurs: dict = field(default_factory=dict)
    duree: float = 0.0
    cpu: float = 0.0            # the load generator's
    cpu_serveur: float = 0.0    # gunicorn's (master and workers)

    @property
    def par_seconde(self) -> float:
        return len(self.latences) / self.duree if self.duree else 0.0

    def centile(self, p: float) -> float:
        if not self.latences:
            return 0.0
        ordonnees = sorted(self.latences)
        return ordonnees[min(len(ordonnees) - 1, int(p * len(ordonnees)))] * 1000


def charger(client: Client, chemin: str, attendu: int = 200, entetes: dict | None = None,
            duree: float = DUREE, concurrence: int = CONCURRENCE, serveur=None) -> Charge:
    """``concurrence`` threads GET ``chemin`` until ``duree`` has passed (or ``PLAFOND``
    requests); a status other than ``attendu`` or a network error counts as an error."""
    resultat, verrou = Charge(), threading.Lock()
    fin = time.monotonic() + duree
    compte = iter(range(PLAFOND))

    def boucle():
        while time.monotonic() < fin:
            with verrou:
                if next(compte, None) is None:
                    return
            try:
                reponse = client.get(chemin, entetes)
                cle = None if reponse.status == attendu else f"HTTP {reponse.status}"
            except OSError as erreur:
                cle = type(erreur).__name__
            with verrou:
                if cle is None:
                    resultat.latences.append(reponse.secondes)
                else:
                    resultat.erreurs[cle] = resultat.erreurs.get(cle, 0) + 1

    fils = [threading.Thread(target=boucle) for _ in range(concurrence)]
    cpu_serveur = serveur.cpu() if serveur else 0.0
    debut, cpu = time.perf_counter(), time.process_time()
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()
    resultat.duree, resultat.cpu = time.perf_counter() - debut, time.process_time() - cpu
    resultat.cpu_serveur = serveur.cpu() - cpu_serveur if serveur else 0.0
    return resultat


def _rapport(say, nom: str, charge: Charge, cible: float) -> None:
    erreurs = sum(charge.erreurs.values())
    servies = len(charge.latences) + erreurs
    capacite = ""
    if charge.cpu_serveur and servies:
        par_requete = charge.cpu_serveur / servies
        capacite = (f"; server CPU {par_requete * 1000:.1f} ms per request, i.e. at most "
                    f"{os.cpu_count() / par_requete:.0f} req/s on {os.cpu_count()} free cores")
    details = (f"p50 {charge.centile(0.5):.0f} ms, p95 {charge.centile(0.95):.0f} ms, "
               f"{len(charge.latences)} answered in {charge.duree:.0f} s, {erreurs} errors "
               f"{charge.erreurs or ''}; {CONCURRENCE} concurrent, load generator "
               f"{charge.cpu:.0f} s CPU{capacite}").replace(" errors ;", " errors;")
    if erreurs:
        details = "ERRORS — " + details
    figure(say, nom, charge.par_seconde, "req/s", cible, au_plus=False, details=details)
    if erreurs:
        say(f"{nom}, errors: {erreurs} (target 0) MISS")


def run(say, serveur, grand: dict, formation: bool = True, duree: float = DUREE) -> None:
    prof = Client(serveur.hote, session_pour(grand["prof"]))
    livret = reverse("livret:livret", args=[grand["eleves"][0].pk])
    premiere = prof.get(livret)
    say(f"throughput set-up: gunicorn {serveur.workers} workers, production settings, "
        f"load average {os.getloadavg()[0]:.1f}")
    _rapport(say, "livret throughput, teacher (200 path)",
             charger(prof, livret, duree=duree, serveur=serveur), CIBLE_LIVRET)
    etag = premiere.entetes.get("etag")
    if etag:
        _rapport(say, "livret throughput, teacher (If-None-Match: 304 path)",
                 charger(prof, livret, 304, {"If-None-Match": etag}, duree=duree,
                         serveur=serveur), CIBLE_LIVRET)
    else:
        say("livret throughput, 304 path: not measured (INFO) — the livret sends no ETag")
    _rapport(say, "learner API throughput, teacher (/api/apprenants/)",
             charger(prof, reverse("etablissements-api:apprenant-list"), duree=duree,
                     serveur=serveur),
             CIBLE_API)
    if formation:
        _rapport(say, "/formation/ throughput, anonymous",
                 charger(Client(serveur.hote), "/formation/", duree=duree, serveur=serveur),
                 CIBLE_FORMATION)
    else:
        echec(say, "/formation/ throughput", "this database has no Formation page (the bench "
              "creates it only in its own throw-away database)", f"≥ {CIBLE_FORMATION} req/s")
