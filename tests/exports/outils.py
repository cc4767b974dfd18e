"""Exports test data: a class on the worked example's référentiel (LSL Pro scale 1–4) with a
teacher, scolaires and an apprentice, and a plugin registering its own format."""
from dataclasses import dataclass

import pytest

from cpro_platform import hookimpl, plugins
from cpro_platform.etablissements.models import Statut
from cpro_platform.plugins import PluginInfo, get_plugin_manager
from cpro_platform.regles import CLASSE, FormatExport, Production, Fichier
from tests import factories as f
from tests.bilans_documents.factories import E32, e32


@dataclass
class Cas:
    classe: object
    prof: object
    ex: E32
    eleves: list          # ARNAUD, BERTIN, COLIN (scolaires)
    apprenti: object      # DUPONT


def cas() -> Cas:
    e = f.etablissement()
    classe = f.classe(e, "T MV-X")
    prof = f.enseignant(e, classe)
    eleves = [f.apprenant(e, classe, nom=nom) for nom in ("ARNAUD", "BERTIN", "COLIN")]
    apprenti = f.apprenant(e, classe, nom="DUPONT", statut=Statut.APPRENTI)
    return Cas(classe, prof, e32(classe.referentiel), eleves, apprenti)


def releve(demande):
    """A plugin's class format: one line per learner of the class."""
    noms = sorted(i.apprenant.nom for i in demande.classe.inscriptions.select_related(
        "apprenant"))
    return Production((Fichier("releve.txt", "\n".join(noms).encode()),))


class PluginReleve:
    """What a plugin writes to add a format: a few lines."""

    @hookimpl
    def register_exports(self, register):
        register(FormatExport(code="releve-test", libelle="Relevé de test (TXT)",
                              portee=CLASSE, type_media="text/plain", extension="txt",
                              produire=releve, statut="Format d’essai d’un plugin."))


def installer(monkeypatch, *extensions: tuple[str, object]):
    """Make ``extensions`` (name, plugin) the process-wide plugins, after the core ones."""
    pm = get_plugin_manager(entry_points=[])
    for nom, plugin in extensions:
        pm.infos[nom] = PluginInfo(nom, f"cpro-{nom}", "1.2.3")
        pm.register(plugin, name=nom)
    monkeypatch.setattr(plugins, "_cached", pm)
    return pm


@pytest.fixture
def plugin_releve(monkeypatch):
    return installer(monkeypatch, ("fixture_releve", PluginReleve()))
