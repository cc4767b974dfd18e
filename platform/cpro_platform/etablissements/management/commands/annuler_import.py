"""Undo an import run cut short (the worker died mid-run): ``manage.py annuler_import ID``.

A run that fails undoes itself; one whose process was killed stays "en cours" with the
batches it had committed. Their journal was committed with them, so they can be undone here.
"""
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cpro_platform.etablissements.imports.journal import Journal
from cpro_platform.etablissements.models import EtatImport, Importation


class Command(BaseCommand):
    help = "Undo what an interrupted import run wrote, and mark it failed."

    def add_arguments(self, parser):
        parser.add_argument("importation", type=int)

    def handle(self, *args, importation: int, **options):
        run = Importation.objects.filter(pk=importation).first()
        if run is None or run.etat != EtatImport.EN_COURS:
            raise CommandError(f"No running import {importation} (only a run left "
                               f"'{EtatImport.EN_COURS.label}' can be undone).")
        ecritures = run.ecritures.count()
        Journal.reprendre(run).annuler()
        Importation.objects.filter(pk=run.pk).update(
            etat=EtatImport.ECHOUE, contenu=b"", fin=timezone.now(), erreurs=[{
                "numero": None, "message": "Import interrompu : ce qu’il avait écrit a été "
                                           "annulé, rien n’a été importé."}])
        self.stdout.write(f"Import {importation}: {ecritures} writes undone.")
