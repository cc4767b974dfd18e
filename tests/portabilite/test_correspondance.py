"""The referential version mapping (``correspondance_versions``): the identity default, a
plugin's own table, a code that cannot be placed — through the gateway and through an import
of an archive made on a version this installation does not have."""
import io

import pytest

from cpro_platform import hookimpl, plugins
from cpro_platform.etablissements.models import Apprenant
from cpro_platform.plugins import PluginInfo, get_plugin_manager
from cpro_platform.portabilite import archive
from cpro_platform.portabilite.importation import importer
from cpro_platform.regles import ErreurDeRegle, ReferentielRef
from cpro_platform.suivi.models import Etat, Evaluation
from tests import factories as f
from tests.regles.outils import passerelle
from tests.suivi import factories as sf

from .factories import referentiel
from .outils import comptes, remplacer_partout, resigner

V2019 = ReferentielRef("PORT", "2019", "fixture")
V2022 = ReferentielRef("PORT", "2022", "fixture")


class Renumerotation:
    """PORT 2019 → 2022: critère C9.9 became C1.2."""

    @hookimpl
    def correspondance_versions(self, referentiel_source, referentiel_cible, nature, codes,
                                codes_cibles):
        if (referentiel_source.version, referentiel_cible.version) != ("2019", "2022"):
            return None
        return {code: {"C9.9": "C1.2"}.get(code, code) for code in codes
                if {"C9.9": "C1.2"}.get(code, code) in codes_cibles}


class Fantaisiste:
    @hookimpl
    def correspondance_versions(self, referentiel_source, referentiel_cible, nature, codes,
                                codes_cibles):
        return {code: "Z0" for code in codes}


def test_par_defaut_l_identite_des_codes():
    table = passerelle().correspondance(V2019, V2022, "critere", ["C1.1", "C9.9"],
                                        ["C1.1", "C1.2"])
    assert table == {"C1.1": "C1.1", "C9.9": None}


def test_la_table_d_un_plugin():
    table = passerelle(("renumerotation", Renumerotation())).correspondance(
        V2019, V2022, "critere", ["C1.1", "C9.9", "C4.2"], ["C1.1", "C1.2"])
    assert table == {"C1.1": "C1.1", "C9.9": "C1.2", "C4.2": None}


def test_un_code_cible_inconnu_nomme_le_plugin():
    with pytest.raises(ErreurDeRegle) as erreur:
        passerelle(("fantaisiste", Fantaisiste())).correspondance(
            V2019, V2022, "competence", ["C1"], ["C1", "C2"])
    assert erreur.value.plugin.name == "fantaisiste"
    assert "Z0" in erreur.value.detail


@pytest.fixture
def archive_2019(db):
    """An archive as an installation with PORT 2019 wrote it (critère C1.2 there named
    ``code_c12``), of a learner unknown here; only PORT 2022 is installed here."""
    ref = referentiel()
    lycee = f.etablissement("Lycée Ancien")
    classe = f.classe(lycee, "1 ANCIEN", referentiel=ref)
    prof = f.enseignant(lycee, classe)
    eleve = f.apprenant(lycee, classe, nom="MIGRANT")
    criteres = list(ref.competences.get(code="C1").criteres.order_by("code"))
    tp = sf.situation(sf.scenario(classe), criteres, "TP ancien")
    for critere in criteres:
        Evaluation.objects.create(situation=tp, apprenant=eleve, critere=critere,
                                  etat=Etat.EVALUE, niveau=3, version=1, auteur=prof)
    octets = archive.exporter(eleve)

    def faire(code_c12: str = "C1.2") -> bytes:
        def en_2019(p):
            p.update(remplacer_partout(p, ["PORT", "2022"], ["PORT", "2019"]))
            p["referentiels"] = [{"code": "PORT", "version": "2019", "intitule": "PORT"}]
            p.update(remplacer_partout(p, "C1.2", code_c12))
            for rec in p["enregistrements"]["etablissements.apprenant"]:
                rec["champs"].update(ine=f.ine(), nom="VENU-DAILLEURS")
        return resigner(octets, en_2019)
    return faire


def test_un_dossier_d_une_autre_version_est_place_par_identite(archive_2019):
    apercu = importer(archive.lire(io.BytesIO(archive_2019())), confirmer=True)
    assert apercu.refus == []
    assert apercu.referentiels == ["PORT 2019 → PORT 2022 (non installé : placé par la "
                                   "correspondance des versions)"]
    venu = Apprenant.objects.get(nom="VENU-DAILLEURS")
    assert sorted(venu.evaluations.values_list("critere__code", "critere__competence__"
                                               "referentiel__version")) == [
        ("C1.1", "2022"), ("C1.2", "2022")]


def test_un_critere_que_la_correspondance_ne_place_pas(archive_2019):
    avant = comptes()
    apercu = importer(archive.lire(io.BytesIO(archive_2019("C9.9"))), confirmer=True)
    assert comptes() == avant
    assert len(apercu.refus) == 1
    assert ("référentiel PORT version 2019 non installé ; versions installées : 2022 ; la "
            "correspondance ne place pas les critères : C9.9") in apercu.refus[0]


def test_la_table_d_un_plugin_place_le_critere_renumerote(archive_2019, monkeypatch):
    pm = get_plugin_manager(entry_points=[])
    pm.infos["renumerotation"] = PluginInfo("renumerotation", "cpro-renumerotation", "1.0")
    pm.register(Renumerotation(), name="renumerotation")
    monkeypatch.setattr(plugins, "_cached", pm)

    apercu = importer(archive.lire(io.BytesIO(archive_2019("C9.9"))), confirmer=True)

    assert apercu.refus == []
    venu = Apprenant.objects.get(nom="VENU-DAILLEURS")
    assert sorted(venu.evaluations.values_list("critere__code", flat=True)) == ["C1.1", "C1.2"]


def test_un_referentiel_absent_de_l_installation(archive_2019):
    def inconnu(p):
        p.update(remplacer_partout(p, ["PORT", "2019"], ["CPA", "2019"]))
        p["referentiels"] = [{"code": "CPA", "version": "2019", "intitule": "?"}]
    octets = resigner(archive_2019(), inconnu)
    avant = comptes()
    apercu = importer(archive.lire(io.BytesIO(octets)), confirmer=True)
    assert comptes() == avant
    assert "référentiel CPA version 2019 non installé ; aucune version installée" in \
        apercu.refus[0]
