"""Photos of a sheet: judged by content, bounded in number, served only through the policy."""
import pytest
from django.urls import reverse

from cpro_platform.activites.models import FicheActivite, PhotoFiche
from cpro_platform.activites.photos import PHOTOS_MAX
from tests import factories as f

from . import aides

pytestmark = pytest.mark.django_db


@pytest.fixture
def o():
    return aides.monde_en_stage()


def fichiers_stockes(apprenant) -> list:
    # The field's own storage: ``stockage_preuves()`` is a fresh instance after any test
    # that changed the STORAGES setting, while the field keeps the one it was built with.
    stockage = PhotoFiche._meta.get_field("fichier").storage
    dossier = f"fiches/{apprenant.pk}"
    return stockage.listdir(dossier)[1] if stockage.exists(dossier) else []


def declarer(client, o, *photos):
    client.force_login(o.apprenant.user)
    return client.post(reverse("activites:declarer", args=[o.apprenant.pk]), {
        "date": str(f.jours(-1)), "description": "Ponçage", "photos": list(photos)})


def test_a_photo_is_stored_without_url_and_served_by_the_checked_view(client, o):
    response = declarer(client, o, aides.televerse("atelier.png"))
    assert response.status_code == 302
    photo = PhotoFiche.objects.get()
    assert (photo.nom, photo.type) == ("atelier.png", "image/png")
    with pytest.raises(ValueError):
        photo.fichier.url
    servie = client.get(reverse("activites:photo", args=[photo.pk]))
    assert servie.status_code == 200
    assert servie["Content-Type"] == "image/png"
    assert servie["X-Content-Type-Options"] == "nosniff"
    assert b"".join(servie.streaming_content).startswith(b"\x89PNG")


def test_an_html_file_named_jpg_is_refused_and_nothing_is_written(client, o):
    page = aides.televerse("photo.jpg", b"<html><script>alert(1)</script></html>",
                           "image/jpeg")
    avant = fichiers_stockes(o.apprenant)  # the in-memory storage outlives a test
    response = declarer(client, o, aides.televerse("bonne.png"), page)
    assert response.status_code == 422
    assert "« photo.jpg » n&#x27;est pas un fichier PDF, JPEG, PNG ou WebP" in \
        response.content.decode()
    assert not FicheActivite.objects.exists() and not PhotoFiche.objects.exists()
    assert fichiers_stockes(o.apprenant) == avant


def test_the_number_of_photos_is_bounded(client, o):
    response = declarer(client, o, *[aides.televerse(f"p{i}.png")
                                     for i in range(PHOTOS_MAX + 1)])
    assert response.status_code == 422
    assert f"Une fiche porte au plus {PHOTOS_MAX} photos" in response.content.decode()
    assert not FicheActivite.objects.exists()


def test_removing_a_photo_deletes_its_file(client, o):
    avant = set(fichiers_stockes(o.apprenant))  # the in-memory storage outlives a test
    declarer(client, o, aides.televerse("a.png"))
    fiche, photo = FicheActivite.objects.get(), PhotoFiche.objects.get()
    assert set(fichiers_stockes(o.apprenant)) - avant == {photo.fichier.name.split("/")[-1]}
    client.post(reverse("activites:modifier", args=[fiche.pk]), {
        "date": str(fiche.date), "description": "Ponçage", "retirer": [photo.pk]})
    assert not PhotoFiche.objects.exists()
    assert set(fichiers_stockes(o.apprenant)) == avant
