"""The administrator's pages: "Exporter le dossier" on a learner they manage, "Importer un
dossier" upload → preview → confirm, with the upload kept privately in between."""
import io

import pytest
from django.urls import reverse

from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Apprenant
from cpro_platform.portabilite import archive
from tests import factories as f

from .factories import apprenant_riche
from .outils import comptes, membres, resigner, zipper

pytestmark = pytest.mark.django_db


@pytest.fixture
def riche():
    return apprenant_riche()


def administrateur(etablissement):
    admin = f.personne()
    f.role(admin, etablissement, TypeRole.ADMINISTRATEUR)
    return admin


def test_l_administrateur_exporte_depuis_la_fiche_de_l_apprenant(client, riche):
    client.force_login(administrateur(riche.lycee))
    fiche = client.get(reverse("gestion:apprenant", args=[riche.lycee.pk, riche.apprenant.pk]))
    url = reverse("portabilite:exporter", args=[riche.lycee.pk, riche.apprenant.pk])
    assert f'href="{url}"' in fiche.content.decode() and "Exporter le dossier" in \
        fiche.content.decode()
    reponse = client.get(url)
    assert reponse.status_code == 200 and reponse["Content-Type"] == "application/zip"
    assert f"dossier-voyageur-{riche.apprenant.ine}.zip" in reponse["Content-Disposition"]
    assert archive.lire(io.BytesIO(reponse.content)).parcours["version"] == 1


def _nouvel_apprenant(octets):
    def nouveau(p):
        for rec in p["enregistrements"]["etablissements.apprenant"]:
            rec["champs"].update(ine=f.ine(), nom="ARRIVANT", user=None)
    return resigner(octets, nouveau)


def _fichier(octets, nom="dossier.zip"):
    fichier = io.BytesIO(octets)
    fichier.name = nom
    return fichier


def test_deposer_voir_l_apercu_puis_confirmer(client, riche):
    accueil = f.etablissement("Lycée Accueil")
    client.force_login(administrateur(accueil))
    url = reverse("portabilite:importer", args=[accueil.pk])
    liste = client.get(reverse("gestion:apprenants", args=[accueil.pk])).content.decode()
    assert f'href="{url}"' in liste and "Importer un dossier" in liste
    octets = _nouvel_apprenant(archive.exporter(riche.apprenant))
    avant = comptes()

    apercu = client.post(url, {"archive": _fichier(octets)})

    page = apercu.content.decode()
    assert apercu.status_code == 200 and comptes() == avant
    assert "Aperçu : rien n’est encore importé" in page and "Prénom ARRIVANT" in page
    assert "Confirmer l’import" in page
    jeton = apercu.context["jeton"]

    fait = client.post(reverse("portabilite:confirmer", args=[accueil.pk]), {"jeton": jeton})

    assert fait.status_code == 200 and "Dossier importé" in fait.content.decode()
    arrivant = Apprenant.objects.get(nom="ARRIVANT")
    assert arrivant.parcours_au().etablissement == accueil
    # The deposit is used once: confirming again finds nothing.
    encore = client.post(reverse("portabilite:confirmer", args=[accueil.pk]), {"jeton": jeton})
    assert encore.status_code == 302


def test_un_autre_administrateur_ne_confirme_pas_le_depot(client, riche):
    accueil = f.etablissement("Lycée Accueil")
    client.force_login(administrateur(accueil))
    apercu = client.post(reverse("portabilite:importer", args=[accueil.pk]),
                         {"archive": _fichier(_nouvel_apprenant(
                             archive.exporter(riche.apprenant)))})
    jeton = apercu.context["jeton"]
    collegue = administrateur(accueil)
    client.force_login(collegue)
    avant = comptes()
    reponse = client.post(reverse("portabilite:confirmer", args=[accueil.pk]), {"jeton": jeton})
    assert reponse.status_code == 302 and comptes() == avant


def test_un_depot_qui_n_est_pas_un_zip(client, riche):
    accueil = f.etablissement("Lycée Accueil")
    client.force_login(administrateur(accueil))
    reponse = client.post(reverse("portabilite:importer", args=[accueil.pk]),
                          {"archive": _fichier(b"<html>pas un zip</html>", "dossier.zip")})
    assert reponse.status_code == 422
    assert "Ce fichier n’est pas une archive ZIP" in reponse.content.decode()


def test_un_dossier_modifie_est_refuse_sur_la_page(client, riche):
    accueil = f.etablissement("Lycée Accueil")
    client.force_login(administrateur(accueil))
    octets = archive.exporter(riche.apprenant)
    contenu = membres(octets)
    contenu["parcours.json"] = contenu["parcours.json"].replace(b"VOYAGEUR", b"VOYAGEUSE")
    avant = comptes()
    reponse = client.post(reverse("portabilite:importer", args=[accueil.pk]),
                          {"archive": _fichier(zipper(contenu))})
    page = reponse.content.decode()
    assert reponse.status_code == 422 and comptes() == avant
    assert "Dossier refusé : rien n’a été importé" in page
    assert "Le fichier « parcours.json » a été modifié après l’export" in page
    assert "Confirmer l’import" not in page
