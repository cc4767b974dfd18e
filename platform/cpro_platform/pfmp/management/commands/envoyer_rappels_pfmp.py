"""``manage.py envoyer_rappels_pfmp``: queue today's PFMP reminders for the task worker.

Run it once a day from cron (docs/pfmp_rappels.md); ``--maintenant`` sends them in this process
instead (no worker needed) and prints what was sent and refused.
"""
from django.core.management.base import BaseCommand

from cpro_platform.pfmp.rappels import envoyer_rappels
from cpro_platform.pfmp.taches import envoyer_rappels_pfmp


class Command(BaseCommand):
    help = ("Met en file les rappels de PFMP du jour (grilles à remplir, attestations à "
            "signer) pour le service de tâches.")

    def add_arguments(self, parser):
        parser.add_argument("--maintenant", action="store_true",
                            help="envoyer dans ce processus plutôt que par le service de tâches")

    def handle(self, *args, **options):
        if options["maintenant"]:
            return self.afficher(envoyer_rappels().en_dict())
        resultat = envoyer_rappels_pfmp.enqueue()
        self.stdout.write(f"Rappels de PFMP mis en file (tâche {resultat.id}).")
        if resultat.is_finished:  # an immediate backend (tests, development) already ran it
            self.afficher(resultat.return_value)

    def afficher(self, compte: dict) -> None:
        self.stdout.write(f"{len(compte['envoyes'])} rappel(s) envoyé(s), {compte['deja']} "
                          f"déjà envoyé(s), {len(compte['refuses'])} refusé(s).")
        for ligne in compte["envoyes"]:
            self.stdout.write(f"  envoyé : {ligne}")
        for ligne in compte["refuses"]:
            self.stderr.write(f"  non envoyé : {ligne}")
