"""The referential browser as a visitor sees it: /referentiels/ and /referentiels/<code>/<version>/."""
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpro_platform.referentials.models import Referentiel
from cpro_platform.referentials.templatetags.referentiels import duree, nombre

from .conftest import MINI

pytestmark = pytest.mark.django_db

NOTE = "Written by the test authors; not an official text."


def page(client, url, status=200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status
    return BeautifulSoup(response.content, "html.parser")


def texte(element) -> str:
    return " ".join(element.get_text(" ").split())


def badge(element):
    """The "Provisoire" badge of this element itself (not of its children)."""
    return element.find("span", class_="fr-badge--warning", string="Provisoire")


def detail_url(code="MINI", version="2024") -> str:
    return reverse("referentials:detail", args=[code, version])


# --- list -----------------------------------------------------------------------------------

def test_list_shows_each_active_referential_with_its_identity_and_size(client, synced_mini):
    soup = page(client, reverse("referentials:list"))
    carte = soup.find(id="referentiel-MINI-2024")
    assert carte.find("a", href=detail_url()).get_text(strip=True) == "Bac pro de démonstration"
    contenu = texte(carte)
    for attendu in ("Baccalauréat professionnel", "niveau 4", "MINI 2024", "RNCP99999",
                    "40099999", "Plugin fixture (fixture-dist 1.0)",
                    "2 blocs, 3 compétences, 3 critères", "Contenu provisoire"):
        assert attendu in contenu
    assert "inactif" not in contenu
    assert soup.find(id="plus-fournis") is None


def test_list_query_count_does_not_grow_with_referentials(client, sync_files,
                                                         referentiel_genere):
    sync_files(MINI)
    with CaptureQueriesContext(connection) as une:
        client.get(reverse("referentials:list"))
    sync_files(MINI, referentiel_genere("GRAND", blocs=4, competences=5, criteres=3),
               referentiel_genere("AUTRE", blocs=2, competences=2, criteres=2))
    with CaptureQueriesContext(connection) as trois:
        soup = page(client, reverse("referentials:list"))
    assert "4 blocs, 20 compétences, 60 critères" in texte(soup.find(id="referentiel-GRAND-1"))
    assert len(trois) == len(une) <= 1


def test_referential_no_longer_provided_is_listed_apart(client, admin_client, synced_mini,
                                                       sync_files):
    sync_files()  # the plugin stopped providing MINI
    soup = page(client, reverse("referentials:list"))
    section = soup.find(id="plus-fournis")
    assert "ne sont plus fournis" in texte(section)
    assert "Aucun plugin installé ne fournit plus ces référentiels" in texte(soup)
    assert "Aucun référentiel n’est encore synchronisé" in texte(soup)  # none active
    assert "inactif" not in texte(soup.find(id="referentiel-MINI-2024"))
    # Staff see the technical word too.
    staff = page(admin_client, reverse("referentials:list"))
    assert "inactif" in texte(staff.find(id="referentiel-MINI-2024"))
    # Still readable, since evaluations may point at it.
    assert "Ce référentiel n’est plus fourni" in texte(page(client, detail_url()))


# --- detail ---------------------------------------------------------------------------------

def test_detail_header_and_mastery_scale(client, synced_mini):
    soup = page(client, detail_url())
    assert soup.find("h1").get_text(" ", strip=True).startswith("Bac pro de démonstration")
    fiche = texte(soup.find("dl", class_="cpro-fiche"))
    for attendu in ("Version 2024", "niveau 4", "RNCP RNCP99999", "Code diplôme 40099999",
                    "Arrêté Arrêté fictif du 1er janvier 2024",
                    "Provenance Officiel — Arrêté fictif du 1er janvier 2024, annexe I",
                    "fixture (fixture-dist 1.0)"):
        assert attendu in fiche
    echelle = texte(soup.find(id="echelle"))
    assert "1 Non maîtrisé" in echelle and "4 Bien maîtrisé" in echelle


def test_detail_blocs_competences_criteres_and_units(client, synced_mini):
    soup = page(client, detail_url())
    b1 = soup.find(id="bloc-B1")
    assert texte(b1.find("h3")) == "B1 Réaliser une intervention"
    assert "Unité certificative : U31 — Réalisation" in texte(b1)
    assert [texte(h) for h in b1.find_all("h4")] == [
        "C1 Collecter les informations", "C2 Réaliser"]
    critere = soup.find(id="critere-C1-C1.a")
    assert "C1.a Les informations sont complètes" in texte(critere)
    assert "Le dossier est rempli" in texte(critere.find("ul", class_="cpro-indicateurs"))
    assert "Unité certificative : U2 — Analyse" in texte(soup.find(id="bloc-B2"))
    unite = soup.find(id="unite-U31")
    assert texte(unite.find("th")) == "U31" and "B1" in texte(unite) and "E31" in texte(unite)


def test_detail_activities_with_their_competences(client, synced_mini):
    soup = page(client, detail_url())
    pole = soup.find(id="pole-P1")
    assert texte(pole.find("h3")).startswith("P1 Réaliser")
    activite = pole.find(id="activite-P1-A1.1")
    assert "A1.1 Préparer l'intervention" in texte(activite.find("th"))
    assert [a["href"] for a in activite.select(".cpro-codes a")] == [
        "#competence-C1", "#competence-C2"]


def test_detail_exam_rules(client, synced_mini):
    soup = page(client, detail_url())
    table = soup.find(id="epreuves").find("table")
    assert table.find("caption") is not None
    assert all(th.get("scope") == "col" for th in table.find("thead").find_all("th"))

    def cellules(code):
        row = soup.find(id=f"epreuve-{code}")
        return [texte(c) for c in row.find_all(["th", "td"])]

    e2 = cellules("E2")
    assert e2[0].startswith("E2 Épreuve d'analyse")
    assert e2[1:] == ["U2", "3", "Ponctuel", "écrite", "3 h", "C3"]
    e3 = cellules("E3")
    assert e3[2] == "4,5 (total)" and e3[6] == "C1 C2"  # evaluated through E31
    e31 = cellules("E31")
    assert "Sous-épreuve de E3" in e31[0]
    assert e31[1:6] == ["U31", "4,5", "CCF", "pratique, orale", "— non renseigné"]
    rows = [tr["id"] for tr in table.find("tbody").find_all("tr")]
    assert rows == ["epreuve-E2", "epreuve-E3", "epreuve-E31"]


def test_detail_default_weightings_with_total(client, synced_mini):
    soup = page(client, detail_url())
    e31 = soup.find(id="ponderations-E31")
    caption = e31.find("caption")
    assert texte(caption).startswith("E31 — Réalisation Provisoire")
    assert badge(caption)["title"] == NOTE  # one badge for the table: one entry in the file
    lignes = [texte(tr) for tr in e31.find("tbody").find_all("tr")]
    assert lignes == ["C1 Collecter les informations 40 %", "C2 Réaliser 60 %"]
    assert texte(e31.find("tfoot")) == "Total 100 %"
    assert texte(soup.find(id="ponderations-E2").find("tfoot")) == "Total 100 %"


def test_provisional_content_is_badged_and_explained(client, synced_mini):
    soup = page(client, detail_url())
    avertissement = texte(soup.find(id="avertissement-provisoire"))
    assert ("Contenu provisoire : rédigé par les mainteneurs du plugin, à vérifier avec le "
            "texte officiel") in avertissement
    provisoires = [soup.find(id="bloc-B2").find("h3"), soup.find(id="critere-C1-C1.a"),
                   soup.find(id="pole-P1").find("h3"), soup.find(id="epreuve-E31").find("th")]
    for element in provisoires:
        assert badge(element)["title"] == NOTE
        tooltip = element.find(role="tooltip")
        assert texte(tooltip) == NOTE
        assert element.find("button", attrs={"aria-describedby": tooltip["id"]})
    officiels = [soup.find("h1"), soup.find(id="bloc-B1").find("h3"),
                 soup.find(id="competence-C1").find("h4"), soup.find(id="unite-U2")]
    for element in officiels:
        assert badge(element) is None
        assert "Officiel" not in texte(element)  # same reference as the header: not repeated


def test_official_reference_other_than_the_header_one_is_shown_discreetly(client, sync_files,
                                                                         tmp_path):
    toml = MINI.read_text(encoding="utf-8").replace(
        "[sources.equipe]",
        '[sources.annexe2]\nstatut = "officiel"\nreference = "Annexe II"\n\n[sources.equipe]',
    ).replace('code = "C2"\n  intitule = "Réaliser"\n  provenance = "officiel"',
              'code = "C2"\n  intitule = "Réaliser"\n  provenance = "annexe2"')
    (tmp_path / "mini.toml").write_text(toml, encoding="utf-8")
    sync_files(tmp_path / "mini.toml")
    titre = page(client, detail_url()).find(id="competence-C2").find("h4")
    assert badge(titre) is None
    reference = titre.find(class_="cpro-reference")
    assert texte(reference.find(role="tooltip")) == "Officiel : Annexe II"
    assert texte(reference.find("button")) == "Référence officielle"


def test_referential_without_provisional_content_has_no_warning(client, sync_files, tmp_path):
    toml = MINI.read_text(encoding="utf-8").replace('provenance = "equipe"',
                                                    'provenance = "officiel"')
    (tmp_path / "mini.toml").write_text(toml, encoding="utf-8")
    sync_files(tmp_path / "mini.toml")
    soup = page(client, detail_url())
    assert soup.find(id="avertissement-provisoire") is None
    assert soup.find(class_="fr-badge--warning") is None
    assert "Contenu provisoire" not in texte(page(client, reverse("referentials:list")))


@pytest.mark.parametrize("code, version", [("MINI", "1999"), ("INCONNU", "2024")])
def test_unknown_referential_is_404(client, synced_mini, code, version):
    assert client.get(detail_url(code, version)).status_code == 404


def test_detail_query_count_is_constant(client, sync_files, referentiel_genere):
    petit = referentiel_genere("PETIT", blocs=2, competences=1, criteres=1)
    grand = referentiel_genere("GRAND", blocs=6, competences=8, criteres=5)
    sync_files(MINI, petit, grand)
    assert Referentiel.objects.get(code="GRAND").competences.count() == 48
    comptes = {}
    for code, version in [("MINI", "2024"), ("PETIT", "1"), ("GRAND", "1")]:
        with CaptureQueriesContext(connection) as queries:
            soup = page(client, detail_url(code, version))
        comptes[code] = len(queries)
    assert soup.find(id="critere-C6.8-C6.8.5") is not None  # the big one did render in full
    assert comptes["MINI"] == comptes["PETIT"] == comptes["GRAND"] <= 15, comptes


# --- formatting -----------------------------------------------------------------------------

@pytest.mark.parametrize("minutes, attendu", [
    (240, "4 h"), (90, "1 h 30"), (45, "45 min"), (65, "1 h 05"), (None, "")])
def test_durations_read_like_an_exam_timetable(minutes, attendu):
    assert duree(minutes) == attendu


def test_numbers_drop_useless_decimals():
    from decimal import Decimal
    assert [nombre(Decimal(v)) for v in ("3.00", "4.50", "100.00", "33.33")] == [
        "3", "4,5", "100", "33,33"]
