"""sync_referentiels with the installed plugins: a first run over tables that do not hold
them, and repeated runs (nothing changed).

The first run is measured inside a transaction that is rolled back, after renaming the
versions of the referentials already there (deleting them would hit the evaluations pointing
at them — the bench never deletes data it did not create).
"""
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat

from cpro_platform.plugins import get_plugin_manager
from cpro_platform.referentials.models import Referentiel
from cpro_platform.referentials.sync import sync_referentiels

from .sortie import figure
from .timing import measure


def run(say) -> None:
    pm = get_plugin_manager()
    sync_referentiels(pm)   # what `make migrate` does: the tables hold the plugins' data
    with transaction.atomic():
        Referentiel.objects.update(version=Concat("version", Value("~bench")))
        first, first_queries = measure(lambda: sync_referentiels(pm), repeat=1)
        transaction.set_rollback(True)
    again, again_queries = measure(lambda: sync_referentiels(pm))
    codes = ", ".join(f"{r.code} {r.version}" for r in Referentiel.objects.filter(
        actif=True).exclude(plugin="bench"))
    figure(say, "first referential sync", first * 1000, "ms",
           details=f"{first_queries} queries; {codes}")
    figure(say, "repeated referential sync (no change)", again * 1000, "ms",
           details=f"{again_queries} queries, median of 5")
