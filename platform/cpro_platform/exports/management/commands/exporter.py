"""``manage.py exporter``: list the registered export formats, or run one to a file.

    manage.py exporter --list
    manage.py exporter FORMAT --classe ID [--apprenant ID] --out PATH [--utilisateur USERNAME]

For administrators and automation. Without ``--utilisateur`` it runs with the server's rights;
with it, the same access policy as the pages applies. Every refusal is a French
``CommandError``, and nothing is written at ``--out`` unless the whole file was made (it is
written beside, then renamed into place).
"""
import os
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cpro_platform.acces.politique import may
from cpro_platform.etablissements.models import Apprenant, Classe, Inscription
from cpro_platform.exports import registre
from cpro_platform.regles import APPRENANT, DemandeExport, ErreurDeRegle, RienAExporter


class Command(BaseCommand):
    help = "Liste les formats d’export enregistrés, ou produit un export dans un fichier."

    def add_arguments(self, parser):
        parser.add_argument("format", nargs="?", help="code du format (voir --list)")
        parser.add_argument("--list", action="store_true", help="lister les formats")
        parser.add_argument("--classe", type=int, help="identifiant de la classe")
        parser.add_argument("--apprenant", type=int, help="identifiant de l’apprenant")
        parser.add_argument("--out", help="fichier à écrire (ou dossier où l’écrire)")
        parser.add_argument("--utilisateur", help="appliquer les droits de cet utilisateur")

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        try:
            self.exporter(options)
        except ErreurDeRegle as erreur:
            raise CommandError(f"L’export a échoué : {registre.cause(erreur)} Aucun fichier "
                               f"n’a été écrit.") from erreur

    def exporter(self, options) -> None:
        if options["list"]:
            return self.lister()
        if not options["format"]:
            raise CommandError("Indiquez un format (voir --list).")
        try:
            enregistre = registre.format_(options["format"])
        except registre.FormatInconnu as inconnu:
            raise CommandError(str(inconnu)) from None
        format_ = enregistre.format
        if options["classe"] is None or not options["out"]:
            raise CommandError("--classe et --out sont obligatoires.")
        utilisateur = self.utilisateur(options["utilisateur"])
        # A learner-scope export needs the learner, not the whole class, to be in reach.
        classe = self.classe(options["classe"],
                             None if format_.portee == APPRENANT else utilisateur)
        apprenant = None
        if format_.portee == APPRENANT:
            if options["apprenant"] is None:
                raise CommandError(f"Le format « {format_.code} » porte sur un apprenant : "
                                   f"indiquez --apprenant.")
            apprenant = self.apprenant(options["apprenant"], classe, utilisateur)
        elif options["apprenant"] is not None:
            raise CommandError(f"Le format « {format_.code} » porte sur toute la classe : "
                               f"--apprenant ne s’applique pas.")
        elif utilisateur and not may(utilisateur, "exports.export_classe", classe):
            raise CommandError(f"{utilisateur.username} n’a pas le droit d’exporter la classe "
                               f"« {classe.nom} » (réservé à ses enseignants et au DDFPT).")

        demande = DemandeExport(classe=classe, apprenant=apprenant, utilisateur=utilisateur,
                                progression=self.progression)
        try:
            resultat = registre.produire(enregistre, demande)
        except RienAExporter as rien:
            raise CommandError(str(rien)) from None
        chemin = self.ecrire(Path(options["out"]), resultat)
        for manquant in resultat.manquants:
            self.stderr.write(f"Non exporté : {manquant}")
        self.stdout.write(f"{chemin} écrit ({len(resultat.contenu)} octets).")

    def lister(self) -> None:
        for f in registre.formats():
            fmt = f.format
            options = "arrière-plan" if fmt.arriere_plan else "immédiat"
            self.stdout.write(f"{fmt.code}\t{fmt.portee}\t{fmt.extension}\t{options}\t"
                              f"{fmt.libelle}\t[{f.plugin.name}]")
            if fmt.statut:
                self.stdout.write(f"\t{fmt.statut}")

    def utilisateur(self, username):
        if username is None:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Utilisateur « {username} » introuvable ou inactif.")
        return user

    def classe(self, pk: int, utilisateur) -> Classe:
        classe = Classe.objects.filter(pk=pk).select_related("etablissement").first()
        if classe is None or (utilisateur and not may(utilisateur, "exports.view_exports_classe",
                                                      classe)):
            # Same answer whether it does not exist or is out of reach: ids reveal nothing.
            qui = f" pour {utilisateur.username}" if utilisateur else ""
            raise CommandError(f"Classe {pk} introuvable{qui}.")
        return classe

    def apprenant(self, pk: int, classe: Classe, utilisateur) -> Apprenant:
        apprenant = Apprenant.objects.filter(pk=pk).first()
        if apprenant is None or (utilisateur and not may(utilisateur,
                                                         "exports.export_apprenant",
                                                         apprenant)):
            qui = f" pour {utilisateur.username}" if utilisateur else ""
            raise CommandError(f"Apprenant {pk} introuvable{qui}.")
        if not Inscription.objects.filter(apprenant=apprenant, classe=classe).exists():
            raise CommandError(f"L’apprenant {pk} n’est pas inscrit dans la classe {classe.pk}.")
        return apprenant

    def progression(self, faits: int, total: int) -> None:
        if self.verbosity >= 2:
            self.stderr.write(f"{faits}/{total}")

    def ecrire(self, out: Path, resultat: registre.Resultat) -> Path:
        """Write atomically: a temporary file beside the target, renamed when complete."""
        chemin = out / resultat.nom if out.is_dir() else out
        if not chemin.parent.is_dir():
            raise CommandError(f"Le dossier {chemin.parent} n’existe pas.")
        descripteur, temporaire = tempfile.mkstemp(dir=chemin.parent, prefix=".export-")
        try:
            with os.fdopen(descripteur, "wb") as fichier:
                fichier.write(resultat.contenu)
            os.replace(temporaire, chemin)
        except BaseException:
            Path(temporaire).unlink(missing_ok=True)
            raise
        return chemin

