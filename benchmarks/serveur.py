"""The real application under gunicorn, for the bench: production settings, DEBUG off.

``Serveur`` starts ``gunicorn -c python:cpro_platform.gunicorn_conf`` (the repository's own
configuration: preload, ``gc.freeze()``) on 127.0.0.1 and a free port, on the database the
bench built (its ``DATABASE_URL``), waits until it answers, and stops it — also when the bench
fails — with SIGTERM, then SIGKILL after a grace period. Static files are collected once
(``var/bench-static``) so the manifest storage of production finds them.

``compter=True`` runs ``benchmarks.reglages`` (production + a middleware that returns each
request's SQL query count in ``X-Bench-Requetes``); the throughput figures run plain
``cpro_platform.settings.production``.

Signing in: ``session_pour(user)`` writes a session row as ``django.contrib.auth.login`` would
(user id, backend, password hash) and returns the cookie value; every request then goes
through the real session, authentication and access middleware.
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
PRODUCTION = "cpro_platform.settings.production"
AVEC_COMPTEUR = "benchmarks.reglages"


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environnement(reglages: str, **extra) -> dict:
    """What the server process gets: this process's database and secret, production rules."""
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": reglages, "DEBUG": "0", "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(RACINE / "var" / "bench-static"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(RACINE), env.get("PYTHONPATH")])),
    })
    env.update(extra)
    return env


def _statiques_a_jour(racine: Path) -> bool:
    """Collected after every change of a source file (collecting post-processes ~8,000 files:
    minutes on a loaded machine, so it is done only when something changed)."""
    from django.contrib.staticfiles import finders

    manifeste = racine / "staticfiles.json"
    if not manifeste.exists():
        return False
    recent = max((stockage.path(chemin) for finder in finders.get_finders()
                  for chemin, stockage in finder.list([])), key=os.path.getmtime)
    return os.path.getmtime(recent) < manifeste.stat().st_mtime


def collecter_statiques() -> None:
    if _statiques_a_jour(Path(environnement(PRODUCTION)["STATIC_ROOT"])):
        return
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity",
                    "0"], cwd=RACINE, env=environnement(PRODUCTION), check=True)


class Serveur:
    def __init__(self, *, workers: int = 2, compter: bool = True):
        self.port = port_libre()
        self.workers = workers
        self.reglages = AVEC_COMPTEUR if compter else PRODUCTION
        self.process = None
        self.journal = tempfile.NamedTemporaryFile(prefix="cpro-bench-gunicorn-",
                                                   suffix=".log", delete=False)

    @property
    def hote(self) -> str:
        return f"127.0.0.1:{self.port}"

    def demarrer(self, attente: float = 60) -> "Serveur":
        gunicorn = Path(sys.executable).with_name("gunicorn")
        env = environnement(self.reglages, BIND=self.hote, WEB_CONCURRENCY=str(self.workers),
                            GUNICORN_ACCESS_LOG="/dev/null")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", "python:cpro_platform.gunicorn_conf"], cwd=RACINE, env=env,
            stdout=self.journal, stderr=subprocess.STDOUT, start_new_session=True)
        fin = time.monotonic() + attente
        while time.monotonic() < fin:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start-up:\n{self._fin_journal()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                    if s.recv(12).startswith(b"HTTP/1."):
                        return self
            except OSError:
                time.sleep(0.3)
        self.arreter()
        raise RuntimeError(f"gunicorn did not answer within {attente} s:\n{self._fin_journal()}")

    def cpu(self) -> float:
        """CPU seconds used so far by gunicorn's processes (master and workers: its process
        group), from /proc: what the server costs, whatever the machine's other load."""
        tic = os.sysconf("SC_CLK_TCK")
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                champs = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(champs[2]) == self.process.pid:   # field 5, pgrp
                total += int(champs[11]) + int(champs[12])   # utime, stime
        return total / tic

    def _fin_journal(self) -> str:
        self.journal.flush()
        return Path(self.journal.name).read_text(errors="replace")[-3000:]

    def arreter(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)   # its own session: master and workers
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self) -> "Serveur":
        return self.demarrer()

    def __exit__(self, *exc) -> None:
        self.arreter()
        self.journal.close()
        os.unlink(self.journal.name)


def session_pour(user) -> str:
    """A signed-in session for ``user``, as ``login()`` stores it; the cookie's value."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key
