"""Any background format runs in the worker with its progress, then hands over its file."""
import io
import zipfile

import pytest
from django.urls import reverse

from cpro_platform import hookimpl
from cpro_platform.exports.models import EtatLot, LotExport
from cpro_platform.regles import APPRENANT, Fichier, FormatExport, Production
from tests.exports.outils import cas, installer

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
vu_en_cours = []


def fiches(demande):
    """Two files, looking at the batch's progress as the page would between them."""
    demande.progression(0, 2)
    fichiers = []
    for i in (1, 2):
        fichiers.append(Fichier(f"fiche-{demande.apprenant.nom}.txt", f"fiche {i}".encode()))
        demande.progression(i, 2)
        vu_en_cours.append(LotExport.objects.values_list("etat", "faits", "total").get())
    return Production(tuple(fichiers))


class PluginFiches:
    @hookimpl
    def register_exports(self, register):
        register(FormatExport(code="fiches", libelle="Fiches (ZIP)", portee=APPRENANT,
                              type_media="application/zip", extension="zip",
                              produire=fiches, arriere_plan=True))


def test_a_plugin_background_format_moves_its_progress_then_hands_over_a_zip(client,
                                                                           monkeypatch):
    installer(monkeypatch, ("fixture_fiches", PluginFiches()))
    c = cas()
    eleve = c.eleves[0]
    client.force_login(c.prof)
    page = client.get(reverse("exports:apprenant", args=[eleve.pk])).content.decode()
    url = reverse("exports:exporter_apprenant", args=[eleve.pk, "fiches"])
    assert f'action="{url}"' in page and "préparé en arrière-plan" in page

    vu_en_cours.clear()
    response = client.post(url)
    lot = LotExport.objects.get()
    assert response["Location"] == reverse("exports:lot", args=[lot.pk])
    assert vu_en_cours == [(EtatLot.EN_COURS, 1, 2), (EtatLot.EN_COURS, 2, 2)]
    assert (lot.etat, lot.apprenant, lot.classe, lot.format) == (
        EtatLot.TERMINE, eleve, c.classe, "fiches")
    assert client.get(response["Location"], **HTMX)["HX-Refresh"] == "true"
    page = client.get(response["Location"]).content.decode()
    assert "2 documents prêts." in page and "Télécharger le fichier ZIP" in page
    archive = client.get(reverse("exports:lot_telecharger", args=[lot.pk]))
    contenu = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content)))
    # Two files with the same name are both kept.
    assert sorted(contenu.namelist()) == ["fiche-ARNAUD-2.txt", "fiche-ARNAUD.txt"]


def test_nothing_to_export_in_the_background_is_said_and_leaves_no_file(client):
    c = cas()
    client.force_login(c.prof)
    response = client.post(reverse("exports:exporter_classe",
                                   args=[c.classe.pk, "bilans-classe"]))
    lot = LotExport.objects.get()
    assert lot.etat == EtatLot.ECHOUE and not lot.fichier
    page = client.get(response["Location"]).content.decode()
    assert "Aucun bilan validé dans la classe T MV-X : rien à exporter." in page
    assert client.get(reverse("exports:lot_telecharger", args=[lot.pk])).status_code == 404


def test_a_batch_a_stopped_worker_left_behind_does_not_block_the_export_for_ever(client):
    import datetime

    from django.utils import timezone
    c = cas()
    perdu = LotExport.objects.create(format="livrets-classe", classe=c.classe, auteur=c.prof,
                                     etat=EtatLot.EN_COURS,
                                     debut=timezone.now() - datetime.timedelta(hours=2))
    client.force_login(c.prof)
    reponse = client.post(reverse("exports:exporter_classe",
                                  args=[c.classe.pk, "livrets-classe"]))
    nouveau = int(reponse["Location"].split("/")[-2])
    assert nouveau != perdu.pk
    assert "documents prêts" in client.get(reponse["Location"]).content.decode()
    perdu.refresh_from_db()
    assert perdu.etat == EtatLot.ECHOUE
    page = client.get(reverse("exports:lot", args=[perdu.pk])).content.decode()
    assert "relancez-le" in page
