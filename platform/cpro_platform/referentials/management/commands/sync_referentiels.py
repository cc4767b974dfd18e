import time

from django.core.management.base import BaseCommand, CommandError

from cpro_platform.plugins import PluginError, get_plugin_manager
from cpro_platform.conf import cpro_setting
from cpro_platform.referentiel.catalogue import CatalogueInvalide
from cpro_platform.referentials.sync import sync_referentiels


class Command(BaseCommand):
    help = "Copy the referentials provided by the installed plugins into the database."

    def add_arguments(self, parser):
        parser.add_argument("--strict", action="store_true",
                            help="Refuse referentials that contain provisional content.")

    def handle(self, *args, strict: bool = False, **options):
        started = time.perf_counter()
        try:
            pm = get_plugin_manager(allow=cpro_setting("PLUGINS_ALLOW"),
                                    block=cpro_setting("PLUGINS_BLOCK"))
            rapport = sync_referentiels(pm, strict=strict)
        except (PluginError, CatalogueInvalide) as exc:
            raise CommandError(f"Nothing was synchronised.\n{exc}") from exc
        elapsed = time.perf_counter() - started
        for title, labels in [("created", rapport.crees), ("updated", rapport.mis_a_jour),
                              ("reactivated", rapport.reactives),
                              ("deactivated (no longer provided)", rapport.desactives),
                              ("unchanged", rapport.inchanges)]:
            for label in labels:
                self.stdout.write(f"  {title}: {label}")
        summary = "changes applied" if rapport.changed else "no change"
        self.stdout.write(self.style.SUCCESS(f"sync_referentiels: {summary} ({elapsed:.2f} s)"))
