"""Each built-in format, produced through the pages and parsed back (pypdf, csv, zipfile)."""
import csv
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpro_platform.bilans.models import OrigineNiveau
from cpro_platform.exports import lsl_pro, registre
from cpro_platform.regles import DemandeExport
from cpro_platform.referentials.models import Niveau
from tests import factories as f
from tests.bilans_documents.factories import bilan_valide, campagne, note, texte_pdf
from tests.exports.outils import cas

pytestmark = pytest.mark.django_db


def lire_csv(contenu: bytes) -> list[dict]:
    assert contenu.startswith("\ufeff".encode())   # BOM: spreadsheets read the accents
    return list(csv.DictReader(io.StringIO(contenu.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def c():
    c = cas()
    comp = c.ex.competences
    janvier = campagne(c.classe, c.prof, "Bilan de janvier", date=f.jours(-30))
    mars = campagne(c.classe, c.prof, "Bilan de mars", date=f.jours(-2))
    arnaud, bertin, _colin = c.eleves
    bilan_valide(arnaud, janvier, c.prof, {comp["C2.1"]: 1, comp["C2.2"]: 1, comp["C2.3"]: 1})
    # "Non évaluée à cette date" is the teacher's explicit decision.
    dernier = bilan_valide(arnaud, mars, c.prof,
                           {comp["C2.1"]: 3, comp["C2.2"]: 4, comp["C2.3"]: None},
                           origines={"C2.3": OrigineNiveau.NON_EVALUE})
    ancienne = note(dernier, c.ex.epreuve, c.prof, "12.00")
    ancienne.courante = False
    ancienne.save()
    note(dernier, c.ex.epreuve, c.prof, "13.25", "-1", motif="=HYPERLINK(\"http://x\")")
    bilan_valide(bertin, janvier, c.prof, {comp["C2.1"]: 2, comp["C2.2"]: 2, comp["C2.3"]: 2})
    bilan_valide(c.apprenti, mars, c.prof, {comp["C2.1"]: 4, comp["C2.2"]: 4,
                                            comp["C2.3"]: 4})
    c.dernier = dernier
    return c


def test_lsl_pro_of_the_class_gives_each_scolaire_their_degrees_and_marks(client, c):
    client.force_login(c.prof)
    response = client.get(reverse("exports:exporter_classe", args=[c.classe.pk, "lsl-pro"]))
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="lsl-pro-t-mv-x.csv"'
    lignes = lire_csv(response.content)
    assert list(lignes[0]) == list(lsl_pro.COLONNES)
    # Every row says which structure it is and that it is provisional.
    assert {ligne["format"] for ligne in lignes} == {"cpro-lsl-pro-provisoire/1"}
    assert all(ligne["statut_format"].startswith("PROVISOIRE") for ligne in lignes)
    par_eleve = {}
    for ligne in lignes:
        par_eleve.setdefault(ligne["nom"], []).append(ligne)
    # The apprentice is left out (no LSL Pro for apprentices), COLIN has no bilan.
    assert sorted(par_eleve) == ["ARNAUD", "BERTIN"]
    arnaud = [(l["nature"], l["code"], l["degre"], l["libelle_degre"], l["note_sur_20"],
               l["note_calculee"], l["modulation"], l["motif_modulation"])
              for l in par_eleve["ARNAUD"]]
    assert arnaud == [   # the latest bilan (March), its current mark only
        ("competence", "C2.1", "3", "Maîtrisé", "", "", "", ""),
        ("competence", "C2.2", "4", "Bien maîtrisé", "", "", "", ""),
        ("competence", "C2.3", "", "non évaluée à cette date", "", "", "", ""),
        ("epreuve", "E32", "", "", "12.25", "13.25", "-1.00", "'=HYPERLINK(\"http://x\")"),
    ]
    premiere = par_eleve["ARNAUD"][0]
    assert (premiere["ine"], premiere["classe"], premiere["date_bilan"]) == (
        c.eleves[0].ine, "T MV-X", c.dernier.date.isoformat())
    assert premiere["uai"] == c.classe.etablissement.uai
    assert [l["degre"] for l in par_eleve["BERTIN"]] == ["2", "2", "2"]


def test_lsl_pro_of_one_learner(client, c):
    client.force_login(c.prof)
    response = client.get(reverse("exports:exporter_apprenant",
                                  args=[c.eleves[0].pk, "lsl-pro-apprenant"]))
    lignes = lire_csv(response.content)
    assert {l["nom"] for l in lignes} == {"ARNAUD"} and len(lignes) == 4


@pytest.mark.parametrize("qui,message", [
    (2, "Aucun bilan validé pour Prénom COLIN : rien à exporter."),
    (3, "DUPONT (apprenti : le LSL Pro ne concerne que les élèves sous statut scolaire)"),
])
def test_lsl_pro_says_why_there_is_nothing(client, c, qui, message):
    eleve = (c.eleves + [c.apprenti])[qui]
    client.force_login(c.prof)
    response = client.get(reverse("exports:exporter_apprenant",
                                  args=[eleve.pk, "lsl-pro-apprenant"]))
    assert response["Location"] == reverse("exports:apprenant", args=[eleve.pk])
    assert message in client.get(response["Location"]).content.decode()


def test_lsl_pro_refuses_a_scale_that_is_not_the_four_degrees(client, c):
    Niveau.objects.filter(referentiel=c.classe.referentiel, valeur=4).delete()
    client.force_login(c.prof)
    response = client.get(reverse("exports:exporter_classe", args=[c.classe.pk, "lsl-pro"]))
    page = client.get(response["Location"]).content.decode()
    assert "Rien à exporter pour le LSL Pro" in page
    assert "n’est pas celle des 4 degrés du LSL Pro" in page


def test_the_bilan_pdf_is_the_latest_validated_one(client, c):
    client.force_login(c.prof)
    response = client.get(reverse("exports:exporter_apprenant",
                                  args=[c.eleves[0].pk, "bilan-pdf"]))
    assert response["Content-Type"] == "application/pdf"
    texte = texte_pdf(response.content)
    assert "Prénom ARNAUD" in texte and "Bilan de mars" in texte
    assert "C2.1 Intitulé de C2.1 3 – Maîtrisé" in texte   # March, not January's 1
    assert "C2.1 Intitulé de C2.1 1 –" not in texte


def test_the_livret_pdf(client, c):
    client.force_login(c.eleves[0].user or c.prof)
    response = client.get(reverse("exports:exporter_apprenant",
                                  args=[c.eleves[1].pk, "livret-pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="livret-bertin-prenom.pdf"' in response["Content-Disposition"]
    assert "Prénom BERTIN" in texte_pdf(response.content)


def test_the_class_livrets_run_in_the_background_one_pdf_each(client, c):
    client.force_login(c.prof)
    url = reverse("exports:exporter_classe", args=[c.classe.pk, "livrets-classe"])
    assert client.get(url).status_code == 405   # a background format is launched by POST
    response = client.post(url)
    page = client.get(response["Location"]).content.decode()
    assert "4 documents prêts." in page
    lien = reverse("exports:lot_telecharger", args=[int(response["Location"].split("/")[-2])])
    archive = client.get(lien)
    assert archive["Content-Type"] == "application/zip"
    contenu = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content)))
    assert sorted(n.split("-")[1] for n in contenu.namelist()) == [
        "arnaud", "bertin", "colin", "dupont"]
    assert "Prénom COLIN" in texte_pdf(contenu.read("livret-colin-prenom.pdf"))


def test_the_class_bilans_are_each_learners_latest(client, c):
    client.force_login(c.prof)
    response = client.post(reverse("exports:exporter_classe",
                                   args=[c.classe.pk, "bilans-classe"]))
    page = client.get(response["Location"]).content.decode()
    assert "3 documents prêts." in page and "Prénom COLIN" in page
    lot = response["Location"].split("/")[-2]
    archive = client.get(reverse("exports:lot_telecharger", args=[lot]))
    contenu = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content)))
    arnaud = next(n for n in contenu.namelist() if "arnaud" in n)
    assert "Bilan de mars" in texte_pdf(contenu.read(arnaud))


def test_lsl_pro_of_a_class_costs_the_same_queries_whatever_its_size():
    def requetes(c) -> int:
        with CaptureQueriesContext(connection) as capture:
            registre.produire(registre.format_("lsl-pro"), DemandeExport(classe=c.classe))
        return len(capture.captured_queries)

    c = cas()   # its apprentice and learners without a bilan are left out, at no cost
    janvier = campagne(c.classe, c.prof)
    mesures = []
    for nombre in (1, 3):
        for _ in range(nombre):
            eleve = f.apprenant(c.classe.etablissement, c.classe)
            bilan = bilan_valide(eleve, janvier, c.prof,
                                 {comp: 3 for comp in c.ex.competences.values()})
            note(bilan, c.ex.epreuve, c.prof, "15.00")
        mesures.append(requetes(c))
    assert mesures[0] == mesures[1] <= 8, mesures
