"""The commission's documents through the exports registry: listed, produced, refused."""
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from cpro_platform.certification.models import StatutCandidat
from cpro_platform.exports import registre
from tests.bilans_documents.factories import texte_pdf
from tests.certification_commission import factories as cf
from tests.certification_grilles import factories as gf

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



def test_the_class_grids_run_in_the_background_one_pdf_per_sous_epreuve(client):
    s = gf.session(apprenants=2)
    gf.signee(s, s.apprenants[0])
    gf.remplir(s, gf.grille(s, s.apprenants[1]), [2, 3, None])
    client.force_login(s.enseignant)
    url = reverse("exports:exporter_classe", args=[s.session.classe.pk, "grilles-ccf"])
    reponse = client.post(url)
    page = client.get(reponse["Location"]).content.decode()
    assert "1 document prêt" in page or "1 documents prêts" in page
    lien = reverse("exports:lot_telecharger", args=[int(reponse["Location"].split("/")[-2])])
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(lien).streaming_content)))
    [nom] = archive.namelist()
    texte = texte_pdf(archive.read(nom))
    assert s.epreuve.code in nom.upper()
    for apprenant in s.apprenants:
        assert apprenant.nom in texte
    assert "Paul Martin" in texte   # the professional's co-signature of the signed grid


def test_a_session_without_grids_has_no_grid_export(client):
    s = gf.session(apprenants=1)
    client.force_login(s.enseignant)
    reponse = client.post(reverse("exports:exporter_classe",
                                  args=[s.session.classe.pk, "grilles-ccf"]), follow=True)
    assert "Aucune grille CCF" in reponse.content.decode()


def test_lsl_pro_of_the_class_adds_the_ccf_marks_once_the_commission_validated(client):
    import csv

    from cpro_platform.certification import commission as services
    from cpro_platform.referentials.models import Bloc, Competence, Unite
    from tests.bilans_documents.factories import bilan_valide, campagne
    from tests.suivi import factories as sf

    s = cf.session(noms=["ARNAUD", "BERTIN"])
    ref = s.classe.referentiel
    sf.echelle(ref)
    unite = Unite.objects.create(referentiel=ref, code="U9", intitule="U", ordre=9,
                                 provenance="officiel")
    bloc = Bloc.objects.create(referentiel=ref, unite=unite, code="B9", intitule="B", ordre=9,
                               provenance="officiel")
    comp = Competence.objects.create(referentiel=ref, bloc=bloc, code="C9.1", intitule="C",
                                     ordre=1, provenance="officiel")
    bilans = campagne(s.classe, s.enseignant)
    for apprenant in s.apprenants:
        bilan_valide(apprenant, bilans, s.enseignant, {comp: 3})
    cf.tout_signer(s, note=14)
    commission = cf.commission(s)

    def lignes(url):
        reponse = client.get(url)
        assert reponse.status_code == 200
        contenu = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
        return list(csv.DictReader(io.StringIO(contenu.decode("utf-8-sig")), delimiter=";"))

    classe = reverse("exports:exporter_classe", args=[s.classe.pk, "lsl-pro"])
    client.force_login(s.enseignant)
    assert not [r for r in lignes(classe) if r["nature"] == "ccf"]   # not validated yet
    services.valider(commission, s.ddfpt)
    ccf = [r for r in lignes(classe) if r["nature"] == "ccf"]
    assert {(r["nom"], r["code"]) for r in ccf} == {
        (a.nom, e.code) for a in s.apprenants for e in s.epreuves}
    assert {float(r["note_sur_20"]) for r in ccf} == {14.0}
    # a learner's own export never carries CCF marks
    apprenant = reverse("exports:exporter_apprenant", args=[s.apprenants[0].pk,
                                                            "lsl-pro-apprenant"])
    assert not [r for r in lignes(apprenant) if r["nature"] == "ccf"]
