"""Helpers for the import tests: an establishment with its administrator, and files."""
import io

import pytest
from openpyxl import Workbook

from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.imports.apprenants import ImportApprenants
from cpro_platform.etablissements.imports.classes import ImportClasses
from cpro_platform.etablissements.imports.personnels import ImportPersonnels
from cpro_platform.etablissements.models import Niveau
from tests import factories as f

ENTETE_APPRENANTS = "INE;Nom;Prénom;Date de naissance;Division;Statut"


def csv(*lignes: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join(lignes) + "\n").encode(encoding)


def xlsx(*lignes: list) -> bytes:
    classeur = Workbook()
    for ligne in lignes:
        classeur.active.append(ligne)
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


@pytest.fixture
def etab(db):
    return f.etablissement("Lycée des Imports")


@pytest.fixture
def admin_user(etab):
    user = f.personne("admin.imports")
    f.role(user, etab, TypeRole.ADMINISTRATEUR)
    return user


@pytest.fixture
def ref(db):
    return f.referentiel("CPA")


@pytest.fixture
def classe_1cpa(etab, ref):
    return f.classe(etab, "1 CPA", referentiel=ref, niveau=Niveau.PREMIERE)


@pytest.fixture
def classe_tcpa(etab, ref):
    return f.classe(etab, "T CPA", referentiel=ref, niveau=Niveau.TERMINALE)


@pytest.fixture
def apprenants(etab, admin_user):
    return ImportApprenants(etab, auteur=admin_user)


@pytest.fixture
def classes(etab, admin_user):
    return ImportClasses(etab, auteur=admin_user)


@pytest.fixture
def personnels(etab, admin_user):
    return ImportPersonnels(etab, auteur=admin_user)


def messages(analyse) -> list[str]:
    return [str(e) for e in analyse.erreurs]


@pytest.fixture(autouse=True)
def francais():
    """Messages are asserted in French, whatever language an earlier test left active."""
    from django.utils import translation

    with translation.override("fr"):
        yield
