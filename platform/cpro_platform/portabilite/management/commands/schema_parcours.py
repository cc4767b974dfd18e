"""``manage.py schema_parcours > docs/parcours_archive.schema.json``: the published schema."""
import json

from django.core.management.base import BaseCommand

from cpro_platform.portabilite.schema import json_schema


class Command(BaseCommand):
    help = "Affiche le schéma JSON de parcours.json (le dossier portable d’un apprenant)."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2))
