"""sync_referentiels with the installed plugins: first (empty tables) and repeated runs."""
from cpro_platform.plugins import get_plugin_manager
from cpro_platform.referentials.models import Referentiel
from cpro_platform.referentials.sync import sync_referentiels

from .timing import measure


def run(say) -> None:
    pm = get_plugin_manager()
    Referentiel.objects.all().delete()
    first, first_queries = measure(lambda: sync_referentiels(pm), repeat=1)
    again, again_queries = measure(lambda: sync_referentiels(pm))
    codes = ", ".join(f"{r.code} {r.version}" for r in Referentiel.objects.filter(actif=True))
    say(f"referentials: {codes}")
    say(f"first sync:    {first * 1000:8.1f} ms, {first_queries} queries")
    say(f"repeated sync: {again * 1000:8.1f} ms, {again_queries} queries (median of 5, no change)")
