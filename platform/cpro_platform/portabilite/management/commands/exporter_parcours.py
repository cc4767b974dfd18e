"""``manage.py exporter_parcours --apprenant ID --out FILE``: a learner's signed archive."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cpro_platform.etablissements.models import Apprenant
from cpro_platform.portabilite import archive, cles


class Command(BaseCommand):
    help = "Exporte le dossier complet d’un apprenant dans une archive signée (ZIP)."

    def add_arguments(self, parser):
        parser.add_argument("--apprenant", required=True,
                            help="identifiant (nombre) ou INE de l’apprenant")
        parser.add_argument("--out", required=True, type=Path, help="fichier .zip à écrire")

    def handle(self, *args, apprenant, out, **options):
        trouve = Apprenant.objects.filter(ine=apprenant).first()
        if trouve is None and apprenant.isdigit():
            trouve = Apprenant.objects.filter(pk=int(apprenant)).first()
        if trouve is None:
            raise CommandError(f"Aucun apprenant « {apprenant} » (identifiant ou INE).")
        out.write_bytes(archive.exporter(trouve))
        publique = cles.octets_publics(cles.cle_privee().public_key())
        self.stdout.write(f"Dossier de {trouve.nom_complet} ({trouve.ine}) écrit dans {out} ; "
                          f"signé par la clé {cles.empreinte(publique)}.")
