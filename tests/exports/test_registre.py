"""One registry: a plugin's format appears in the command and the UI, runs through the same
code, and a plugin that registers badly or fails is named."""
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cpro_platform import hookimpl
from cpro_platform.regles import (
    APPRENANT, CLASSE, ErreurDeRegle, Fichier, FormatExport, Production, regles)
from tests.exports.outils import PluginReleve, cas, installer, plugin_releve  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_built_in_formats_come_from_the_core_plugin():
    formats = regles().formats_export()
    assert list(formats) == ["livret-pdf", "bilan-pdf", "lsl-pro-apprenant", "bilans-classe",
                             "livrets-classe", "lsl-pro", "commission-xlsx", "commission-pdf",
                             "proces-verbal-pdf", "grilles-ccf"]
    assert {f.plugin.name for f in formats.values()} == {"core_plugins.default_exports"}
    assert formats["bilans-classe"].format.arriere_plan
    assert formats["grilles-ccf"].format.arriere_plan
    assert formats["lsl-pro"].format.portee == CLASSE
    assert formats["livret-pdf"].format.portee == APPRENANT


def test_a_plugin_format_is_listed_by_the_command(plugin_releve):
    sortie = io.StringIO()
    call_command("exporter", "--list", stdout=sortie)
    lignes = sortie.getvalue().splitlines()
    ligne = next(ligne for ligne in lignes if ligne.startswith("releve-test"))
    assert ligne.split("\t") == ["releve-test", "classe", "txt", "immédiat",
                                 "Relevé de test (TXT)", "[fixture_releve]"]
    assert any(ligne.startswith("lsl-pro\t") for ligne in lignes)


def test_a_plugin_format_is_offered_on_the_class_page_and_runs(client, plugin_releve):
    c = cas()
    client.force_login(c.prof)
    page = client.get(reverse("exports:classe", args=[c.classe.pk])).content.decode()
    url = reverse("exports:exporter_classe", args=[c.classe.pk, "releve-test"])
    assert "Relevé de test (TXT)" in page and f'href="{url}"' in page
    assert "fourni par le plugin fixture_releve" in page
    assert "Format d’essai d’un plugin." in page
    response = client.get(url)
    assert response["Content-Type"] == "text/plain"
    assert 'attachment; filename="releve.txt"' == response["Content-Disposition"]
    assert response.content.decode().splitlines() == ["ARNAUD", "BERTIN", "COLIN", "DUPONT"]


class Doublon:
    @hookimpl
    def register_exports(self, register):
        register(FormatExport(code="lsl-pro", libelle="Autre LSL", portee=CLASSE,
                              type_media="text/csv", extension="csv",
                              produire=lambda demande: None))


class Mauvais:
    @hookimpl
    def register_exports(self, register):
        register({"code": "pas-un-format"})


class CodeInvalide:
    @hookimpl
    def register_exports(self, register):
        register(FormatExport(code="Pas Un Slug", libelle="x", portee="eleve",
                              type_media="text/csv", extension="csv",
                              produire=lambda demande: None))


@pytest.mark.parametrize("plugin,attendu", [
    (Doublon(), "format code 'lsl-pro' is already registered by "
                "'core_plugins.default_exports'"),
    (Mauvais(), "TypeError: register() takes a FormatExport, not a dict"),
    (CodeInvalide(), "code 'Pas Un Slug' is not a slug"),
])
def test_a_bad_registration_names_the_plugin(monkeypatch, plugin, attendu):
    installer(monkeypatch, ("fixture_mauvais", plugin))
    with pytest.raises(ErreurDeRegle) as erreur:
        regles().formats_export()
    assert erreur.value.plugin.name == "fixture_mauvais"
    assert erreur.value.regle == "register_exports" and attendu in erreur.value.detail
    with pytest.raises(CommandError, match="fixture_mauvais"):
        call_command("exporter", "--list", stdout=io.StringIO())


def casse(demande):
    raise RuntimeError("gabarit perdu")


def deux_fichiers(demande):
    return Production((Fichier("a.csv", b"a"), Fichier("b.csv", b"b")))


class Defaillant:
    @hookimpl
    def register_exports(self, register):
        register(FormatExport(code="casse", libelle="Cassé", portee=CLASSE,
                              type_media="text/csv", extension="csv", produire=casse))
        register(FormatExport(code="deux", libelle="Deux fichiers", portee=CLASSE,
                              type_media="text/csv", extension="csv", produire=deux_fichiers))


@pytest.mark.parametrize("code,detail", [
    ("casse", "RuntimeError: gabarit perdu"),
    ("deux", "produced 2 files; a .csv format produces exactly one"),
])
def test_a_failing_producer_is_named_and_nothing_is_written(client, monkeypatch, tmp_path,
                                                           code, detail):
    installer(monkeypatch, ("fixture_defaillant", Defaillant()))
    c = cas()
    client.force_login(c.prof)
    retour = reverse("exports:classe", args=[c.classe.pk])
    response = client.get(reverse("exports:exporter_classe", args=[c.classe.pk, code]))
    assert response.status_code == 302 and response["Location"] == retour
    page = client.get(retour).content.decode()
    assert "L’export a échoué : le plugin fixture_defaillant (distribution " \
           "cpro-fixture_defaillant version 1.2.3) a échoué" in page
    assert detail in page and "Aucun fichier n’a été produit." in page

    out = tmp_path / "sortie.csv"
    with pytest.raises(CommandError, match="fixture_defaillant") as erreur:
        call_command("exporter", code, "--classe", str(c.classe.pk), "--out", str(out))
    assert detail in str(erreur.value)
    assert list(tmp_path.iterdir()) == []


def test_only_the_unverified_formats_carry_the_warning_badge(client):
    from django.utils import translation

    from tests.exports.outils import cas
    c = cas()
    client.force_login(c.prof)
    for langue in ("fr", "en"):
        with translation.override(langue):
            page = client.get(reverse("exports:classe", args=[c.classe.pk]),
                              HTTP_ACCEPT_LANGUAGE=langue).content.decode()
        # lsl-pro is the class page's only provisional format, whatever the language
        assert page.count("fr-badge--warning") == 1, langue
