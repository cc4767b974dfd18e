"""What the PDFs print fast: the profile charts as text lines over one image (an SVG label
cost WeasyPrint ~2 ms, each letter laid out on its own), and WeasyPrint run with the cycle
collector paused (a full collection in a long-lived process costs 0.1 s or more)."""
import gc
import re

import pytest
from django.urls import reverse

from cpro_platform import pdf
from cpro_platform.livret import graphiques
from cpro_platform.livret.impression import barres_imprimees
from tests import factories as f
from tests.bilans_documents.factories import bilan_valide, campagne, e32, texte_pdf


def test_a_printed_bar_chart_is_one_text_block_over_one_image():
    graphique = graphiques.barres(
        [graphiques.Barre("B1", 2.5, "B1 – Réaliser <le> diagnostic"),
         graphiques.Barre("B2", None, "B2 – Intervenir")], 1, 4, titre="Profil par bloc")
    imprime = barres_imprimees(graphique)
    assert "<svg" not in imprime and "<text" not in imprime
    assert imprime.count("data:image/png;base64,") == 1
    lignes = re.search(r">([^<]*)</div>$", imprime).group(1).split("\n")
    assert lignes[0].startswith("B1 – Réaliser &lt;le&gt; diagnostic")   # escaped
    assert lignes[0].endswith(" 2,5") and lignes[1].endswith(" —")
    assert lignes[2].split() == ["1", "4"]   # the scale under the bars
    assert 'aria-label="Profil par bloc"' in imprime
    # No chart, or one without its data: printed as it is.
    assert barres_imprimees("") == ""


@pytest.mark.django_db
def test_the_bilan_pdf_prints_each_blocs_level_beside_its_title(client):
    e = f.etablissement()
    classe = f.classe(e, "1 MV-P")
    prof = f.enseignant(e, classe)
    ex = e32(classe.referentiel)
    bilan = bilan_valide(f.apprenant(e, classe, nom="DURAND"), campagne(classe, prof), prof,
                         {c: 4 for c in ex.competences.values()})
    client.force_login(prof)
    texte = texte_pdf(client.get(reverse("bilans_documents:bilan_pdf", args=[bilan.pk])).content)
    ligne = next(ligne for ligne in texte.splitlines() if ligne.startswith("B2 – "))
    assert ligne.split()[-1] == "4,0"


def test_weasyprint_runs_with_the_collector_paused_then_gives_it_back(monkeypatch):
    vus = []

    def write_pdf(self):
        vus.append(gc.isenabled())
        raise RuntimeError("mise en page impossible")
    monkeypatch.setattr(pdf.HTML, "write_pdf", write_pdf)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        pdf.html_en_pdf("<p>x</p>")
    assert vus == [False] and gc.isenabled()
