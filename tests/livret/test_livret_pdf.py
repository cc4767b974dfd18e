"""The livret PDF's print layout: every situation and every code on the page, in order.

Three school years make 90 situation columns: the screen's table printed as is ran off the
landscape page after about twenty of them (what was beyond the edge was in the file but never
on paper). The print layout splits the columns into bands that fit the page.
"""
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cpro_platform.livret.impression import BANDE_MAX, decoupe
from cpro_platform.suivi.models import Lieu, TypeSituation
from tests import factories as f
from tests.livret.factories import noter, parcours

pytestmark = pytest.mark.django_db

#: What a cell can show for a value ("NE" alone does not make a column: nothing was observed).
CODES = ["1", "2", "3", "4", "ABS"]


@pytest.fixture
def longue_histoire():
    """One learner, 60 situations (every third in a company, every sixth certificative); the
    first critère evaluated in all of them, in a known order."""
    p = parcours(apprenants=1, nb_criteres=2)
    a, c0 = p.apprenants[0], p.criteres[0]
    attendus = []
    for i in range(60):
        situation = p.situation(f"Situation {i + 1:02d}", f.jours(-200 + 3 * i),
                                lieu=Lieu.ENTREPRISE if i % 3 == 2 else Lieu.CENTRE,
                                type=(TypeSituation.CERTIFICATIVE if i % 6 == 5
                                      else TypeSituation.FORMATIVE), criteres=[c0])
        code = CODES[i % len(CODES)]
        noter(situation, p.enseignant, {(a, c0): code})
        attendus.append(code)
    p.attendus = attendus
    return p


def _pdf(client, p) -> bytes:
    client.force_login(p.enseignant)
    response = client.get(reverse("livret:livret_pdf", args=[p.apprenants[0].pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def test_no_text_runs_off_the_page(client, longue_histoire):
    """What is beyond the page's right edge is never printed: everything must be inside."""
    dehors = []
    for page in PdfReader(io.BytesIO(_pdf(client, longue_histoire))).pages:
        largeur = float(page.mediabox.width)

        def visiteur(texte, cm, tm, _font, taille, largeur=largeur):
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            if texte.strip() and x > largeur:
                dehors.append((texte, round(x)))
        page.extract_text(visitor_text=visiteur)
    assert dehors == []


def test_every_situation_is_listed_with_its_date_and_title(client, longue_histoire):
    texte = " ".join("\n".join(page.extract_text() for page in PdfReader(
        io.BytesIO(_pdf(client, longue_histoire))).pages).split())
    assert "Situations 1 à 30" in texte and "Situations 31 à 60" in texte
    for n in (1, 31, 60):
        date = f.jours(-200 + 3 * (n - 1))
        assert f"{n}. {date:%d/%m/%y} Situation {n:02d}" in texte


def test_each_critere_prints_its_codes_in_chronological_order(client, longue_histoire):
    critere = longue_histoire.criteres[0]
    texte = "\n".join(page.extract_text() for page in PdfReader(
        io.BytesIO(_pdf(client, longue_histoire))).pages)
    lignes = [ligne for ligne in texte.splitlines() if ligne.startswith(critere.code)]
    assert len(lignes) == 2   # one per band of 30 situations
    imprimes = [code for ligne in lignes for code in ligne.split()
                if code in CODES]
    assert imprimes == longue_histoire.attendus
    # The header lines say where and how each situation took place.
    assert re.search(r"lieu \(E entreprise\)\s+E\s+E", texte)
    assert re.search(r"type \(C certificative, F formative\)\s+F\s+F\s+F\s+F\s+F\s+C", texte)


def test_the_competence_summary_is_printed(client, longue_histoire):
    competence = longue_histoire.criteres[0].competence
    texte = " ".join("\n".join(page.extract_text() for page in PdfReader(
        io.BytesIO(_pdf(client, longue_histoire))).pages).split())
    # 48 of the 60 situations gave a level (the others: absent).
    assert (f"{competence.code} {competence.intitule} — évaluée dans 48 situations "
            "(centre et entreprise)") in texte


def test_bands_are_balanced_and_fit_the_page():
    assert decoupe(0) == []
    assert decoupe(10) == [range(0, 10)]
    assert decoupe(90) == [range(0, 45), range(45, 90)]
    assert decoupe(BANDE_MAX + 1) == [range(0, 27), range(27, BANDE_MAX + 1)]
    assert all(len(b) <= BANDE_MAX for b in decoupe(500))
