"""Archives that must be refused — tampered, truncated, of an unknown format version, or
claiming an INE already used by someone else — with their French message and nothing written."""
import io
import json

import pytest
from django.core.management import CommandError, call_command

from cpro_platform.portabilite import archive
from cpro_platform.portabilite.importation import importer

from tests import factories as f

from .factories import apprenant_riche
from .outils import comptes, membres, parcours, resigner, zipper

pytestmark = pytest.mark.django_db


@pytest.fixture
def exporte():
    riche = apprenant_riche()
    return riche, archive.exporter(riche.apprenant)


def refus_par_la_commande(octets: bytes, tmp_path) -> str:
    """Import with --confirmer: the refusal's message, after checking nothing was written."""
    chemin = tmp_path / "dossier.zip"
    chemin.write_bytes(octets)
    avant = comptes()
    with pytest.raises(CommandError) as erreur:
        call_command("importer_parcours", str(chemin), "--confirmer")
    assert comptes() == avant
    return str(erreur.value)


def test_une_archive_intacte_passe_la_verification(exporte):
    riche, octets = exporte
    lue = archive.lire(io.BytesIO(octets))
    assert lue.parcours["format"] == "cpro-parcours" and lue.parcours["version"] == 1
    assert len(lue.fichiers) == 2


def test_zip_tronque(exporte, tmp_path):
    _riche, octets = exporte
    message = refus_par_la_commande(octets[: len(octets) // 2], tmp_path)
    assert "le ZIP est tronqué ou endommagé" in message


def test_pas_un_zip(tmp_path, db):
    message = refus_par_la_commande(b"%PDF-1.4 pas un dossier", tmp_path)
    assert "n’est pas une archive de dossier lisible" in message


def test_json_modifie_sans_resigner(exporte, tmp_path):
    _riche, octets = exporte
    contenu = membres(octets)
    contenu["parcours.json"] = contenu["parcours.json"].replace(b"Premier essai",
                                                                b"Excellent essai")
    message = refus_par_la_commande(zipper(contenu), tmp_path)
    assert "Le fichier « parcours.json » a été modifié après l’export" in message


def test_manifeste_refait_par_l_attaquant(exporte, tmp_path):
    """Changing the manifest to match the new JSON breaks the signature."""
    import hashlib
    _riche, octets = exporte
    contenu = membres(octets)
    contenu["parcours.json"] = contenu["parcours.json"].replace(b"Premier essai", b"Falsifi")
    manifeste = json.loads(contenu["manifeste.json"])
    manifeste["parcours.json"] = hashlib.sha256(contenu["parcours.json"]).hexdigest()
    contenu["manifeste.json"] = json.dumps(manifeste).encode()
    message = refus_par_la_commande(zipper(contenu), tmp_path)
    assert "La signature ne correspond pas au manifeste « manifeste.json »" in message


def test_piece_jointe_modifiee(exporte, tmp_path):
    _riche, octets = exporte
    contenu = membres(octets)
    photo = next(n for n in contenu if n.endswith(".png"))
    contenu[photo] = contenu[photo] + b"\x00"
    message = refus_par_la_commande(zipper(contenu), tmp_path)
    assert f"Le fichier « {photo} » a été modifié après l’export" in message


def test_fichier_ajoute(exporte, tmp_path):
    _riche, octets = exporte
    contenu = membres(octets)
    contenu["fichiers/intrus.pdf"] = b"%PDF-1.4"
    message = refus_par_la_commande(zipper(contenu), tmp_path)
    assert "« fichiers/intrus.pdf » ne figure pas au manifeste signé" in message


def test_version_de_format_inconnue(exporte, tmp_path):
    _riche, octets = exporte
    futur = resigner(octets, lambda p: p.update(version=2))
    message = refus_par_la_commande(futur, tmp_path)
    assert "Version 2 du format de dossier inconnue : cette installation lit la version 1" \
        in message


def test_ine_deja_utilise_par_une_autre_identite(exporte, tmp_path):
    riche, octets = exporte

    def autre_identite(p):
        for rec in p["enregistrements"]["etablissements.apprenant"]:
            rec["champs"].update(nom="IMPOSTEUR", prenom="Jean")

    message = refus_par_la_commande(resigner(octets, autre_identite), tmp_path)
    assert (f"INE {riche.apprenant.ine} déjà utilisé par Prénom VOYAGEUR (né·e le 14/03/2009) :"
            f" le dossier est celui de Jean IMPOSTEUR") in message


def test_piece_jointe_qui_n_est_pas_une_image(exporte, tmp_path):
    """Even signed, an evidence file must be a picture or a PDF by its content."""
    _riche, octets = exporte
    photo = next(n for n in membres(octets) if n.endswith(".png"))
    piege = resigner(octets, fichiers={photo: b"<html><script>alert(1)</script></html>"})
    message = refus_par_la_commande(piege, tmp_path)
    assert f"Le fichier « {photo} » n’est ni une image (JPEG, PNG, WebP) ni un PDF" in message


def test_empreintes_de_confiance(exporte, settings):
    _riche, octets = exporte
    empreinte = archive.lire(io.BytesIO(octets)).empreinte
    settings.CPRO_PORTABILITE_EMPREINTES = ["0000:1111"]
    with pytest.raises(archive.ArchiveRefusee, match="n’est pas de confiance"):
        archive.lire(io.BytesIO(octets))
    settings.CPRO_PORTABILITE_EMPREINTES = [empreinte]
    assert archive.lire(io.BytesIO(octets)).de_confiance is True


def test_la_reimportation_ne_change_rien(exporte):
    """Idempotent: the same archive imported where the record already is writes nothing."""
    _riche, octets = exporte
    avant = comptes()
    apercu = importer(archive.lire(io.BytesIO(octets)), confirmer=True)
    assert apercu.refus == [] and apercu.deja_importe
    assert apercu.crees == 0 and apercu.apprenant_existe
    assert comptes() == avant
    assert parcours(archive.exporter(_riche.apprenant))["enregistrements"] == \
        parcours(octets)["enregistrements"]


def test_le_compte_de_l_apprenant_n_est_pas_celui_d_un_collegue(exporte, tmp_path):
    """Matched by e-mail, the new learner's account would be a staff member's: refused."""
    riche, octets = exporte

    def nouvel_eleve_avec_l_adresse_du_professeur(p):
        for rec in p["enregistrements"]["etablissements.apprenant"]:
            rec["champs"].update(ine=f.ine(), nom="NOUVEAU")
        compte = next(r for r in p["enregistrements"]["etablissements.apprenant"])[
            "champs"]["user"]
        for rec in p["enregistrements"]["auth.user"]:
            if rec["ref"] == compte:
                rec["champs"]["email"] = riche.enseignant.email

    message = refus_par_la_commande(resigner(octets, nouvel_eleve_avec_l_adresse_du_professeur),
                                    tmp_path)
    assert (f"Le compte de l’apprenant ({riche.enseignant.email}) est ici celui d’un membre du "
            f"personnel") in message


def test_un_dossier_signe_mais_mal_forme(exporte, tmp_path):
    """Signed by an installation that wrote it wrong: refused, saying where."""
    _riche, octets = exporte

    def niveau_en_lettres(p):
        p["enregistrements"]["suivi.evaluation"][0]["champs"]["niveau"] = "trois"

    message = refus_par_la_commande(resigner(octets, niveau_en_lettres), tmp_path)
    assert ("« parcours.json » ne suit pas le format cpro-parcours 1 (à "
            "« enregistrements/suivi.evaluation/0/champs/niveau ») : 'trois'") in message


def test_un_champ_inconnu_ici_est_ignore(exporte):
    """An installation whose models have one more field wrote it: the rest imports."""
    riche, octets = exporte

    def champ_de_plus(p):
        for rec in p["enregistrements"]["pfmp.visite"]:
            rec["champs"]["meteo"] = "beau temps"

    apercu = importer(archive.lire(io.BytesIO(resigner(octets, champ_de_plus))))
    assert apercu.refus == [] and apercu.deja_importe
