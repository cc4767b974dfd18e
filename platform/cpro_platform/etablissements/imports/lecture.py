"""Reading a spreadsheet (CSV or XLSX) into a header and numbered rows; no database or
model here (only Django's gettext for the messages).

SIECLE and office suites produce CSV in UTF-8 (with or without BOM) or Windows-1252, with
``;`` or ``,`` separators; XLSX files are read with openpyxl. Headers are matched loosely
("Date de naissance", "DATE NAISS", "Né(e) le") through ``normaliser`` and each column's
aliases.

Uploads are untrusted: nothing the file declares about itself (sheet dimensions, zip sizes)
sizes a loop or an allocation. Files are read as streams and refused, with a French message,
as soon as one of the limits below is crossed (docs/imports.md lists them).
"""
import csv
import datetime
import io
import logging
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _  # messages only: no database, no models

EXTENSIONS_CSV = (".csv", ".txt")
EXTENSIONS_XLSX = (".xlsx",)
SEPARATEURS = ";,\t"

#: The uploaded file, in bytes (a 5,000-learner SIECLE export is well under 2 MB).
TAILLE_MAX = 5 * 1024 * 1024
#: Non-empty rows after the header: more than the largest establishment's learners.
LIGNES_MAX = 5_000
#: Filled columns in a row (SIECLE exports carry many columns we ignore).
COLONNES_MAX = 100
#: An XLSX is a zip: the total its members may inflate to, and how many members it may have.
XLSX_DECOMPRESSE_MAX = 50 * 1024 * 1024
XLSX_MEMBRES_MAX = 200
#: Zip members are inflated by pieces of this size, each counted against the limit.
MORCEAU = 64 * 1024

logger = logging.getLogger(__name__)


class FichierIllisible(Exception):
    """The file as a whole cannot be read; the message says why, in French."""


@dataclass(frozen=True)
class Colonne:
    """An expected column: its field name, its header and the other headers it accepts.

    Headers are part of the file format (SIECLE's are French): they are not translated, so a
    file reads the same whatever the interface language.
    """

    champ: str
    libelle: str
    alias: tuple[str, ...]
    obligatoire: bool = True

    def reconnait(self, entete: str) -> bool:
        return normaliser(entete) in {normaliser(a) for a in (self.libelle, *self.alias)}


@dataclass
class Ligne:
    """A data row: its line number in the file (the header is line 1) and its values."""

    numero: int
    valeurs: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, champ: str) -> str:
        return self.valeurs.get(champ, "")


@dataclass
class Tableau:
    entetes: list[str]
    lignes: list[list[str]]  # raw cells, with their line numbers in ``numeros``
    numeros: list[int]


def normaliser(texte: str) -> str:
    """Lower case, no accents, letters and digits only: "Né(e) le" → "neele"."""
    sans_accents = unicodedata.normalize("NFKD", str(texte or "")).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]", "", sans_accents.decode("ascii").lower())


def _decoder(contenu: bytes) -> str:
    if b"\x00" in contenu:
        raise FichierIllisible(_("Ce fichier n'est pas un fichier texte CSV : enregistrez le "
                                 "tableau au format CSV ou XLSX."))
    if contenu.startswith(b"\xef\xbb\xbf"):
        return contenu[3:].decode("utf-8", errors="replace")
    try:
        return contenu.decode("utf-8")
    except UnicodeDecodeError:
        # SIECLE and Excel on Windows write Windows-1252 (a superset of latin-1's letters).
        return contenu.decode("cp1252", errors="replace")


def _premiere_ligne(texte: str) -> str:
    for ligne in io.StringIO(texte):
        if ligne.strip():
            return ligne
    return ""


def _separateur(premiere_ligne: str) -> str:
    comptes = {sep: premiere_ligne.count(sep) for sep in SEPARATEURS}
    meilleur = max(comptes, key=comptes.get)
    return meilleur if comptes[meilleur] else ";"


def _rangees_csv(contenu: bytes) -> Iterator[list[str]]:
    texte = _decoder(contenu)
    lecteur = csv.reader(io.StringIO(texte, newline=""),
                         delimiter=_separateur(_premiere_ligne(texte)))
    try:
        yield from lecteur
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise FichierIllisible(_("Ligne %(n)s : une cellule est trop longue (plus de "
                                     "%(max)s caractères).") % {
                                         "n": lecteur.line_num, "max": csv.field_size_limit()}
                                   ) from error
        raise FichierIllisible(_("Ligne %(n)s illisible : %(e)s") % {
            "n": lecteur.line_num, "e": error}) from error


def _cellule(valeur) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, datetime.datetime | datetime.date):
        return valeur.strftime("%d/%m/%Y")
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    return str(valeur)


def _trop_volumineux() -> FichierIllisible:
    return FichierIllisible(_(
        "Ce classeur est trop volumineux une fois décompressé (plus de %(mo)s Mo) : "
        "enregistrez seulement le tableau à importer, de préférence en CSV.") % {
            "mo": XLSX_DECOMPRESSE_MAX // (1024 * 1024)})


class _MembreBorne:
    """A zip member that counts what it inflates against its archive's allowance."""

    def __init__(self, membre, archive: "_ArchiveBornee"):
        self._membre, self._archive = membre, archive

    def _lire(self, n: int) -> bytes:
        donnees = self._membre.read(n)
        self._archive.inflates += len(donnees)
        if self._archive.inflates > XLSX_DECOMPRESSE_MAX:
            raise _trop_volumineux()
        return donnees

    def read(self, n: int | None = -1) -> bytes:
        if n is not None and n >= 0:
            return self._lire(min(n, MORCEAU))
        morceaux = []
        while morceau := self._lire(MORCEAU):
            morceaux.append(morceau)
        return b"".join(morceaux)

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._membre.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _ArchiveBornee(zipfile.ZipFile):
    """The zip openpyxl reads: every member it opens is a ``_MembreBorne``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.inflates = 0

    def open(self, name, mode="r", pwd=None, **kwargs):
        membre = super().open(name, mode, pwd, **kwargs)
        return _MembreBorne(membre, self) if mode == "r" else membre


def _verifier_repertoire(archive: zipfile.ZipFile) -> None:
    """Refuse from the central directory alone: too many members, or too much once inflated."""
    membres = archive.infolist()
    if len(membres) > XLSX_MEMBRES_MAX:
        raise FichierIllisible(_(
            "Ce classeur contient trop d’éléments (plus de %(n)s) : enregistrez seulement le "
            "tableau à importer, de préférence en CSV.") % {"n": XLSX_MEMBRES_MAX})
    if sum(m.file_size for m in membres) > XLSX_DECOMPRESSE_MAX:
        raise _trop_volumineux()


def _illisible() -> FichierIllisible:
    return FichierIllisible(_("Ce fichier XLSX est illisible ou endommagé : ouvrez-le dans "
                              "votre tableur et enregistrez-le à nouveau."))


def _rangees_xlsx(contenu: bytes) -> Iterator[tuple]:
    """The first sheet's rows as openpyxl parses them: streamed, never padded to the
    dimension the sheet declares. Any parser failure (a hostile file can trigger any) is
    the same French refusal."""
    from openpyxl.reader.excel import ExcelReader

    try:
        archive = _ArchiveBornee(io.BytesIO(contenu))
    except Exception as error:  # noqa: BLE001 — see the docstring
        raise _illisible() from error
    try:
        _verifier_repertoire(archive)
        lecteur = ExcelReader(io.BytesIO(contenu), read_only=True, data_only=True,
                              keep_links=False)
        lecteur.archive = archive  # openpyxl reads every member through the counting zip
        lecteur.read()
        feuille = lecteur.wb.worksheets[0]
        feuille.reset_dimensions()
        yield from feuille.iter_rows(values_only=True)
    except FichierIllisible:
        raise
    except Exception as error:  # noqa: BLE001 — see the docstring
        logger.info("Unreadable XLSX upload: %r", error)
        raise _illisible() from error
    finally:
        archive.close()


def _trop_de_lignes() -> FichierIllisible:
    return FichierIllisible(_("Le fichier dépasse %(n)s lignes : découpez-le en plusieurs "
                              "fichiers.") % {"n": LIGNES_MAX})


def _numerotees(rangees: Iterable) -> list[tuple[int, list[str]]]:
    """(line number, stripped cells) of the non-empty rows, refusing past the limits.

    Blank rows are skipped but counted: line numbers are the file's, and a file cannot make
    the reader walk more than twice ``LIGNES_MAX`` rows (a sheet may jump to row 10¹²).
    """
    numerotees = []
    for numero, rangee in enumerate(rangees, start=1):
        if numero > 2 * LIGNES_MAX + 1:
            raise _trop_de_lignes()
        dernier = len(rangee)
        while dernier and (rangee[dernier - 1] is None or not str(rangee[dernier - 1]).strip()):
            dernier -= 1
        if not dernier:
            continue
        if dernier > COLONNES_MAX:
            raise FichierIllisible(_(
                "Ligne %(ligne)s : plus de %(n)s colonnes remplies. Enregistrez seulement le "
                "tableau à importer.") % {"ligne": numero, "n": COLONNES_MAX})
        numerotees.append((numero, [_cellule(v).strip() for v in rangee[:dernier]]))
        if len(numerotees) > LIGNES_MAX + 1:  # the header and LIGNES_MAX rows
            raise _trop_de_lignes()
    return numerotees


def lire(contenu: bytes, nom_fichier: str) -> Tableau:
    """Read ``contenu`` (named ``nom_fichier``): the first non-empty row is the header."""
    if len(contenu) > TAILLE_MAX:
        raise FichierIllisible(_("Le fichier dépasse %(mo)s Mo : découpez-le en plusieurs "
                                 "fichiers.") % {"mo": TAILLE_MAX // (1024 * 1024)})
    nom = (nom_fichier or "").lower()
    if nom.endswith(EXTENSIONS_XLSX):
        rangees = _rangees_xlsx(contenu)
    elif nom.endswith(EXTENSIONS_CSV):
        if contenu.startswith(b"PK\x03\x04"):
            raise FichierIllisible(_("Ce fichier est un classeur (XLSX) nommé « .csv » : "
                                     "renommez-le en « .xlsx » ou enregistrez-le en CSV."))
        rangees = _rangees_csv(contenu)
    else:
        raise FichierIllisible(_("Type de fichier non pris en charge : déposez un fichier CSV "
                                 "(.csv) ou un classeur Excel (.xlsx)."))
    numerotees = _numerotees(rangees)
    if not numerotees:
        raise FichierIllisible(_("Le fichier est vide."))
    (_numero, entetes), donnees = numerotees[0], numerotees[1:]
    if not donnees:
        raise FichierIllisible(_("Le fichier ne contient que la ligne d'en-têtes : aucune "
                                 "ligne à importer."))
    return Tableau(entetes=entetes, lignes=[l for _n, l in donnees],
                   numeros=[n for n, _l in donnees])


def associer(tableau: Tableau, colonnes: list[Colonne]) -> tuple[list[Ligne], list[str]]:
    """Map the header to ``colonnes``: the rows as ``Ligne``s, or the problems with the header.

    Unknown columns are ignored (SIECLE exports have many); a missing required column, or
    one present twice, is an error.
    """
    erreurs, positions = [], {}
    for colonne in colonnes:
        trouvees = [i for i, e in enumerate(tableau.entetes) if colonne.reconnait(e)]
        if len(trouvees) > 1:
            erreurs.append(_("Colonne « %(c)s » présente plusieurs fois.") % {
                "c": colonne.libelle})
        elif trouvees:
            positions[colonne.champ] = trouvees[0]
        elif colonne.obligatoire:
            erreurs.append(_("Colonne obligatoire manquante : « %(c)s » (en-têtes acceptés : "
                             "%(a)s).") % {"c": colonne.libelle, "a": ", ".join(
                                 f"« {a} »" for a in (colonne.libelle, *colonne.alias))})
    if erreurs:
        return [], erreurs
    lignes = [Ligne(numero, {champ: (cellules[i] if i < len(cellules) else "")
                             for champ, i in positions.items()})
              for numero, cellules in zip(tableau.numeros, tableau.lignes)]
    return lignes, []
