"""The commission's documents through the exports registry: listed, produced, refused."""
import io

import openpyxl
import pytest
from django.urls import reverse

from cpro_platform.certification.models import StatutCandidat
from cpro_platform.exports import registre
from tests.bilans_documents.factories import texte_pdf
from tests.certification_commission import factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    s = cf.session(noms=["ARNAUD", "=HYPERLINK(\"http://x\")", "COLIN"])
    cf.candidature(s, s.apprenants[2], s.epreuves[0].code, StatutCandidat.DISPENSE,
                   motif="Dispense rectorale")
    cf.tout_signer(s, note=14)
    cf.commission(s)
    return s


def test_the_commission_formats_are_registered_for_classes_only():
    codes = {f.format.code: f.format for f in registre.formats()}
    for code in ("commission-xlsx", "commission-pdf", "proces-verbal-pdf"):
        assert codes[code].portee == "classe"


def test_the_table_xlsx_through_the_exports_page(s, client):
    client.force_login(s.enseignant)
    reponse = client.get(reverse("exports:exporter_classe",
                                 args=[s.classe.pk, "commission-xlsx"]))
    assert reponse.status_code == 200
    feuille = openpyxl.load_workbook(io.BytesIO(b"".join(reponse.streaming_content)
                                                if reponse.streaming else reponse.content)
                                     ).worksheets[0]
    cellules = [c.value for ligne in feuille.iter_rows() for c in ligne]
    assert "ARNAUD" in cellules
    assert 14 in cellules
    # a learner's name never becomes a formula
    assert not any(isinstance(v, str) and v.startswith("=") for v in cellules)


def test_the_minutes_through_the_exports_page(s, client):
    client.force_login(s.ddfpt)
    reponse = client.get(reverse("exports:exporter_classe",
                                 args=[s.classe.pk, "proces-verbal-pdf"]))
    assert reponse.status_code == 200
    texte = texte_pdf(b"".join(reponse.streaming_content) if reponse.streaming
                      else reponse.content)
    assert "ARNAUD" in texte and "PROJET" in texte.upper()


def test_an_inspector_reads_the_class_but_does_not_export_the_commission(s, client):
    client.force_login(s.inspecteur)
    reponse = client.get(reverse("exports:exporter_classe",
                                 args=[s.classe.pk, "commission-xlsx"]))
    assert reponse.status_code in (403, 404)  # read-only: the export is out of scope


def test_a_class_without_session_has_nothing_to_export(client):
    s = cf.session()
    autre = cf.session()
    client.force_login(autre.enseignant)
    s.session.delete()
    reponse = client.get(reverse("exports:exporter_classe",
                                 args=[s.classe.pk, "commission-xlsx"]))
    assert reponse.status_code == 404  # not their class: the scope hides it
    client.force_login(s.enseignant)
    reponse = client.get(reverse("exports:exporter_classe",
                                 args=[s.classe.pk, "proces-verbal-pdf"]), follow=True)
    assert "pas de session d’examen" in reponse.content.decode()
