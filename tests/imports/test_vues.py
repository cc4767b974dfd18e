"""Upload → preview → confirm → result, as an administrator; and who is refused."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.imports.depot import CLE_SESSION
from cpro_platform.etablissements.models import Apprenant
from tests import factories as f

from .conftest import ENTETE_APPRENANTS, csv

pytestmark = pytest.mark.django_db

FICHIER = csv(ENTETE_APPRENANTS, "111111111AA;DUPONT;Marie;01/02/2008;1 CPA;scolaire",
              "222222222BB;MARTIN;Léo;15/10/2007;1 CPA;apprenti", encoding="cp1252")


def url(etab, name="importer", type="apprenants"):
    args = [etab.pk] if name == "index" else [etab.pk, type]
    return reverse(f"imports:{name}", args=args)


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


def deposer(client, etab, contenu=FICHIER, nom="eleves.csv"):
    return client.post(url(etab), {"fichier": SimpleUploadedFile(nom, contenu)})


def token(client) -> str:
    return list(client.session[CLE_SESSION])[-1]


def test_index_lists_the_three_imports(admin, etab):
    body = admin.get(url(etab, "index")).content.decode()
    for type in ("classes", "apprenants", "personnels"):
        assert url(etab, type=type) in body


def test_upload_preview_confirm_result(admin, etab, classe_1cpa):
    assert admin.get(url(etab)).status_code == 200
    preview = deposer(admin, etab)
    body = preview.content.decode()
    assert preview.status_code == 200 and "Aperçu" in body and "Confirmer" in body
    assert "DUPONT Marie (111111111AA)" in body and "créé" in body
    assert not Apprenant.objects.exists()  # the preview wrote nothing

    result = admin.post(url(etab, "confirmer"), {"token": token(admin)})
    body = result.content.decode()
    assert result.status_code == 200 and "Créés : 2" in body
    assert Apprenant.objects.count() == 2
    # The same confirmation again: the upload is gone, nothing happens twice.
    again = admin.post(url(etab, "confirmer"), {"token": token(admin) if admin.session.get(
        CLE_SESSION) else "x"}, follow=True)
    assert "Aucun fichier en attente" in again.content.decode()
    assert Apprenant.objects.count() == 2


def test_preview_of_a_bad_file_lists_errors_and_offers_no_confirmation(admin, etab,
                                                                      classe_1cpa):
    contenu = csv(ENTETE_APPRENANTS, "111111111AA;DUPONT;Marie;31/02/2008;1 CPA;scolaire")
    body = deposer(admin, etab, contenu).content.decode()
    assert "Ligne 2 : date de naissance « 31/02/2008 » invalide" in body
    assert "Confirmer" not in body and CLE_SESSION not in admin.session


def test_wrong_file_type_is_explained(admin, etab):
    body = deposer(admin, etab, b"%PDF-1.4", "eleves.pdf").content.decode()
    assert "Type de fichier non pris en charge" in body


def test_confirm_with_nothing_uploaded(admin, etab):
    response = admin.post(url(etab, "confirmer"), {}, follow=True)
    assert response.redirect_chain[-1][0] == url(etab)
    assert "Aucun fichier en attente" in response.content.decode()


def test_stale_upload_is_validated_again_at_confirmation(admin, etab, classe_1cpa):
    deposer(admin, etab)
    classe_1cpa.nom = "1 CPA renommée"
    classe_1cpa.save()
    body = admin.post(url(etab, "confirmer"), {"token": token(admin)}).content.decode()
    assert "rien n’a été importé" in body and "classe « 1 CPA » inconnue" in body
    assert not Apprenant.objects.exists()


def test_a_token_is_only_good_for_its_import_kind_and_establishment(admin, admin_user, etab,
                                                                   classe_1cpa):
    deposer(admin, etab)
    autre = f.etablissement()
    f.role(admin_user, autre, TypeRole.ADMINISTRATEUR)
    for cible in (url(etab, "confirmer", type="personnels"), url(autre, "confirmer")):
        response = admin.post(cible, {"token": token(admin)}, follow=True)
        assert "Aucun fichier en attente" in response.content.decode()
    assert not Apprenant.objects.exists()


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
    assert client.post(url(etab, "confirmer"), {"token": "x"}).status_code in (403, 404)
    assert not Apprenant.objects.filter(ine="111111111AA").exists()


def test_anonymous_is_sent_to_login(client, etab):
    response = client.get(url(etab))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
