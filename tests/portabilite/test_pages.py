"""The administrator's pages: "Exporter le dossier" on a learner they manage, "Importer un
dossier" upload → preview → confirm, the preview and the commit run by the worker (tests run
tasks at once, or, with ``worker_arrete``, by hand), the upload kept privately in between."""
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Apprenant
from cpro_platform.portabilite import archive, taches
from cpro_platform.portabilite.models import EtatImport, ImportDossier
from tests import factories as f

from .factories import apprenant_riche
from .outils import comptes, membres, resigner, zipper

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


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


def _deposer(client, etablissement, octets):
    """Upload as the page does: answered at once with the import's page (the worker runs)."""
    reponse = client.post(reverse("portabilite:importer", args=[etablissement.pk]),
                          {"archive": _fichier(octets)})
    dossier = ImportDossier.objects.latest("pk")
    assert reponse.status_code == 302 and reponse["Location"] == reverse(
        "portabilite:dossier", args=[etablissement.pk, dossier.pk])
    return dossier


def test_deposer_voir_l_apercu_puis_confirmer(client, riche):
    accueil = f.etablissement("Lycée Accueil")
    client.force_login(administrateur(accueil))
    url = reverse("portabilite:importer", args=[accueil.pk])
    liste = client.get(reverse("gestion:apprenants", args=[accueil.pk])).content.decode()
    assert f'href="{url}"' in liste and "Importer un dossier" in liste
    octets = _nouvel_apprenant(archive.exporter(riche.apprenant))
    avant = comptes()

    dossier = _deposer(client, accueil, octets)

    apercu = client.get(reverse("portabilite:dossier", args=[accueil.pk, dossier.pk]))
    page = apercu.content.decode()
    assert apercu.status_code == 200 and comptes() == avant
    assert "Aperçu : rien n’est encore importé" in page and "Prénom ARRIVANT" in page
    assert "Confirmer l’import" in page
    confirmer = reverse("portabilite:confirmer", args=[accueil.pk, dossier.pk])

    fait = client.post(confirmer, follow=True)

    page = fait.content.decode()
    assert fait.status_code == 200 and "Dossier importé" in page
    arrivant = Apprenant.objects.get(nom="ARRIVANT")
    assert arrivant.parcours_au().etablissement == accueil
    fiche = reverse("gestion:apprenant", args=[accueil.pk, arrivant.pk])
    assert f'href="{fiche}"' in page and "Confirmer l’import" not in page
    # The archive is gone from the private storage once imported.
    dossier.refresh_from_db()
    assert dossier.etat == EtatImport.IMPORTE and not dossier.fichier
    assert not ImportDossier._meta.get_field("fichier").storage.listdir(
        f"portabilite/{accueil.pk}")[1]
    # The upload page lists it, with its state.
    liste = client.get(url).content.decode()
    assert f'href="{reverse("portabilite:dossier", args=[accueil.pk, dossier.pk])}"' in liste
    assert "<td>importé</td>" in liste
    # It is confirmed once: confirming again imports nothing and says why.
    apres = comptes()
    encore = client.post(confirmer, follow=True)
    assert comptes() == apres
    assert "Ce dossier n’attend pas de confirmation de votre part" in encore.content.decode()


@pytest.fixture
def worker_arrete(settings):
    """The worker not running: queued tasks wait (as between a request and the worker)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_la_requete_n_importe_rien_le_worker_le_fait_et_la_page_suit(client, riche,
                                                                      worker_arrete):
    accueil = f.etablissement("Lycée Accueil")
    client.force_login(administrateur(accueil))
    octets = _nouvel_apprenant(archive.exporter(riche.apprenant))
    avant = comptes()

    dossier = _deposer(client, accueil, octets)

    # The request only stored the file and queued the preview.
    dossier.refresh_from_db()
    assert dossier.etat == EtatImport.EN_ATTENTE and dossier.apercu == {} and dossier.fichier
    url = reverse("portabilite:dossier", args=[accueil.pk, dossier.pk])
    page = client.get(url).content.decode()
    assert "En file d’attente" in page and f'hx-get="{url}"' in page
    assert "<script>" not in page  # polled by htmx: no inline script (CSP)
    assert "Confirmer l’import" not in page
    barre = client.get(url, **HTMX)
    assert 'id="progression-dossier"' in barre.content.decode() and "<html" not in \
        barre.content.decode()

    assert taches.apercevoir.call(dossier.pk) == EtatImport.APERCU

    assert comptes() == avant
    assert client.get(url, **HTMX)["HX-Refresh"] == "true"
    assert "Confirmer l’import" in client.get(url).content.decode()
    client.post(reverse("portabilite:confirmer", args=[accueil.pk, dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.etat == EtatImport.CONFIRME and comptes() == avant
    assert "En file d’attente" in client.get(url).content.decode()
    # A task delivered twice works once.
    assert taches.apercevoir.call(dossier.pk) == "déjà traité"

    assert taches.importer_archive.call(dossier.pk) == EtatImport.IMPORTE

    assert Apprenant.objects.filter(nom="ARRIVANT").count() == 1
    assert taches.importer_archive.call(dossier.pk) == "déjà traité"
    assert Apprenant.objects.filter(nom="ARRIVANT").count() == 1
    assert "Dossier importé" in client.get(url).content.decode()


def test_un_autre_administrateur_ne_confirme_pas_le_depot(client, riche):
    accueil = f.etablissement("Lycée Accueil")
    client.force_login(administrateur(accueil))
    dossier = _deposer(client, accueil, _nouvel_apprenant(archive.exporter(riche.apprenant)))
    collegue = administrateur(accueil)
    client.force_login(collegue)
    avant = comptes()
    page = client.get(reverse("portabilite:dossier", args=[accueil.pk, dossier.pk]))
    assert "Aperçu : rien n’est encore importé" in page.content.decode()
    assert "Confirmer l’import" not in page.content.decode()
    reponse = client.post(reverse("portabilite:confirmer", args=[accueil.pk, dossier.pk]))
    assert reponse.status_code == 302 and comptes() == avant
    dossier.refresh_from_db()
    assert dossier.etat == EtatImport.APERCU


def test_l_import_d_un_autre_etablissement_est_introuvable(client, riche):
    accueil, autre = f.etablissement("Lycée Accueil"), f.etablissement("Lycée Autre")
    client.force_login(administrateur(accueil))
    dossier = _deposer(client, accueil, _nouvel_apprenant(archive.exporter(riche.apprenant)))
    voisin = administrateur(autre)
    client.force_login(voisin)
    avant = comptes()
    for args in ([autre.pk, dossier.pk], [accueil.pk, dossier.pk]):
        assert client.get(reverse("portabilite:dossier", args=args)).status_code == 404
        assert client.post(reverse("portabilite:confirmer", args=args)).status_code == 404
    assert comptes() == avant


def test_un_depot_sans_fichier(client, riche):
    accueil = f.etablissement("Lycée Accueil")
    client.force_login(administrateur(accueil))
    reponse = client.post(reverse("portabilite:importer", args=[accueil.pk]))
    assert reponse.status_code == 422
    assert "Choisissez le fichier du dossier." in reponse.content.decode()
    assert not ImportDossier.objects.exists()


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
    dossier = _deposer(client, accueil, zipper(contenu))
    page = client.get(reverse("portabilite:dossier", args=[accueil.pk, dossier.pk])
                      ).content.decode()
    assert comptes() == avant
    assert "Dossier refusé : rien n’a été importé" in page
    assert "Le fichier « parcours.json » a été modifié après l’export" in page
    assert "Confirmer l’import" not in page
    # A refused archive is not kept, and cannot be confirmed.
    dossier.refresh_from_db()
    assert dossier.etat == EtatImport.REFUSE and not dossier.fichier
    client.post(reverse("portabilite:confirmer", args=[accueil.pk, dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.etat == EtatImport.REFUSE and comptes() == avant


def test_un_dossier_deja_present_ne_se_confirme_pas(client, riche):
    client.force_login(administrateur(riche.lycee))
    avant = comptes()
    dossier = _deposer(client, riche.lycee, archive.exporter(riche.apprenant))
    page = client.get(reverse("portabilite:dossier", args=[riche.lycee.pk, dossier.pk])
                      ).content.decode()
    assert "Ce dossier est déjà présent : l’importer de nouveau ne changerait rien" in page
    assert "Confirmer l’import" not in page
    dossier.refresh_from_db()
    assert not dossier.fichier and comptes() == avant


def test_une_erreur_du_worker_est_dite_et_rien_n_est_garde(client, riche, monkeypatch):
    def panne(*args, **kwargs):
        raise RuntimeError("disque plein")
    monkeypatch.setattr(taches, "importer", panne)
    accueil = f.etablissement("Lycée Accueil")
    client.force_login(administrateur(accueil))
    dossier = _deposer(client, accueil, _nouvel_apprenant(archive.exporter(riche.apprenant)))
    page = client.get(reverse("portabilite:dossier", args=[accueil.pk, dossier.pk])
                      ).content.decode()
    assert "L’import n’a pas abouti : rien n’a été importé" in page
    assert "Erreur inattendue pendant l’import" in page and "RuntimeError" in page
    dossier.refresh_from_db()
    assert dossier.etat == EtatImport.ECHEC and not dossier.fichier


def test_un_import_laisse_par_un_worker_arrete_et_un_apercu_oublie(client, riche,
                                                                   worker_arrete):
    accueil = f.etablissement("Lycée Accueil")
    client.force_login(administrateur(accueil))
    octets = _nouvel_apprenant(archive.exporter(riche.apprenant))
    perdu = _deposer(client, accueil, octets)
    oublie = _deposer(client, accueil, octets)
    taches.apercevoir.call(oublie.pk)
    il_y_a_deux_jours = timezone.now() - datetime.timedelta(days=2)
    ImportDossier.objects.filter(pk__in=[perdu.pk, oublie.pk]).update(
        cree_le=il_y_a_deux_jours)
    ImportDossier.objects.filter(pk=perdu.pk).update(etat=EtatImport.VERIFICATION,
                                                     debut=il_y_a_deux_jours)

    _deposer(client, accueil, octets)  # the next upload tidies up

    page = client.get(reverse("portabilite:dossier", args=[accueil.pk, perdu.pk])
                      ).content.decode()
    assert "Cet import n’a pas abouti (le service qui traite les imports a été interrompu)" \
        in page and "progression-dossier" not in page
    oublie.refresh_from_db()
    assert oublie.etat == EtatImport.ECHEC and not oublie.fichier and oublie.apercu == {}
    assert "Cet aperçu n’a pas été confirmé dans la journée" in client.get(
        reverse("portabilite:dossier", args=[accueil.pk, oublie.pk])).content.decode()


def test_un_dossier_refuse_ne_garde_que_la_raison(client, riche):
    accueil = f.etablissement("Lycée Accueil")
    client.force_login(administrateur(accueil))

    def autre_identite(p):
        for rec in p["enregistrements"]["etablissements.apprenant"]:
            rec["champs"]["nom"] = "IMPOSTEUR"
    dossier = _deposer(client, accueil, resigner(archive.exporter(riche.apprenant),
                                                 autre_identite))
    page = client.get(reverse("portabilite:dossier", args=[accueil.pk, dossier.pk])
                      ).content.decode()
    assert f"INE {riche.apprenant.ine} déjà utilisé par" in page
    dossier.refresh_from_db()
    # Why it was refused is kept; the names and e-mails the archive holds are not.
    assert dossier.etat == EtatImport.REFUSE and len(dossier.apercu["refus"]) == 1
    assert dossier.apercu["apprenant"] == "" and dossier.apercu["personnes"] == []
