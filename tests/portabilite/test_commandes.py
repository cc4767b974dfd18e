"""``exporter_parcours`` and ``importer_parcours``: the preview without --confirmer writes
nothing; --etablissement opens the path there; unknown learner or UAI are said in French."""
import pytest
from django.core.management import CommandError, call_command

from cpro_platform.etablissements.models import Apprenant
from cpro_platform.portabilite import archive
from tests import factories as f

from .factories import apprenant_riche
from .outils import comptes, parcours, resigner

pytestmark = pytest.mark.django_db


def test_exporter_par_identifiant_ou_ine(tmp_path, capsys):
    riche = apprenant_riche()
    sortie = tmp_path / "dossier.zip"
    call_command("exporter_parcours", "--apprenant", str(riche.apprenant.pk), "--out",
                 str(sortie))
    assert "Dossier de Prénom VOYAGEUR" in capsys.readouterr().out
    assert archive.lire(sortie).parcours["apprenant"] == "etablissements.apprenant:1"
    call_command("exporter_parcours", "--apprenant", riche.apprenant.ine, "--out", str(sortie))
    with pytest.raises(CommandError, match="Aucun apprenant « 424242 »"):
        call_command("exporter_parcours", "--apprenant", "424242", "--out", str(sortie))


def test_importer_sans_confirmer_n_ecrit_rien(tmp_path, capsys):
    riche = apprenant_riche()

    def nouveau(p):
        for rec in p["enregistrements"]["etablissements.apprenant"]:
            rec["champs"].update(ine=f.ine(), nom="NOUVEAU", user=None)
    chemin = tmp_path / "dossier.zip"
    chemin.write_bytes(resigner(archive.exporter(riche.apprenant), nouveau))
    accueil = f.etablissement("Lycée Accueil")
    avant = comptes()

    call_command("importer_parcours", str(chemin), "--etablissement", accueil.uai)

    sortie = capsys.readouterr().out
    assert comptes() == avant
    assert sortie.startswith("Aperçu (rien n’est importé sans --confirmer) — Prénom NOUVEAU")
    assert "évaluations : 4 créé(s), 0 déjà présent(s)" in sortie
    assert "Établissement : Lycée Départ" in sortie and "déjà connu" in sortie
    assert "Nouveau parcours : Lycée Accueil à partir du" in sortie

    call_command("importer_parcours", str(chemin), "--etablissement", accueil.uai,
                 "--confirmer")
    assert capsys.readouterr().out.startswith("Importé — Prénom NOUVEAU")
    nouveau_venu = Apprenant.objects.get(nom="NOUVEAU")
    assert nouveau_venu.parcours_au().etablissement == accueil
    assert parcours(archive.exporter(nouveau_venu))["enregistrements"][
        "suivi.evaluation"] == parcours(archive.exporter(riche.apprenant))["enregistrements"][
        "suivi.evaluation"]


def test_uai_inconnu(tmp_path):
    chemin = tmp_path / "dossier.zip"
    chemin.write_bytes(b"")
    with pytest.raises(CommandError, match="Aucun établissement d’UAI « 0000000X »"):
        call_command("importer_parcours", str(chemin), "--etablissement", "0000000X")
