"""Reading files: encodings, separators, XLSX, header matching, unreadable files."""
import pytest

from cpro_platform.etablissements.imports.lecture import (
    Colonne, FichierIllisible, associer, lire, normaliser)

from .conftest import csv, xlsx

COLONNES = [Colonne("ine", "INE", ()), Colonne("nom", "nom", ("nom de famille",)),
            Colonne("naissance", "date de naissance", ("date naiss", "né(e) le")),
            Colonne("email", "e-mail", ("courriel",), obligatoire=False)]


def lignes(contenu: bytes, nom: str = "eleves.csv"):
    resultat, erreurs = associer(lire(contenu, nom), COLONNES)
    assert not erreurs
    return resultat


@pytest.mark.parametrize("entete", ["Date de naissance", "DATE NAISS", "Né(e) le",
                                    " date_de_naissance ", "DATE DE NAISSANCE"])
def test_headers_match_whatever_accents_case_and_spaces(entete):
    assert COLONNES[2].reconnait(entete)
    assert normaliser("Né(e) le") == "neele"


@pytest.mark.parametrize("separateur", [";", ",", "\t"])
def test_csv_separators(separateur):
    contenu = csv(separateur.join(["INE", "Nom", "Date naiss"]),
                  separateur.join(["123456789AB", "Élodie", "01/02/2008"]))
    [ligne] = lignes(contenu)
    assert (ligne["ine"], ligne["nom"], ligne["naissance"]) == (
        "123456789AB", "Élodie", "01/02/2008")
    assert ligne.numero == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_csv_encodings(encoding):
    contenu = csv("INE;Nom;Né(e) le", "123456789AB;Bérénice Ñoël;01/02/2008",
                  encoding=encoding)
    [ligne] = lignes(contenu)
    assert ligne["nom"] == "Bérénice Ñoël"


def test_bom_does_not_spoil_the_first_header():
    contenu = csv("INE;Nom;Date de naissance", "123456789AB;Li;01/02/2008",
                  encoding="utf-8-sig")
    assert lire(contenu, "a.csv").entetes[0] == "INE"


def test_xlsx_with_real_dates_and_numbers():
    import datetime

    contenu = xlsx(["INE", "Nom", "Date de naissance", "Autre"],
                   ["123456789AB", "Dupont", datetime.datetime(2008, 2, 1), 12.0],
                   [None, None, None, None],
                   ["987654321CD", "Martin", "03/04/2009", None])
    premiere, seconde = lignes(contenu, "export.XLSX")
    assert premiere["naissance"] == "01/02/2008"
    assert (seconde.numero, seconde["nom"]) == (4, "Martin")  # blank line 3 skipped


def test_quoted_fields_and_unknown_columns_are_ignored():
    contenu = csv('INE,"Nom de famille",Date naiss,Adresse', '123456789AB,"Durand, Paul",'
                  '01/02/2008,"1 rue, Lyon"')
    [ligne] = lignes(contenu)
    assert ligne["nom"] == "Durand, Paul" and "Adresse" not in ligne.valeurs


def test_missing_required_column_is_named():
    _lignes, erreurs = associer(lire(csv("INE;Nom", "123456789AB;X"), "a.csv"), COLONNES)
    assert len(erreurs) == 1 and "date de naissance" in erreurs[0]


def test_column_present_twice():
    _lignes, erreurs = associer(
        lire(csv("INE;Nom;Date naiss;Né(e) le", "1;2;3;4"), "a.csv"), COLONNES)
    assert "plusieurs fois" in erreurs[0]


@pytest.mark.parametrize("contenu,nom,message", [
    (b"", "vide.csv", "vide"),
    (b"\n ; ;\n\n", "blanc.csv", "vide"),
    (csv("INE;Nom;Date naiss"), "entetes.csv", "en-têtes"),
    (b"%PDF-1.4 ...", "eleves.pdf", "non pris en charge"),
    (b"\x00\x01\x02binaire", "eleves.csv", "pas un fichier texte"),
    (b"PK\x03\x04 pas un vrai classeur", "eleves.xlsx", "illisible"),
    (xlsx(["INE"], ["1"]), "eleves.csv", "XLSX"),
])
def test_unreadable_files(contenu, nom, message):
    with pytest.raises(FichierIllisible, match=message):
        lire(contenu, nom)
