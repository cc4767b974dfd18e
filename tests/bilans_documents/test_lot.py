"""A campaign's bilans as one background export batch: queued, run (immediate backend),
progress, ZIP. The batch is the exports' (``LotExport``, format ``bilans-classe``)."""
import io
import zipfile

import pytest
from django.urls import reverse

from cpro_platform.exports import integres, taches
from cpro_platform.exports.models import EtatLot, LotExport
from tests import factories as f
from tests.bilans_documents.factories import bilan_valide, campagne, e32, texte_pdf

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def cas():
    e = f.etablissement()
    classe = f.classe(e, "T MV-B")
    prof = f.enseignant(e, classe)
    ex = e32(classe.referentiel)
    bilans = campagne(classe, prof, "Bilan de janvier")
    eleves = [f.apprenant(e, classe, nom=nom) for nom in ("ARNAUD", "BERTIN", "COLIN")]
    for eleve, niveau in zip(eleves[:2], (2, 4)):
        bilan_valide(eleve, bilans, prof, {c: niveau for c in ex.competences.values()})
    return {"classe": classe, "prof": prof, "campagne": bilans, "eleves": eleves}


def test_the_class_batch_runs_and_hands_back_one_pdf_per_validated_bilan(client, cas):
    client.force_login(cas["prof"])
    response = client.post(reverse("bilans_documents:lot_lancer", args=[cas["campagne"].pk]))
    lot = LotExport.objects.get()
    assert response["Location"] == reverse("exports:lot", args=[lot.pk])
    assert (lot.etat, lot.faits, lot.total) == (EtatLot.TERMINE, 2, 2)
    assert lot.format == "bilans-classe" and lot.auteur == cas["prof"]
    assert lot.parametres == {"campagne": cas["campagne"].pk}

    page = client.get(response["Location"]).content.decode()
    assert "2 documents prêts." in page and "Prénom COLIN" in page   # no validated bilan
    archive = client.get(reverse("exports:lot_telecharger", args=[lot.pk]))
    assert archive["Content-Type"] == "application/zip"
    assert "attachment" in archive["Content-Disposition"]
    contenu = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content)))
    noms = sorted(contenu.namelist())
    assert [n.split("-")[1] for n in noms] == ["arnaud", "bertin"]
    textes = [texte_pdf(contenu.read(n)) for n in noms]
    assert "Prénom ARNAUD" in textes[0] and "2 – Insuffisamment maîtrisé" in textes[0]
    assert "Prénom BERTIN" in textes[1] and "4 – Bien maîtrisé" in textes[1]
    assert all("T MV-B" in t and "Bilan de janvier" in t for t in textes)


def test_the_progress_page_polls_while_it_runs_then_reloads(client, cas):
    lot = LotExport.objects.create(format="bilans-classe", classe=cas["classe"],
                                   parametres={"campagne": cas["campagne"].pk},
                                   auteur=cas["prof"], etat=EtatLot.EN_COURS, total=3, faits=1)
    client.force_login(cas["prof"])
    url = reverse("exports:lot", args=[lot.pk])
    page = client.get(url).content.decode()
    assert "Préparation en cours : 1 document(s) sur 3." in page
    assert f'hx-get="{url}"' in page and 'hx-trigger="every 2s"' in page
    assert "suivi/htmx.min.js" in page and "<style" not in page.split("<body")[1]
    barre = client.get(url, **HTMX).content.decode()
    assert '<progress class="cpro-progression" max="3" value="1"' in barre
    assert "<html" not in barre
    assert client.get(reverse("exports:lot_telecharger",
                              args=[lot.pk])).status_code == 404   # nothing to fetch yet

    LotExport.objects.filter(pk=lot.pk).update(etat=EtatLot.TERMINE, faits=3)
    fini = client.get(url, **HTMX)
    assert fini.status_code == 204 and fini["HX-Refresh"] == "true"


def test_a_second_request_while_it_runs_does_not_queue_twice(client, cas):
    en_cours = LotExport.objects.create(
        format="bilans-classe", classe=cas["classe"],
        parametres={"campagne": cas["campagne"].pk}, auteur=cas["prof"], etat=EtatLot.EN_FILE)
    client.force_login(cas["prof"])
    response = client.post(reverse("bilans_documents:lot_lancer", args=[cas["campagne"].pk]))
    assert response["Location"] == reverse("exports:lot", args=[en_cours.pk])
    assert LotExport.objects.count() == 1
    assert taches.produire_lot.call(en_cours.pk) == EtatLot.TERMINE
    assert taches.produire_lot.call(en_cours.pk) == "déjà traité"   # delivered twice: once


def test_a_failure_is_said_in_french_and_leaves_no_file(client, cas, monkeypatch):
    def casse(bilan):
        raise RuntimeError("police introuvable")

    monkeypatch.setattr(integres, "bilan_pdf", casse)
    client.force_login(cas["prof"])
    client.post(reverse("bilans_documents:lot_lancer", args=[cas["campagne"].pk]))
    lot = LotExport.objects.get()
    assert lot.etat == EtatLot.ECHOUE and not lot.fichier
    page = client.get(reverse("exports:lot", args=[lot.pk])).content.decode()
    assert "Erreur inattendue pendant la production des documents" in page
    assert "police introuvable" in page   # the cause, with the learner it stopped at
    assert "Le document de Prénom ARNAUD n’a pas pu être produit" in page
    assert client.get(reverse("exports:lot_telecharger",
                              args=[lot.pk])).status_code == 404


def test_the_archive_is_stored_without_a_url(cas, client):
    client.force_login(cas["prof"])
    client.post(reverse("bilans_documents:lot_lancer", args=[cas["campagne"].pk]))
    lot = LotExport.objects.get()
    with pytest.raises(ValueError, match="no URL"):
        lot.fichier.url
