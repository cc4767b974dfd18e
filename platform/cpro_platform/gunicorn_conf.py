"""gunicorn settings of ``make serve`` (``gunicorn -c python:cpro_platform.gunicorn_conf``).

Every value can be overridden from the environment: ``BIND`` (127.0.0.1:8000),
``WEB_CONCURRENCY`` (workers: 2 × cores + 1), ``GUNICORN_THREADS`` (1), ``GUNICORN_TIMEOUT``
(60 s: long work runs in the task worker, never in a request).
"""
import gc
import multiprocessing
import os

wsgi_app = "cpro_platform.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Django, Wagtail and the referential plugins are imported once in the master, then shared
# copy-on-write by the forked workers.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# The client address as the proxy saw it is read by securite.adresses (CPRO_PROXIES), not here.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    # The objects loaded at start-up never die: moving them out of the collector's generations
    # keeps each collection from walking them again, and keeps their pages shared after fork
    # (the collector would otherwise write to every object's header and copy the page).
    gc.freeze()
