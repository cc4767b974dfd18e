"""Hostile files: the reader trusts no declared size, stops at its limits, and says why.

The limits are patched down where a real-sized attack would be slow to build; each test
checks that the reader stopped early (rows parsed, bytes inflated), not only that it refused.
"""
import time

import pytest
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from cpro_platform.etablissements.imports import lecture
from cpro_platform.etablissements.imports.lecture import FichierIllisible, lire

from . import hostiles
from .conftest import csv


@pytest.fixture
def lignes_analysees(monkeypatch) -> list:
    """Counts the rows openpyxl actually parses (one call of ``_get_row`` per sheet row)."""
    appels = []
    get_row = ReadOnlyWorksheet._get_row

    def compter(self, *args, **kwargs):
        appels.append(1)
        return get_row(self, *args, **kwargs)

    monkeypatch.setattr(ReadOnlyWorksheet, "_get_row", compter)
    return appels


def test_dimension_bomb_reads_only_the_real_rows(lignes_analysees):
    """1.6 KB declaring A1:XFD1048576 once made the reader build 16 billion cells (a
    MemoryError after half a minute)."""
    contenu = hostiles.bombe_dimension()
    assert len(contenu) < 10_000
    tableau = lire(contenu, "bombe.xlsx")
    assert tableau.entetes == ["INE", "Nom"] and tableau.lignes == [["123456789AB", "Dupont"]]
    lignes_analysees.clear()
    debut = time.perf_counter()
    with pytest.raises(FichierIllisible, match="Le fichier dépasse 5000 lignes"):
        lire(hostiles.bombe_dimension(derniere_ligne_vide=True), "bombe.xlsx")
    assert time.perf_counter() - debut < 2
    assert len(lignes_analysees) == 2  # the missing rows between are never built


def test_a_value_in_the_last_column_is_refused_without_building_the_grid():
    with pytest.raises(FichierIllisible, match="Ligne 2 : plus de 100 colonnes remplies"):
        lire(hostiles.cellule_en_xfd(), "large.xlsx")


def test_too_many_columns(monkeypatch):
    monkeypatch.setattr(lecture, "COLONNES_MAX", 20)
    assert lire(hostiles.trop_de_colonnes(20), "ok.xlsx").entetes[-1] == "Col 19"
    with pytest.raises(FichierIllisible, match="Ligne 1 : plus de 20 colonnes remplies"):
        lire(hostiles.trop_de_colonnes(21), "large.xlsx")
    with pytest.raises(FichierIllisible, match="Ligne 2 : plus de 20 colonnes remplies"):
        lire(csv("INE;Nom", ";".join(["x"] * 21)), "large.csv")


def test_too_many_xlsx_rows_stop_the_reading_at_the_limit(monkeypatch, lignes_analysees):
    monkeypatch.setattr(lecture, "LIGNES_MAX", 10)
    assert len(lire(hostiles.trop_de_lignes(10), "ok.xlsx").lignes) == 10
    lignes_analysees.clear()
    with pytest.raises(FichierIllisible, match="Le fichier dépasse 10 lignes"):
        lire(hostiles.trop_de_lignes(5_000), "long.xlsx")
    assert len(lignes_analysees) <= 12  # the header, 10 rows, the one too many


def test_too_many_csv_rows(monkeypatch):
    monkeypatch.setattr(lecture, "LIGNES_MAX", 10)
    assert len(lire(csv("INE;Nom", *["1;x"] * 10), "ok.csv").lignes) == 10
    with pytest.raises(FichierIllisible, match="Le fichier dépasse 10 lignes"):
        lire(csv("INE;Nom", *["1;x"] * 11), "long.csv")


def test_blank_rows_cannot_make_the_reading_endless(monkeypatch):
    """Rows are numbered by the file: a row 10^12 would make openpyxl yield 10^12 blanks."""
    monkeypatch.setattr(lecture, "LIGNES_MAX", 10)
    debut = time.perf_counter()
    with pytest.raises(FichierIllisible, match="Le fichier dépasse 10 lignes"):
        lire(hostiles.ligne_lointaine(10**12), "loin.xlsx")
    assert time.perf_counter() - debut < 2
    with pytest.raises(FichierIllisible, match="Le fichier dépasse 10 lignes"):
        lire(csv("INE;Nom", *[";"] * 30, "1;x"), "vide.csv")


def test_shared_strings_bomb_is_refused_from_the_central_directory(monkeypatch,
                                                                   lignes_analysees):
    monkeypatch.setattr(lecture, "XLSX_DECOMPRESSE_MAX", 1024 * 1024)
    contenu = hostiles.bombe_chaines(2 * 1024 * 1024)
    assert len(contenu) < 20_000
    with pytest.raises(FichierIllisible, match="trop volumineux une fois décompressé"):
        lire(contenu, "chaines.xlsx")
    assert not lignes_analysees


def test_inflated_bytes_are_also_counted_while_reading(monkeypatch):
    """Should the central directory lie (or its check be skipped), the reading still stops."""
    monkeypatch.setattr(lecture, "XLSX_DECOMPRESSE_MAX", 1024 * 1024)
    monkeypatch.setattr(lecture, "_verifier_repertoire", lambda archive: None)
    lus = []
    lire_membre = lecture._MembreBorne.read

    def espion(self, n=-1):
        donnees = lire_membre(self, n)
        lus.append(len(donnees))
        return donnees

    monkeypatch.setattr(lecture._MembreBorne, "read", espion)
    with pytest.raises(FichierIllisible, match="trop volumineux une fois décompressé"):
        lire(hostiles.bombe_chaines(4 * 1024 * 1024), "chaines.xlsx")
    assert sum(lus) <= 1024 * 1024 + 2 * lecture.MORCEAU


def test_too_many_zip_members():
    with pytest.raises(FichierIllisible, match="trop d’éléments"):
        lire(hostiles.trop_de_membres(lecture.XLSX_MEMBRES_MAX), "membres.xlsx")


def test_a_nested_zip_is_never_opened():
    """An embedded zip is one opaque member: its own bomb is never inflated."""
    contenu = hostiles.zip_imbrique(200 * 1024 * 1024)
    assert len(contenu) < 1024 * 1024
    debut = time.perf_counter()
    assert lire(contenu, "imbrique.xlsx").lignes == [["123456789AB", "Dupont"]]
    assert time.perf_counter() - debut < 2


def test_file_over_the_size_limit_is_refused_before_parsing(monkeypatch):
    def interdit(*args, **kwargs):
        raise AssertionError("parsed a file over the size limit")

    monkeypatch.setattr(lecture, "_decoder", interdit)
    ligne = b"INE;Nom\n" + b"x" * (10 * 1024 * 1024) + b"\n"
    with pytest.raises(FichierIllisible, match="Le fichier dépasse 5 Mo"):
        lire(ligne, "ligne.csv")


def test_csv_cell_over_the_field_limit_is_a_clear_refusal():
    """A 1 MB cell (under the size limit) made the csv module raise: an error page (500)."""
    contenu = b"INE;Nom\n1;" + b"x" * (1024 * 1024) + b"\n"
    with pytest.raises(FichierIllisible, match="Ligne 2 : une cellule est trop longue"):
        lire(contenu, "cellule.csv")


def test_entity_expansion_in_an_xlsx_is_refused():
    """A "billion laughs" in the shared strings: openpyxl's defusedxml parser refuses it."""
    entites = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
               b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
               b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               b"<si><t>&b;</t></si></sst>")
    contenu = hostiles.avec_chaines(entites)
    with pytest.raises(FichierIllisible, match="illisible"):
        lire(contenu, "entites.xlsx")


def test_xml_error_inside_the_sheet_is_a_clear_refusal():
    """Worksheets are parsed while rows are read: their errors must be caught there too."""
    contenu = hostiles.reemballer(hostiles.xlsx(["INE"], ["1"]),
                                  {hostiles.FEUILLE: b"<worksheet><sheetData><row>"})
    with pytest.raises(FichierIllisible, match="illisible"):
        lire(contenu, "casse.xlsx")
