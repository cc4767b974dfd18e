"""Grid PDFs parsed back: one learner's grid in the national layout (header, lines, degrees,
mark and why, signatures, provenance), and the class's grids of a sous-épreuve as one PDF."""
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cpro_platform.certification import grilles_documents as docs

from . import factories as cf

pytestmark = pytest.mark.django_db


def _texte(contenu: bytes) -> tuple[str, int]:
    lecteur = PdfReader(io.BytesIO(contenu))
    return " ".join(" ".join(p.extract_text().split()) for p in lecteur.pages), len(
        lecteur.pages)


def test_a_signed_grid_as_pdf(client):
    s = cf.session(nb_competences=2, poids=[60, 40])
    g = cf.signee(s, degres=[4, 2])
    client.force_login(s.enseignant)
    reponse = client.get(reverse("certification:grille_pdf", args=[g.pk]))
    assert reponse["Content-Type"] == "application/pdf"
    texte, _pages = _texte(reponse.content)
    a, c1 = s.apprenants[0], s.competences[0]
    for attendu in ("Grille d’évaluation CCF", s.epreuve.code, a.nom_complet, a.ine,
                    s.classe.nom, c1.code, c1.criteres.first().intitule,
                    f"Indicateur de {c1.criteres.first().code}", "Bien maîtrisé",
                    "14,67 / 20", "Pourquoi cette note",
                    "Paul Martin", "grille signée", "Provisoire"):
        assert attendu in texte, attendu


def test_the_class_grids_as_one_pdf():
    s = cf.session(apprenants=3, nb_competences=1)
    cf.signee(s, s.apprenants[0])
    cf.remplir(s, cf.grille(s, s.apprenants[1]), [2])
    texte, pages = _texte(docs.grilles_pdf(s.session, s.epreuve))
    assert pages >= 2
    assert s.apprenants[0].nom_complet in texte and s.apprenants[1].nom_complet in texte
    assert s.apprenants[2].nom_complet not in texte          # no grid, no page
    assert "grille en cours : non signée" in texte
