"""Hostile spreadsheets built in memory, small on disk: each attacks one limit of the reader."""
import io
import re
import zipfile

from .conftest import xlsx

FEUILLE = "xl/worksheets/sheet1.xml"
CHAINES = "xl/sharedStrings.xml"


def _membres(contenu: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
        return {nom: archive.read(nom) for nom in archive.namelist()}


def reemballer(contenu: bytes, remplacements: dict[str, bytes]) -> bytes:
    """The XLSX ``contenu`` with some members replaced or added."""
    membres = {**_membres(contenu), **remplacements}
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for nom, valeur in membres.items():
            archive.writestr(nom, valeur)
    return sortie.getvalue()


def _feuille(lignes_xml: str, dimension: str = "A1:B2") -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{lignes_xml}</sheetData></worksheet>'
            ).encode()


def _ligne(numero: int, *valeurs: str, premiere_colonne: int = 1) -> str:
    from openpyxl.utils import get_column_letter

    cellules = "".join(
        f'<c r="{get_column_letter(premiere_colonne + i)}{numero}" t="inlineStr"><is><t>{v}</t>'
        f'</is></c>' for i, v in enumerate(valeurs))
    return f'<row r="{numero}">{cellules}</row>'


def bombe_dimension(derniere_ligne_vide: bool = False) -> bytes:
    """Two real rows, but a sheet that declares the whole grid (A1:XFD1048576, 16 G cells);
    with ``derniere_ligne_vide``, it also ends with an empty row 1,048,576: a reader that pads
    rows to the declared size then builds them all."""
    base = xlsx(["INE", "Nom"], ["123456789AB", "Dupont"])
    feuille = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"',
                     _membres(base)[FEUILLE])
    if derniere_ligne_vide:
        feuille = feuille.replace(b"</sheetData>", b'<row r="1048576"/></sheetData>')
    assert b"XFD1048576" in feuille
    return reemballer(base, {FEUILLE: feuille})


def avec_chaines(chaines: bytes) -> bytes:
    """A workbook whose shared-strings part is ``chaines`` (openpyxl writes none itself)."""
    base = xlsx(["INE", "Nom"], ["123456789AB", "Dupont"])
    membres = _membres(base)
    rels = membres["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rIdChaines" />'
        b"</Relationships>"))
    types = membres["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" /></Types>'))
    return reemballer(base, {"xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types,
                             CHAINES: chaines})


def bombe_chaines(taille: int) -> bytes:
    """A shared-strings table of ``taille`` bytes that compresses to almost nothing."""
    si = b"<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>"
    corps = si * (taille // len(si))
    return avec_chaines(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                        b'openxmlformats.org/spreadsheetml/2006/main">' + corps + b"</sst>")


def trop_de_lignes(n: int) -> bytes:
    """A header and ``n`` data rows written straight as sheet XML (fast to build)."""
    lignes = [_ligne(1, "INE", "Nom")] + [_ligne(i, f"{i:09d}AB", "Nom") for i in range(2, n + 2)]
    return reemballer(xlsx(["INE", "Nom"]), {FEUILLE: _feuille(
        "".join(lignes))})


def ligne_lointaine(numero: int) -> bytes:
    """A header, then one row numbered ``numero``: every row between is missing."""
    lignes = _ligne(1, "INE", "Nom") + _ligne(numero, "123456789AB", "Dupont")
    return reemballer(xlsx(["INE", "Nom"]), {FEUILLE: _feuille(lignes)})


def trop_de_colonnes(n: int) -> bytes:
    lignes = _ligne(1, *[f"Col {i}" for i in range(n)]) + _ligne(2, *["x"] * n)
    return reemballer(xlsx(["INE", "Nom"]), {FEUILLE: _feuille(lignes)})


def cellule_en_xfd() -> bytes:
    """A normal header and a row with one more value in the last column (XFD, the 16,384th)."""
    def cellules(ligne: str) -> str:
        return ligne.removeprefix('<row r="2">').removesuffix("</row>")

    lignes = (_ligne(1, "INE", "Nom") + '<row r="2">' + cellules(_ligne(2, "123456789AB", "X"))
              + cellules(_ligne(2, "en trop", premiere_colonne=16384)) + "</row>")
    return reemballer(xlsx(["INE", "Nom"]), {FEUILLE: _feuille(lignes)})


def trop_de_membres(n: int) -> bytes:
    return reemballer(xlsx(["INE", "Nom"], ["123456789AB", "Dupont"]),
                      {f"xl/media/image{i}.bin": b"x" for i in range(n)})


def zip_imbrique(taille_interne: int) -> bytes:
    """A workbook carrying an embedded zip whose own member inflates to ``taille_interne``."""
    interne = io.BytesIO()
    with zipfile.ZipFile(interne, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("bombe.txt", b"\0" * taille_interne)
    return reemballer(xlsx(["INE", "Nom"], ["123456789AB", "Dupont"]),
                      {"xl/embeddings/oleObject1.zip": interne.getvalue()})
