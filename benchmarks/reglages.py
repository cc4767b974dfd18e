"""Production settings plus the bench's query counter (``benchmarks.serveur``, compter=True).

The counter is the outermost middleware, so the queries of every other middleware (session,
access facts, authentication) are counted with the view's.
"""
from cpro_platform.settings.production import *  # noqa: F403
from cpro_platform.settings.production import MIDDLEWARE

MIDDLEWARE = ["benchmarks.requetes.CompteurDeRequetes", *MIDDLEWARE]
