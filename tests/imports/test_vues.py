"""Upload → preview → confirm → result, as an administrator; and who is refused.

Tests run tasks with the immediate backend: confirming runs the import before the redirect
(``test_execution.py`` runs the real queue and worker)."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Apprenant, EtatImport, Importation
from tests import factories as f

from .conftest import ENTETE_APPRENANTS, csv

pytestmark = pytest.mark.django_db

FICHIER = csv(ENTETE_APPRENANTS, "111111111AA;DUPONT;Marie;01/02/2008;1 CPA;scolaire",
              "222222222BB;MARTIN;Léo;15/10/2007;1 CPA;apprenti", encoding="cp1252")


def url(etab, name="importer", type="apprenants", importation=None):
    if name in ("importation", "confirmer"):
        return reverse(f"imports:{name}", args=[etab.pk, importation.pk])
    args = [etab.pk] if name == "index" else [etab.pk, type]
    return reverse(f"imports:{name}", args=args)


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


def deposer(client, etab, contenu=FICHIER, nom="eleves.csv"):
    return client.post(url(etab), {"fichier": SimpleUploadedFile(nom, contenu)})


def derniere() -> Importation:
    return Importation.objects.latest("pk")


def test_index_lists_the_three_imports(admin, etab):
    body = admin.get(url(etab, "index")).content.decode()
    for type in ("classes", "apprenants", "personnels"):
        assert url(etab, type=type) in body


def test_upload_preview_confirm_result(admin, etab, classe_1cpa):
    assert admin.get(url(etab)).status_code == 200
    depot = deposer(admin, etab)
    importation = derniere()
    assert depot.status_code == 302 and depot["Location"] == url(etab, "importation",
                                                                importation=importation)
    body = admin.get(depot["Location"]).content.decode()
    assert "Aperçu" in body and "Confirmer" in body and "À créer : 2" in body
    assert "DUPONT Marie (111111111AA)" in body and "créé" in body
    assert not Apprenant.objects.exists()  # the preview wrote nothing

    result = admin.post(url(etab, "confirmer", importation=importation), follow=True)
    body = result.content.decode()
    assert result.status_code == 200 and "Créés : 2" in body and "terminé" in body
    assert Apprenant.objects.count() == 2
    importation.refresh_from_db()
    assert importation.etat == EtatImport.TERMINE and importation.contenu == b""
    # The same confirmation again: nothing is waiting any more, nothing happens twice.
    again = admin.post(url(etab, "confirmer", importation=importation), follow=True)
    assert "n’attend plus de confirmation" in again.content.decode()
    assert Apprenant.objects.count() == 2


def test_preview_of_a_bad_file_lists_errors_and_offers_no_confirmation(admin, etab,
                                                                      classe_1cpa):
    contenu = csv(ENTETE_APPRENANTS, "111111111AA;DUPONT;Marie;31/02/2008;1 CPA;scolaire")
    deposer(admin, etab, contenu)
    body = admin.get(url(etab, "importation", importation=derniere())).content.decode()
    assert "Ligne 2 : date de naissance « 31/02/2008 » invalide" in body
    assert "Confirmer" not in body and "1 ligne à corriger" in body
    assert derniere().contenu == b""  # a file that cannot be imported is not kept
    refus = admin.post(url(etab, "confirmer", importation=derniere()), follow=True)
    assert "n’attend plus de confirmation" in refus.content.decode()
    assert not Apprenant.objects.exists()


def test_wrong_file_type_is_explained(admin, etab):
    deposer(admin, etab, b"%PDF-1.4", "eleves.pdf")
    body = admin.get(url(etab, "importation", importation=derniere())).content.decode()
    assert "Type de fichier non pris en charge" in body


def test_stale_upload_is_validated_again_at_confirmation(admin, etab, classe_1cpa):
    deposer(admin, etab)
    classe_1cpa.nom = "1 CPA renommée"
    classe_1cpa.save()
    body = admin.post(url(etab, "confirmer", importation=derniere()),
                      follow=True).content.decode()
    assert "rien n’a été importé" in body and "classe « 1 CPA » inconnue" in body
    assert derniere().etat == EtatImport.ECHOUE
    assert not Apprenant.objects.exists()


def test_an_import_is_only_good_for_its_author_and_establishment(admin, admin_user, etab,
                                                                 classe_1cpa):
    deposer(admin, etab)
    importation = derniere()
    autre = f.etablissement()
    f.role(admin_user, autre, TypeRole.ADMINISTRATEUR)
    assert admin.post(url(autre, "confirmer", importation=importation)).status_code == 404
    assert admin.get(url(autre, "importation", importation=importation)).status_code == 404
    collegue = f.personne()
    f.role(collegue, etab, TypeRole.ADMINISTRATEUR)
    admin.force_login(collegue)
    assert "Confirmer" not in admin.get(url(etab, "importation",
                                            importation=importation)).content.decode()
    refus = admin.post(url(etab, "confirmer", importation=importation), follow=True)
    assert "n’attend plus de confirmation" in refus.content.decode()
    assert not Apprenant.objects.exists()


def test_previews_are_not_kept_forever(admin, etab, classe_1cpa):
    for _ in range(5):
        deposer(admin, etab)
    assert Importation.objects.filter(etat=EtatImport.APERCU).count() == 3


def test_unknown_kind_is_404(admin, etab):
    assert admin.get(url(etab, type="entreprises")).status_code == 404


@pytest.mark.parametrize("qui", ["autre_admin", "enseignant", "ddfpt", "apprenant"])
def test_others_may_not_import(client, etab, classe_1cpa, qui):
    autre = f.etablissement()
    if qui == "autre_admin":
        user = f.personne()
        f.role(user, autre, TypeRole.ADMINISTRATEUR)
    elif qui == "enseignant":
        user = f.enseignant(etab, classe_1cpa)
    elif qui == "ddfpt":
        user = f.personne()
        f.role(user, etab, TypeRole.DDFPT)
    else:
        user = f.apprenant(etab, classe_1cpa, compte=True).user
    client.force_login(user)
    assert client.get(url(etab)).status_code in (403, 404)
    assert deposer(client, etab).status_code in (403, 404)
    assert not Importation.objects.exists()
    assert not Apprenant.objects.filter(ine="111111111AA").exists()


def test_anonymous_is_sent_to_login(client, etab):
    response = client.get(url(etab))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
