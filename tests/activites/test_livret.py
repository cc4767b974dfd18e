"""The livret's company evidence: the sheets, chronologically, with their photo links, and per
compétence the confirmed sheets; the cached page follows every change; constant queries."""
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from cpro_platform.activites.models import EtatFiche, FicheActivite
from tests import factories as f

from . import aides

pytestmark = pytest.mark.django_db


@pytest.fixture
def o():
    return aides.monde_en_stage()


def nouvelle(o, jours: int, etat=EtatFiche.DECLAREE, vehicule="Clio IV", competences=()):
    fiche = FicheActivite.objects.create(
        apprenant=o.apprenant, stage=aides.stage(o), date=f.jours(jours), vehicule=vehicule,
        description="x", etat=etat, auteur=o.apprenant.user,
        commentaire_tuteur="Soigné" if etat == EtatFiche.CONFIRMEE else "")
    fiche.competences.set(competences)
    fiche.activites.set(aides.rap(o.classe.referentiel).activites[:1])
    return fiche


def livret(client, o) -> str:
    client.force_login(o.user("enseignant"))
    return client.get(reverse("livret:livret", args=[o.apprenant.pk])).content.decode()


def test_the_livret_lists_the_sheets_in_date_order_and_counts_confirmed_ones(client, o):
    rap = aides.rap(o.classe.referentiel)
    c1, c2 = rap.competences
    nouvelle(o, -2, EtatFiche.CONFIRMEE, "Megane", competences=[c1, c2])
    nouvelle(o, -5, EtatFiche.CONFIRMEE, "Clio", competences=[c1])
    nouvelle(o, -1, EtatFiche.DECLAREE, "Twingo", competences=[c2])
    photo = aides.photo(o)
    page = livret(client, o)
    section = page[page.index("Preuves en entreprise"):]
    assert section.index("Clio") < section.index("Megane") < section.index("Twingo")
    assert "Soigné" in section and rap.activites[0].code in section
    assert reverse("activites:photo", args=[photo.pk]) in section
    assert f"<strong>{c1.code}</strong> {c1.intitule} — 2 fiches confirmées" in section
    assert f"<strong>{c2.code}</strong> {c2.intitule} — 1 fiche confirmée" in section


def test_the_cached_livret_follows_every_sheet_change(client, o):
    assert "Aucune fiche d’activité pour l’instant." in livret(client, o)
    fiche = nouvelle(o, -1, vehicule="Kangoo")
    assert "Kangoo" in livret(client, o)
    fiche.etat, fiche.commentaire_tuteur = EtatFiche.A_REVOIR, "Ajoute une photo"
    fiche.save()
    assert "Ajoute une photo" in livret(client, o)
    c1 = aides.rap(o.classe.referentiel).competences[0]
    fiche.etat = EtatFiche.CONFIRMEE
    fiche.save()
    fiche.competences.set([c1])
    assert f"<strong>{c1.code}</strong> {c1.intitule} — 1 fiche confirmée" in livret(client, o)
    fiche.delete()
    assert "Kangoo" not in livret(client, o)


def test_the_livret_pdf_has_the_sheets(client, o):
    nouvelle(o, -1, EtatFiche.CONFIRMEE, "Kangoo")
    client.force_login(o.user("enseignant"))
    response = client.get(reverse("livret:livret_pdf", args=[o.apprenant.pk]))
    texte = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Preuves en entreprise" in texte and "Kangoo" in texte


def test_the_livret_pdfs_made_by_the_exports_have_the_sheets_too(o):
    """The class's batch of livrets (exports registry, worker) prints the same section."""
    from cpro_platform.exports.integres import livrets_classe
    from cpro_platform.regles import DemandeExport

    nouvelle(o, -1, EtatFiche.CONFIRMEE, "Kangoo")
    production = livrets_classe(DemandeExport(classe=o.classe))
    fichier = next(f for f in production.fichiers if o.apprenant.nom.lower() in f.nom)
    texte = "\n".join(p.extract_text()
                      for p in PdfReader(io.BytesIO(fichier.contenu)).pages)
    assert "Preuves en entreprise" in texte and "Kangoo" in texte


def _requetes(client, o) -> int:
    from django.core.cache import caches

    caches["livret"].clear()
    with CaptureQueriesContext(connection) as ctx:
        livret(client, o)
    return len(ctx.captured_queries)


def test_the_livret_query_count_does_not_grow_with_the_sheets(client, o):
    c1, c2 = aides.rap(o.classe.referentiel).competences
    nouvelle(o, -1, EtatFiche.CONFIRMEE, competences=[c1])
    aides.photo(o)
    _requetes(client, o)  # the first page of a session reads what later ones keep
    peu = _requetes(client, o)
    for i in range(12):
        fiche = nouvelle(o, -1 - i % 5, EtatFiche.CONFIRMEE, competences=[c1, c2])
        photo = aides.PhotoFiche(fiche=fiche, nom="p.png", type="image/png")
        photo.fichier.save("p.png", aides.televerse(), save=True)
    assert _requetes(client, o) == peu
