"""``manage.py importer_parcours FILE [--etablissement UAI] [--confirmer]``: without
``--confirmer`` it prints the preview and writes nothing."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cpro_platform.etablissements.models import Etablissement
from cpro_platform.portabilite import archive
from cpro_platform.portabilite.apercu import Apercu
from cpro_platform.portabilite.importation import importer


def texte(apercu: Apercu) -> list[str]:
    """The preview as lines of French text (the page shows the same)."""
    etat = ("Importé" if apercu.fait else
            "Déjà présent : l’importer de nouveau ne changerait rien" if apercu.deja_importe
            else "Aperçu (rien n’est importé sans --confirmer)")
    lignes = [f"{etat} — {apercu.apprenant}, INE {apercu.ine} "
              f"({'déjà connu ici' if apercu.apprenant_existe else 'nouvel apprenant'})",
              f"Signé par « {apercu.installation} », empreinte {apercu.empreinte}"
              f"{' (de confiance)' if apercu.de_confiance else ''}, exporté le "
              f"{apercu.exporte_le}"]
    lignes += [f"Référentiel : {r}" for r in apercu.referentiels]
    lignes += [f"Établissement : {nom} ({uai}) — "
               f"{'déjà connu' if trouve else 'créé pour mémoire'}"
               for uai, nom, trouve in apercu.etablissements]
    lignes += [f"Personne : {nom} <{email}> — "
               f"{'retrouvée' if trouve else 'créée inactive, sans mot de passe'}"
               for nom, email, trouve in apercu.personnes]
    lignes += [f"{nom} : {crees} créé(s), {trouves} déjà présent(s)"
               for nom, crees, trouves in apercu.lignes]
    if apercu.parcours_ouvert:
        lignes.append(f"Nouveau parcours : {apercu.parcours_ouvert}")
    return lignes


class Command(BaseCommand):
    help = ("Importe le dossier d’un apprenant exporté par une autre installation : sans "
            "--confirmer, affiche l’aperçu sans rien écrire.")

    def add_arguments(self, parser):
        parser.add_argument("fichier", type=Path)
        parser.add_argument("--etablissement", metavar="UAI",
                            help="établissement qui accueille l’apprenant (un parcours y est "
                                 "ouvert à partir d’aujourd’hui)")
        parser.add_argument("--confirmer", action="store_true",
                            help="importer pour de bon (tout ou rien)")

    def handle(self, *args, fichier, etablissement, confirmer, **options):
        accueil = None
        if etablissement:
            accueil = Etablissement.objects.filter(uai=etablissement.upper()).first()
            if accueil is None:
                raise CommandError(f"Aucun établissement d’UAI « {etablissement} ».")
        if not fichier.is_file():
            raise CommandError(f"Fichier introuvable : {fichier}")
        try:
            with fichier.open("rb") as flux:
                lue = archive.lire(flux)
        except archive.ArchiveRefusee as refus:
            raise CommandError(f"Dossier refusé : {refus}") from None
        apercu = importer(lue, etablissement=accueil, confirmer=confirmer)
        if apercu.refus:
            raise CommandError("Dossier refusé : " + " ".join(apercu.refus))
        self.stdout.write("\n".join(texte(apercu)))
