"""Attestations of acquired compétences: from validated bilans only, frozen at issue."""
import pytest
from django.urls import reverse

from cpro_platform import hookimpl, plugins
from cpro_platform.bilans.models import Attestation, Bilan
from cpro_platform.plugins import PluginInfo, get_plugin_manager
from tests import factories as f
from tests.bilans_documents.factories import bilan_valide, campagne, e32, texte_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def cas():
    e = f.etablissement("Lycée Jean Moulin")
    classe = f.classe(e, "T MV-C")
    prof = f.enseignant(e, classe)
    a = f.apprenant(e, classe, nom="FERRAND", compte=True)
    return {"e": e, "classe": classe, "prof": prof, "a": a, "ex": e32(classe.referentiel)}


def _valider(cas, niveaux: dict, titre="Bilan de fin de cycle") -> Bilan:
    ex = cas["ex"]
    return bilan_valide(cas["a"], campagne(cas["classe"], cas["prof"], titre), cas["prof"],
                        {ex.competences[code]: n for code, n in niveaux.items()})


def _delivrer(client, cas, motif="fin_de_cycle"):
    client.force_login(cas["prof"])
    return client.post(reverse("bilans_documents:attestation_delivrer", args=[cas["a"].pk]),
                       {"motif": motif})


def test_refused_without_a_validated_bilan_and_nothing_written(client, cas):
    Bilan.objects.create(apprenant=cas["a"], campagne=campagne(cas["classe"], cas["prof"]),
                         referentiel=cas["classe"].referentiel, date=f.jours(0),
                         cree_par=cas["prof"])   # a draft does not count
    client.force_login(cas["prof"])
    url = reverse("bilans_documents:attestation_delivrer", args=[cas["a"].pk])
    page = client.get(url).content.decode()
    assert ("Aucun bilan validé pour Prénom FERRAND : une attestation de compétences ne peut "
            "être délivrée qu’à partir d’un bilan validé.") in page
    assert "Délivrer l’attestation" not in page
    response = _delivrer(client, cas)
    assert response.status_code == 200
    assert "Aucun bilan validé pour Prénom FERRAND" in response.content.decode()
    assert not Attestation.objects.exists()


def test_issued_from_the_latest_validated_bilan_with_version_and_provenance(client, cas):
    _valider(cas, {"C2.1": 1, "C2.2": 1, "C2.3": 1}, "Bilan d’octobre")
    bilan = _valider(cas, {"C2.1": 3, "C2.2": 2, "C2.3": 4})
    response = _delivrer(client, cas)
    attestation = Attestation.objects.get()
    assert response["Location"] == reverse("bilans_documents:apprenant", args=[cas["a"].pk])
    assert attestation.bilan == bilan and attestation.motif == "Fin de cycle de formation"
    assert attestation.contenu["referentiel"]["version"] == "2024"
    assert [c["code"] for b in attestation.contenu["blocs"] for c in b["competences"]
            if c["acquise"]] == ["C2.1", "C2.3"]   # at or above the threshold (3)

    liste = client.get(response["Location"]).content.decode()
    url = reverse("bilans_documents:attestation_pdf", args=[attestation.pk])
    assert url in liste
    texte = texte_pdf(client.get(url).content)
    assert "Attestation de compétences acquises" in texte and "Prénom FERRAND" in texte
    assert "Lycée Jean Moulin" in texte and cas["e"].uai in texte and "T MV-C" in texte
    assert "Référentiel MINI version 2024" in texte
    assert f"bilan intermédiaire validé du {bilan.date:%d/%m/%Y}" in texte
    assert "Compétences acquises (2 sur 3)" in texte
    acquises = texte[texte.index("Compétences acquises"):texte.index("en cours d’acquisition")]
    assert "Intitulé de C2.1" in acquises and "Intitulé de C2.3" in acquises
    assert "Intitulé de C2.2" not in acquises
    assert "3 – Maîtrisé" in acquises and "4 – Bien maîtrisé" in acquises
    # Provenance: the referential's, and C2.3's provisional content badged with its note.
    assert "Provenance du référentiel : Officiel. Fourni par le plugin fixture" in texte
    ligne = next(line for line in texte.splitlines() if "Intitulé de C2.3" in line)
    assert "Provisoire" in ligne
    assert "Rédigé d’après le projet de référentiel" in texte
    assert "Motif : Fin de cycle de formation" in texte


def test_a_delivered_attestation_prints_its_frozen_content(client, cas):
    _valider(cas, {"C2.1": 3, "C2.2": 2, "C2.3": 4})
    _delivrer(client, cas, "depart")
    attestation = Attestation.objects.get()
    contenu = attestation.contenu
    # Everything moves afterwards: a new bilan, a re-synced title, a renamed class.
    _valider(cas, {"C2.1": 1, "C2.2": 4, "C2.3": 1}, "Bilan rectifié")
    cas["ex"].competences["C2.1"].__class__.objects.filter(code="C2.1").update(
        intitule="Titre resynchronisé")
    cas["classe"].__class__.objects.filter(pk=cas["classe"].pk).update(nom="T MV-Z")

    texte = texte_pdf(client.get(reverse("bilans_documents:attestation_pdf",
                                         args=[attestation.pk])).content)
    attestation.refresh_from_db()
    assert attestation.contenu == contenu
    assert "Intitulé de C2.1" in texte and "Titre resynchronisé" not in texte
    assert "T MV-C" in texte and "T MV-Z" not in texte
    assert "Compétences acquises (2 sur 3)" in texte
    assert "Départ de l’établissement en cours de cycle" in texte


class SeuilCasse:
    @hookimpl
    def seuil_maitrise(self, referentiel, echelle):
        raise RuntimeError("table des seuils absente")


def test_a_failing_threshold_rule_is_named_and_nothing_is_written(client, cas, monkeypatch):
    pm = get_plugin_manager(entry_points=[])
    pm.infos["fixture_seuil"] = PluginInfo("fixture_seuil", "cpro-fixture-seuil", "2.0")
    pm.register(SeuilCasse(), name="fixture_seuil")
    monkeypatch.setattr(plugins, "_cached", pm)
    _valider(cas, {"C2.1": 3, "C2.2": 2, "C2.3": 4})
    body = _delivrer(client, cas).content.decode()
    assert ("Le plugin fixture_seuil (distribution cpro-fixture-seuil version 2.0) a échoué : "
            "RuntimeError: table des seuils absente. Aucune attestation n’a été délivrée."
            ) in body
    assert not Attestation.objects.exists()
