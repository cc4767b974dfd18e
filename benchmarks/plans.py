"""PostgreSQL query plans of the hottest reads at 10× the bench data (issue #11's scale plan).

    DATABASE_URL=postgres://… python -m benchmarks.plans [--etablissements 10]

Migrates, then builds (once: a rerun reuses the data) ``--etablissements`` copies of the
``make bench`` class — 30 learners × 3 years, 90 situations × 20 critères, every cell
evaluated then corrected — with ``benchmarks.livret.construire``, VACUUM ANALYZEs, and calls
the real read functions under ``CaptureQueriesContext``: the livret (``lire_livret``), the
class view (``lire_classe``), the access checks every livret/class request makes (page facts
and the scopes the objects are fetched from) and the grid's current values (``courantes``).
Each captured query is re-run alone (median of warm runs); the three that cost most are
EXPLAIN (ANALYZE, BUFFERS)ed, with and without the indexes of ``suivi`` 0003 (dropped in a
transaction that is rolled back, so the database is left as migrated).
"""
import argparse
import os
import statistics
import sys
import time
from typing import NamedTuple

#: One copy of the bench class is 108,000 evaluation rows.
PAR_ETABLISSEMENT = dict(apprenants=30, annees=3, situations_par_an=30, criteres=60,
                         par_situation=20)

#: The schema before ``suivi`` 0003, rebuilt inside a rolled-back transaction for "before".
AVANT_0003 = [
    "DROP INDEX evaluation_courante_apprenant",
    "CREATE INDEX evaluation_apprenant_cour ON suivi_evaluation (apprenant_id, courante)",
]


class Requete(NamedTuple):
    origine: str
    sql: str


def _refuser_sqlite() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("benchmarks.plans measures PostgreSQL query plans: set DATABASE_URL to a "
                 "PostgreSQL database (postgres://user@host:port/name): the scale plan is "
                 "about production's database, not SQLite. Got: "
                 + (url or "no DATABASE_URL"))


def construire_donnees(etablissements: int, say) -> None:
    import itertools

    from django.db import transaction

    from cpro_platform.etablissements.models import Etablissement

    from . import livret

    deja = Etablissement.objects.filter(nom__startswith="Lycée bench").count()
    if deja >= etablissements:
        say(f"reusing the {deja} bench establishments already built")
        return
    # construire numbers its establishments (UAI, usernames) from this counter: go on after
    # the ones an interrupted run left.
    livret._seq = itertools.count(deja + 1)
    for i in range(deja, etablissements):
        debut = time.perf_counter()
        with transaction.atomic():
            data = livret.construire(**PAR_ETABLISSEMENT)
        say(f"establishment {i + 1}: {data['evaluations']:,} evaluations "
            f"in {time.perf_counter() - debut:.0f} s")


def _vacuum_analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _sujets():
    """The last bench establishment's teacher, current class, a learner, a situation."""
    from cpro_platform.comptes.models import Role
    from cpro_platform.etablissements.models import Apprenant, Classe
    from cpro_platform.suivi.models import Situation

    classe = Classe.objects.filter(nom__contains="BENCH").order_by("-annee__debut", "-pk")[0]
    prof = Role.objects.filter(etablissement=classe.etablissement_id).first().user
    apprenant = Apprenant.objects.filter(inscriptions__classe=classe).order_by("pk")[0]
    situation = Situation.objects.filter(scenario__classe=classe).order_by("-pk")[0]
    return prof, classe, apprenant, situation


def capturer() -> list[Requete]:
    """Every query of the read functions, as the ORM sends it (parameters bound)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cpro_platform.acces.faits import faits_de_page
    from cpro_platform.acces.vues import objet_ou_404
    from cpro_platform.livret import perimetres as lp
    from cpro_platform.livret.classe import lire_classe
    from cpro_platform.livret.lecture import lire_livret
    from cpro_platform.suivi.grille import courantes

    prof, classe, apprenant, situation = _sujets()
    lectures = {
        "livret.lecture.lire_livret": lambda: lire_livret(apprenant),
        "livret.classe.lire_classe": lambda: lire_classe(classe),
        "acces: page facts (faits_de_page)": lambda: faits_de_page(prof),
        "acces: livret scope (apprenants_lisibles)":
            lambda: objet_ou_404(lp.apprenants_lisibles(prof), pk=apprenant.pk),
        "acces: class scope (classes_lisibles_detail)":
            lambda: objet_ou_404(lp.classes_lisibles_detail(prof), pk=classe.pk),
        "suivi.grille.courantes": lambda: courantes(situation),
    }
    out = []
    for origine, lire in lectures.items():
        # The log keeps 9,000 queries: once building the data filled it, a capture's slice
        # of it is empty.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as ctx:
            lire()
        out += [Requete(f"{origine} #{i}", q["sql"])
                for i, q in enumerate(ctx.captured_queries, 1)]
    return out


def chronometrer(sql: str, tours: int = 7) -> tuple[float, int]:
    """Median seconds of execute + fetchall over warm runs, and the rows returned."""
    from django.db import connection

    temps, lignes = [], 0
    with connection.cursor() as cursor:
        for _ in range(tours + 1):  # the first run warms the cache and is not counted
            debut = time.perf_counter()
            cursor.execute(sql)
            lignes = len(cursor.fetchall())
            temps.append(time.perf_counter() - debut)
    return statistics.median(temps[1:]), lignes


def expliquer(sql: str, avant: list[str] | None = None) -> list[str]:
    """EXPLAIN (ANALYZE, BUFFERS) of a warm run; with ``avant``, on the schema those
    statements make, in a transaction rolled back afterwards."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for instruction in avant or ():
            cursor.execute(instruction)
        for _ in range(2):  # the second run is the warm one
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = [ligne for (ligne,) in cursor.fetchall()]
        transaction.set_rollback(True)
    return plan


def _tailles(say) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT c.relname, pg_size_pretty(pg_relation_size(c.oid))
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND (c.relname = 'suivi_evaluation' OR c.oid IN (
                SELECT indexrelid FROM pg_index
                WHERE indrelid = 'suivi_evaluation'::regclass))
            ORDER BY pg_relation_size(c.oid) DESC""")
        for nom, taille in cursor.fetchall():
            say(f"  {taille:>8}  {nom}")


def _index_0003_present() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = "
                       "'evaluation_courante_apprenant'")
        return cursor.fetchone() is not None


def run(say, etablissements: int, chaudes: int = 3) -> None:
    from django.db import connection

    from cpro_platform.suivi.models import Evaluation

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        say(cursor.fetchone()[0])
    # Wall times on a shared machine: the load says how much to trust them.
    say("load average: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    construire_donnees(etablissements, say)
    _vacuum_analyze()
    say(f"{Evaluation.objects.count():,} evaluation rows; suivi_evaluation and its indexes:")
    _tailles(say)

    requetes = capturer()
    mesures = sorted(((chronometrer(r.sql), r) for r in requetes), key=lambda m: -m[0][0])
    say(f"\n{len(requetes)} queries captured, slowest first (median of 7 warm runs):")
    for (t, lignes), r in mesures:
        say(f"  {t * 1000:8.2f} ms {lignes:7,} rows  {r.origine}")

    avant = AVANT_0003 if _index_0003_present() else None
    for (t, lignes), r in mesures[:chaudes]:
        say(f"\n=== {r.origine}: {t * 1000:.2f} ms, {lignes:,} rows ===\n{r.sql}")
        if avant:
            say("--- before suivi 0003 (its index dropped, the old one rebuilt; rolled back)")
            say("\n".join(expliquer(r.sql, avant)))
            say("--- with suivi 0003")
        say("\n".join(expliquer(r.sql)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--etablissements", type=int, default=10,
                        help="copies of the bench class (108,000 evaluations each)")
    args = parser.parse_args()
    _refuser_sqlite()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpro_platform.settings.dev")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    run(print, args.etablissements)
    return 0


if __name__ == "__main__":
    sys.exit(main())
