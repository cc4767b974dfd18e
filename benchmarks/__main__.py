"""Run every benchmark: on a throw-away SQLite database, or on DATABASE_URL when set.

On DATABASE_URL the database may hold real data: the bench adds uniquely named rows of its
own, records them (``benchmarks.jetable``) and deletes them at the end, also on failure;
nothing it did not create is deleted. The HTTP figures run the real application under gunicorn
with production settings on the same database (``benchmarks.serveur``).
"""
import io
import os
import secrets
import sys
import tempfile
import time
import traceback
from pathlib import Path


def _formation_presente(base_jetable: bool) -> bool:
    """/formation/ needs the Formation page tree: built (as the demo does) only in the bench's
    own throw-away database, never added to someone else's."""
    from training_site.models import FormationIndexPage

    if FormationIndexPage.objects.live().exists():
        return True
    if not base_jetable:
        return False
    from django.test import override_settings

    from training_site import demo

    # Wagtail's own tasks (reference index) run now, not queued for the bench's worker.
    with override_settings(TASKS={"default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}):
        demo.build(io.StringIO())
    return True


def _migrer(base_jetable: bool) -> None:
    """Migrate; a throw-away SQLite file starts as a copy of the migrated empty database kept
    in var/ under the migrations' hash (``tests/base_modele.py``): minutes saved per run."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from tests.base_modele import _copier_sqlite, cle

    modele, fichier = None, Path(settings.DATABASES["default"]["NAME"])
    if base_jetable and connection.vendor == "sqlite" and not fichier.exists():
        modele = Path(settings.VAR_DIR) / f"bench-modele-{cle(connection)}.sqlite3"
        if modele.exists():
            _copier_sqlite(modele, fichier)
    call_command("migrate", verbosity=0, interactive=False)
    if modele is not None and not modele.exists():
        connection.close()
        _copier_sqlite(fichier, modele)


def main() -> int:
    # The bench's own database (a temporary file, or benchmarks/postgres_temporaire.sh's):
    # only there does it add what it needs beyond its own rows (the Formation pages).
    base_jetable = ("DATABASE_URL" not in os.environ
                    or os.environ.get("CPRO_BENCH_BASE_JETABLE") == "1")
    if "DATABASE_URL" not in os.environ:
        dossier = tempfile.mkdtemp(prefix="cpro-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{dossier}/bench.sqlite3"
    # The server processes share this secret: the sessions written here must verify there.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
    os.environ["DEBUG"] = "0"
    # The collected static files the server uses (benchmarks.serveur), here too.
    os.environ.setdefault("STATIC_ROOT", str(Path(__file__).resolve().parent.parent / "var"
                                             / "bench-static"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpro_platform.settings.dev")
    import django
    from django.db import connection

    django.setup()
    debut = time.perf_counter()
    say = print
    charge = os.getloadavg()
    say(f"== make bench on {connection.vendor} ({'throw-away' if base_jetable else 'DATABASE_URL'}"
        f"), load average at start {charge[0]:.2f} / {charge[1]:.2f} / {charge[2]:.2f} "
        f"(1/5/15 min), {os.cpu_count()} cores ==")
    _migrer(base_jetable)
    from . import (bilans, cache, certification_commission, certification_grilles, debit,
                   documents, livret, pages, sync)
    from .jetable import Trace
    from .serveur import Serveur, collecter_statiques

    print("== sync ==")
    sync.run(say)
    formation = _formation_presente(base_jetable)
    collecter_statiques()
    trace, echecs = Trace().ouvrir(), []
    try:
        print("== data ==")
        petit, grand = livret.donnees()
        livret.decrire(say, petit, grand)
        print("== pages over HTTP (gunicorn, production settings, 2 workers) ==")
        with Serveur(workers=2, compter=True) as serveur:
            pages.run(say, serveur, petit, grand)
        print("== throughput (gunicorn, production settings, 2 workers) ==")
        with Serveur(workers=2, compter=False) as serveur:
            debit.run(say, serveur, grand, formation=formation)
        for nom, bench, args in (("livret (in process)", livret, (petit, grand)),
                                 ("page cache (in process)", cache, (petit, grand)),
                                 ("bilans", bilans, (petit, grand)),
                                 ("documents", documents, ()),
                                 ("certification_grilles", certification_grilles, ()),
                                 ("certification_commission", certification_commission, ())):
            print(f"== {nom} ==")
            try:
                bench.run(say, *args)
            except Exception as erreur:   # one bench failing leaves the others' figures
                echecs.append(nom)
                say(f"{nom}: none (target: runs) MISS — {type(erreur).__name__}: {erreur}")
                traceback.print_exc()
    finally:
        debut_menage = time.perf_counter()
        supprimees = trace.nettoyer()
        say(f"clean-up: {supprimees} rows the bench created deleted in "
            f"{time.perf_counter() - debut_menage:.0f} s; nothing else touched")
    say(f"bench total: {time.perf_counter() - debut:.0f} s wall, "
        f"{time.process_time():.0f} s CPU in this process, load average now "
        f"{os.getloadavg()[0]:.2f}" + (f"; FAILED: {', '.join(echecs)}" if echecs else ""))
    return 1 if echecs else 0


if __name__ == "__main__":
    sys.exit(main())
