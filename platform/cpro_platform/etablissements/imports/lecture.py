"""Reading a spreadsheet (CSV or XLSX) into a header and numbered rows; no database or
model here (only Django's gettext for the messages).

SIECLE and office suites produce CSV in UTF-8 (with or without BOM) or Windows-1252, with
``;`` or ``,`` separators; XLSX files are read with openpyxl. Headers are matched loosely
("Date de naissance", "DATE NAISS", "Né(e) le") through ``normaliser`` and each column's
aliases.
"""
import csv
import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _  # messages only: no database, no models

EXTENSIONS_CSV = (".csv", ".txt")
EXTENSIONS_XLSX = (".xlsx",)
SEPARATEURS = ";,\t"


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


def _separateur(premiere_ligne: str) -> str:
    comptes = {sep: premiere_ligne.count(sep) for sep in SEPARATEURS}
    meilleur = max(comptes, key=comptes.get)
    return meilleur if comptes[meilleur] else ";"


def _lire_csv(contenu: bytes) -> list[list[str]]:
    texte = _decoder(contenu)
    premiere = next((l for l in texte.splitlines() if l.strip()), "")
    return list(csv.reader(io.StringIO(texte, newline=""), delimiter=_separateur(premiere)))


def _cellule(valeur) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, datetime.datetime | datetime.date):
        return valeur.strftime("%d/%m/%Y")
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    return str(valeur)


def _lire_xlsx(contenu: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        classeur = load_workbook(io.BytesIO(contenu), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FichierIllisible(_("Ce fichier XLSX est illisible ou endommagé : ouvrez-le dans "
                                 "votre tableur et enregistrez-le à nouveau.")) from error
    try:
        feuille = classeur.worksheets[0]
        return [[_cellule(v) for v in ligne] for ligne in feuille.iter_rows(values_only=True)]
    finally:
        classeur.close()


def lire(contenu: bytes, nom_fichier: str) -> Tableau:
    """Read ``contenu`` (named ``nom_fichier``): the first non-empty row is the header."""
    nom = (nom_fichier or "").lower()
    if nom.endswith(EXTENSIONS_XLSX):
        brutes = _lire_xlsx(contenu)
    elif nom.endswith(EXTENSIONS_CSV):
        if contenu.startswith(b"PK\x03\x04"):
            raise FichierIllisible(_("Ce fichier est un classeur (XLSX) nommé « .csv » : "
                                     "renommez-le en « .xlsx » ou enregistrez-le en CSV."))
        brutes = _lire_csv(contenu)
    else:
        raise FichierIllisible(_("Type de fichier non pris en charge : déposez un fichier CSV "
                                 "(.csv) ou un classeur Excel (.xlsx)."))
    numerotees = [(i, [c.strip() for c in ligne]) for i, ligne in enumerate(brutes, start=1)
                  if any(c.strip() for c in ligne)]
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
