"""Build the demo data in code. Idempotent: running it twice duplicates nothing."""
import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

#: Each step is a module with ``build(stdout) -> list[(role, login, password)]``; features
#: add theirs here, in dependency order.
DEMO_STEPS = [
    "cpro_platform.home.demo",
    "cpro_platform.etablissements.demo",
    "resources_site.demo",
    "training_site.demo",
    "cpro_platform.livret.demo",
    "cpro_platform.pfmp.demo",
    "cpro_platform.apprentissage.demo",
    "cpro_platform.bilans.demo",
    "cpro_platform.certification.demo",
    # After the PFMP demo: the sheets go on its placements.
    "cpro_platform.activites.demo",
]


class Command(BaseCommand):
    help = "Load the demo establishment, people, activities and CMS content (idempotent)."

    def handle(self, *args, **options):
        logins = []
        with transaction.atomic():
            for dotted in DEMO_STEPS:
                logins += importlib.import_module(dotted).build(self.stdout) or []
        self.stdout.write(self.style.SUCCESS("Demo data ready. Logins:"))
        for role, login, password in logins:
            self.stdout.write(f"  {role}: {login} / {password}")
