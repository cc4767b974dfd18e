"""A large learner import (the pentest's 50,000-row CSV) against other people's saves.

    python -m benchmarks.imports [--lignes 50000]

Measures the upload and its preview (time, page size), the background run in the worker
(``db_worker``'s loop, in a thread, as ``make run`` runs it beside the server) and, during
the run, a teacher's grid save (htmx) every half second: each must answer 200, none 500.
On SQLite (the default, a throw-away file) or DATABASE_URL. Beyond the product's limit of
``lecture.LIGNES_MAX`` rows the limit is raised for the measure (the file is then refused
by the application, in under a second).
"""
import argparse
import os
import sys
import tempfile
import threading
import time

from .sortie import figure


def _preparer(n: int):
    from tests import factories as f
    from tests.suivi import factories as sf

    from cpro_platform.comptes.models import TypeRole

    grille = sf.grille(apprenants=3, nb_criteres=3)
    etab, classe = grille.situation.classe.etablissement, grille.situation.classe
    admin = f.personne("admin.bench")
    f.role(admin, etab, TypeRole.ADMINISTRATEUR)
    lignes = ["INE;Nom;Prénom;Date de naissance;Division;Statut"] + [
        f"{i:09d}BN;NOM{i};Prénom{i};01/02/2008;{classe.nom};scolaire" for i in range(1, n + 1)]
    return grille, etab, admin, ("\n".join(lignes) + "\n").encode()


def _client(user):
    from django.test import Client

    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    client.force_login(user)
    return client


def run(say, n: int = 5_000) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings
    from django.urls import reverse
    from django_tasks_db.management.commands.db_worker import Worker

    from cpro_platform.etablissements.imports import lecture
    from cpro_platform.etablissements.models import Apprenant, Importation

    lecture.LIGNES_MAX = max(lecture.LIGNES_MAX, n)
    grille, etab, admin, contenu = _preparer(n)
    say(f"file: {n} rows, {len(contenu) / 1e6:.1f} MB")
    client = _client(admin)
    debut = time.perf_counter()
    depot = client.post(reverse("imports:importer", args=[etab.pk, "apprenants"]),
                        {"fichier": SimpleUploadedFile("eleves.csv", contenu)})
    upload = time.perf_counter() - debut
    debut = time.perf_counter()
    apercu = client.get(depot["Location"])
    affichage = time.perf_counter() - debut
    figure(say, f"import of {n} rows, upload + analysis", upload, "s", chiffres=2,
           details=f"HTTP {depot.status_code}")
    figure(say, "import preview page", affichage, "s", chiffres=2,
           details=f"{len(apercu.content) / 1024:.0f} KB, HTTP {apercu.status_code}")
    importation = Importation.objects.latest("pk")

    prof = _client(grille.enseignant)
    url = reverse("suivi:grille_enregistrer", args=[grille.situation.pk])
    cles = [f"{a.pk}-{c.pk}" for a in grille.apprenants for c in grille.criteres]
    saves, versions = [], dict.fromkeys(cles, 0)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        client.post(reverse("imports:confirmer", args=[etab.pk, importation.pk]))
        worker = threading.Thread(target=Worker(
            queue_names=["default"], interval=0, batch=True, backend_name="default",
            startup_delay=False, max_tasks=None, worker_id="bench",
            excluded_queue_names=[]).run)
        debut = time.perf_counter()
        worker.start()
        i = 0
        while worker.is_alive():
            cle = cles[i % len(cles)]
            t = time.perf_counter()
            r = prof.post(url, {f"c-{cle}": str(1 + i % 4), f"v-{cle}": versions[cle]},
                          HTTP_HX_REQUEST="true")
            saves.append((r.status_code, time.perf_counter() - t))
            if r.status_code == 200:
                versions[cle] += 1
            i += 1
            time.sleep(0.5)
        worker.join()
        total = time.perf_counter() - debut
    importation.refresh_from_db()
    figure(say, f"import of {n} rows, commit in the worker", total, "s",
           details=f"state {importation.etat}, "
                   f"{Apprenant.objects.filter(ine__endswith='BN').count()} learners written")
    codes = {code: sum(1 for c, _t in saves if c == code) for code, _t in saves}
    refus = sum(n for code, n in codes.items() if code != 200)
    figure(say, "grid saves refused during the import's commit", refus, "saves", 0,
           chiffres=0, details=f"{len(saves)} saves, statuses {codes}, slowest "
                               f"{max((t for _c, t in saves), default=0):.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lignes", type=int, default=5_000)
    lignes = parser.parse_args().lignes
    if "DATABASE_URL" not in os.environ:
        dossier = tempfile.mkdtemp(prefix="cpro-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{dossier}/bench.sqlite3"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpro_platform.settings.dev")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    run(print, lignes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
