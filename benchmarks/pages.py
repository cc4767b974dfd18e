"""The livret (teacher, learner viewing their own), the class view and a full grid save, over
HTTP against gunicorn with production settings (``benchmarks.serveur``).

Each page is measured alternately with its baseline — page, baseline, page, baseline… — so a
burst of load from the machine's other users hits both alike; medians over ``TOURS`` rounds.
The baseline is what the page must at least do: the raw SQL fetch of the same rows plus a
minimal hand-written HTML render of them (a string join of ``<td>``s), shown beside the fetch
alone. Query counts come from the server (``X-Bench-Requetes``, ``benchmarks.requetes``), on
the large dataset and on a small one: they must not grow.
"""
import html
import statistics
import time

from django.core.cache import caches
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from cpro_platform.suivi.envoi import corps_json

from cpro_platform.suivi.grille import courantes
from cpro_platform.suivi.models import Scenario, Situation

from .client import Client
from .livret import LIVRET_SQL, _classe_sql
from .serveur import session_pour
from .sortie import echec, figure

TOURS = 21
CIBLE_REQUETES, CIBLE_RATIO, CIBLE_GRILLE_MS = 15, 3.0, 300


def lire(sql: str, params: list) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def rendu_minimal(lignes: list) -> str:
    """The same cells as a bare HTML table, written by hand."""
    return "<table>" + "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in ligne) + "</tr>"
        for ligne in lignes) + "</table>"


def rendu_classe(lignes: list) -> str:
    """The class view's cells by hand: one row per learner, one cell per critère (its best
    current level standing in for the positioning rule)."""
    cases: dict = {}
    for apprenant, critere, _etat, niveau, _situation in lignes:
        ligne = cases.setdefault(apprenant, {})
        ligne[critere] = max(ligne.get(critere) or 0, niveau or 0)
    return "<table>" + "".join(
        f"<tr><th>{apprenant}</th>" + "".join(f"<td>{v}</td>" for v in ligne.values()) + "</tr>"
        for apprenant, ligne in cases.items()) + "</table>"


def _chrono(fn) -> float:
    debut = time.perf_counter()
    fn()
    return time.perf_counter() - debut


def alterner(page, references: dict, tours: int = TOURS) -> tuple[list, dict]:
    """``page(k)`` returns a Reponse; each reference is timed right after it, every round."""
    reponses, temps = [], {nom: [] for nom in references}
    for k in range(tours):
        reponses.append(page(k))
        for nom, reference in references.items():
            temps[nom].append(_chrono(lambda: reference(k)))
    return reponses, temps


def _mediane_ms(valeurs) -> float:
    return statistics.median(valeurs) * 1000


def _rapport_page(say, nom: str, reponses, temps, requetes_petit: int | None,
                  cpu: tuple | None = None) -> None:
    statuts = sorted({r.status for r in reponses})
    if statuts != [200]:
        echec(say, nom, f"HTTP {statuts} over {len(reponses)} requests",
              f"HTTP 200, ≤ {CIBLE_REQUETES} queries")
        return
    requetes = reponses[-1].requetes
    constant = "" if requetes_petit is None else (
        f"; small dataset {requetes_petit} "
        f"({'constant' if requetes_petit == requetes else 'GROWS'})")
    figure(say, f"{nom}, queries", requetes, "queries", CIBLE_REQUETES, chiffres=0,
           details=f"counted by the server{constant}")
    page = _mediane_ms(r.secondes for r in reponses)
    base, brut = _mediane_ms(temps["baseline"]), _mediane_ms(temps["fetch"])
    processeur = "" if cpu is None else (
        f"; CPU per round: server {cpu[0] * 1000:.0f} ms, this process (client + baseline) "
        f"{cpu[1] * 1000:.0f} ms")
    figure(say, f"{nom} / baseline", page / base, "×", CIBLE_RATIO, details=(
        f"page {page:.1f} ms, baseline (fetch + HTML) {base:.2f} ms, fetch alone {brut:.2f} ms "
        f"(page / fetch {page / brut:.1f}×), medians of {len(reponses)} alternated rounds, "
        f"{len(reponses[-1].corps) // 1024} KiB{processeur}"))


def page_et_base(say, nom: str, client: Client, url: str, sql: str, params: list,
                 client_petit: Client | None = None, url_petit: str | None = None,
                 rendu=rendu_minimal, serveur=None) -> None:
    """The page built (the server's page cache emptied before every request: a first view,
    or the first after a write), then served again from it (the same reader, no write)."""
    for cas, vider in (("built", True), ("cached", False)):
        def get(c: Client, u: str):
            if vider:
                caches["livret"].clear()   # the files the server's workers share
            return c.get(u)
        requetes_petit = None
        if client_petit is not None:
            get(client_petit, url_petit)
            requetes_petit = get(client_petit, url_petit).requetes
        get(client, url)   # warm-up: templates, plugin manager, the worker's connection
        cpu_serveur = serveur.cpu() if serveur else None
        cpu_ici = time.process_time()
        reponses, temps = alterner(lambda k: get(client, url), {
            "baseline": lambda k: rendu(lire(sql, params)),
            "fetch": lambda k: lire(sql, params)})
        cpu = None
        if serveur:
            cpu = ((serveur.cpu() - cpu_serveur) / len(reponses),
                   (time.process_time() - cpu_ici) / len(reponses))
        _rapport_page(say, f"{nom}, {cas}", reponses, temps, requetes_petit, cpu)


def corps_grille(valeurs: dict, versions: dict) -> tuple[str, bytes]:
    """The grid save's body as ``grille.js`` posts it: the changed cells as one JSON body
    (codes by (apprenant, critère) and the versions they were read at)."""
    return "application/json", corps_json(valeurs, versions)


def ecriture_brute(situation, auteur, cellules: list, niveau: int) -> None:
    """What a save must at least do, by hand: read the current versions, supersede them and
    insert the new values, in one transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT apprenant_id, critere_id, version FROM suivi_evaluation "
                       "WHERE situation_id = %s AND courante = %s", [situation.pk, True])
        versions = {(a, c): v for a, c, v in cursor.fetchall()}
        cursor.execute("UPDATE suivi_evaluation SET courante = %s WHERE situation_id = %s "
                       "AND courante = %s", [False, situation.pk, True])
        maintenant = timezone.now()
        cursor.executemany(
            "INSERT INTO suivi_evaluation (situation_id, apprenant_id, critere_id, etat, "
            "niveau, commentaire, preuve, preuve_nom, preuve_type, version, courante, "
            "auteur_id, saisie_le) VALUES (%s, %s, %s, %s, %s, '', '', '', '', %s, %s, %s, %s)",
            [(situation.pk, a, c, "evalue", niveau, versions.get((a, c), 0) + 1, True,
              auteur.pk, maintenant) for a, c in cellules])


def grille(say, data, client: Client, apprenants: int = 30, criteres: int = 20) -> None:
    """Save a whole ``apprenants`` × ``criteres`` grid over HTTP, every cell changed."""
    classe = data["classe"]
    scenario = Scenario.objects.create(classe=classe, referentiel_id=classe.referentiel_id,
                                       titre="Grille HTTP")
    situation = Situation.objects.create(scenario=scenario, titre="TP grille HTTP",
                                         debut=timezone.localdate())
    situation.criteres.set(data["criteres"][:criteres])
    cellules = [(e.pk, c.pk) for e in data["eleves"][:apprenants]
                for c in data["criteres"][:criteres]]
    url = reverse("suivi:grille_enregistrer", args=[situation.pk])

    def enregistrer(k):
        versions = {cellule: e.version for cellule, e in courantes(situation).items()}
        content_type, corps = corps_grille(dict.fromkeys(cellules, str(1 + k % 4)), versions)
        return client.post(url, corps, content_type, {"HX-Request": "true"})

    reponses, temps = alterner(enregistrer, {"baseline": lambda k: ecriture_brute(
        situation, data["prof"], cellules, 1 + (k + 2) % 4)}, tours=15)
    nom = f"grid save over HTTP, {apprenants} × {criteres} (every cell changed)"
    statuts = {s: sum(1 for r in reponses if r.status == s) for s in {r.status for r in reponses}}
    if set(statuts) != {200}:
        taille = len(corps_grille(dict.fromkeys(cellules, "1"), {})[1]) // 1024
        echec(say, nom, f"HTTP statuses {statuts} (a {taille} KiB body, {len(cellules)} cells)",
              f"HTTP 200, ≤ {CIBLE_GRILLE_MS} ms")
        return
    page = _mediane_ms(r.secondes for r in reponses)
    base = _mediane_ms(temps["baseline"])
    figure(say, nom, page, "ms", CIBLE_GRILLE_MS, details=(
        f"{reponses[-1].requetes} queries; raw SQL write of the same cells {base:.1f} ms "
        f"(page / raw {page / base:.1f}×), medians of {len(reponses)} alternated rounds"))


def run(say, serveur, petit: dict, grand: dict) -> None:
    prof = Client(serveur.hote, session_pour(grand["prof"]))
    eleve = Client(serveur.hote, session_pour(grand["apprenant_compte"]))
    prof_petit = Client(serveur.hote, session_pour(petit["prof"]))
    eleve_petit = Client(serveur.hote, session_pour(petit["apprenant_compte"]))
    premier, premier_petit = grand["eleves"][0], petit["eleves"][0]
    livret = reverse("livret:livret", args=[premier.pk])
    livret_petit = reverse("livret:livret", args=[premier_petit.pk])
    page_et_base(say, "livret, teacher (HTTP)", prof, livret, LIVRET_SQL, [premier.pk],
                 prof_petit, livret_petit, serveur=serveur)
    page_et_base(say, "livret, learner viewing their own (HTTP)", eleve, livret, LIVRET_SQL,
                 [premier.pk], eleve_petit, livret_petit, serveur=serveur)
    page_et_base(say, "class view, teacher (HTTP)", prof,
                 reverse("livret:classe", args=[grand["classe"].pk]), *_classe_sql(grand),
                 prof_petit, reverse("livret:classe", args=[petit["classe"].pk]),
                 rendu=rendu_classe, serveur=serveur)
    grille(say, grand, prof)
