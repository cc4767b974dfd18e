"""Rebuild, or check, the class view's maintained summary (``livret.resume``)."""
import time

from django.core.management.base import BaseCommand, CommandError

from cpro_platform.etablissements.models import Apprenant, Classe
from cpro_platform.livret.models import ResumeCompetence
from cpro_platform.livret.resume import calculer, differences, recalculer

#: Learners per batch: each batch is one transaction and a constant number of queries.
LOT = 50


class Command(BaseCommand):
    help = ("Recompute the summary of every learner × compétence from the evaluations, in "
            "batches (one transaction each); with --verifier, compare it to a full "
            "recomputation instead and list the differences (exit code 1 if any).")

    def add_arguments(self, parser):
        parser.add_argument("--classe", type=int, help="Only the learners of this class (pk).")
        parser.add_argument("--verifier", action="store_true",
                            help="Check the stored rows, change nothing.")

    def handle(self, *args, classe=None, verifier=False, **options):
        apprenants = Apprenant.objects.order_by("pk")
        if classe is not None:
            if not Classe.objects.filter(pk=classe).exists():
                raise CommandError(f"No class with pk {classe}.")
            apprenants = apprenants.filter(inscriptions__classe_id=classe).distinct()
        ids = list(apprenants.values_list("pk", flat=True))
        debut, lignes, ecarts = time.perf_counter(), 0, []
        for i in range(0, len(ids), LOT):
            lot = ids[i:i + LOT]
            if verifier:
                ecarts += _ecarts(lot)
            else:
                lignes += len(recalculer(lot))
            self.stdout.write(f"  {min(i + LOT, len(ids))}/{len(ids)} learners")
        duree = time.perf_counter() - debut
        if not verifier:
            self.stdout.write(self.style.SUCCESS(
                f"recalculer_resumes: {lignes} rows for {len(ids)} learners ({duree:.2f} s)"))
            return
        for ecart in ecarts:
            self.stdout.write(f"  {ecart}")
        if ecarts:
            raise CommandError(f"recalculer_resumes --verifier: {len(ecarts)} difference(s) "
                               f"for {len(ids)} learners ({duree:.2f} s)", returncode=1)
        self.stdout.write(self.style.SUCCESS(
            f"recalculer_resumes --verifier: the summary of {len(ids)} learners matches a full "
            f"recomputation ({duree:.2f} s)"))


def _ecarts(lot: list[int]) -> list[str]:
    return differences(ResumeCompetence.objects.filter(apprenant_id__in=lot), calculer(lot))
