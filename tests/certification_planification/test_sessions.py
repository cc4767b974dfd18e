"""A class's sessions and a session's épreuves, as a teacher sees them."""
import html

import pytest
from django.urls import reverse

from cpro_platform.certification.models import SessionExamen
from cpro_platform.certification.planification import annee_de_session
from cpro_platform.etablissements.models import AnneeScolaire, Niveau
from tests import factories as f

from . import factories as cf

pytestmark = pytest.mark.django_db


def texte(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("niveau,ecart", [
    (Niveau.TERMINALE, 0), (Niveau.PREMIERE, 1), (Niveau.SECONDE, 2), (Niveau.CAP2, 0),
    (Niveau.CAP1, 1)])
def test_default_session_year_is_the_end_of_the_cycle(niveau, ecart):
    annee = AnneeScolaire.objects.create(code="2025-2026", debut="2025-09-01",
                                         fin="2026-08-31")
    classe = f.classe(f.etablissement(), annee=annee, niveau=niveau)
    classe.refresh_from_db()
    assert annee_de_session(classe) == 2026 + ecart


def test_class_page_leads_to_the_sessions_and_opening_one(prof, lycee):
    classe = lycee.classe
    page = texte(prof.get(reverse("etablissements:classe", args=[classe.pk])))
    assert reverse("certification:sessions", args=[classe.pk]) in page
    page = texte(prof.get(reverse("certification:sessions", args=[classe.pk])))
    fin = classe.annee.fin.year
    assert f'value="{fin}"' in page and f"Ouvrir la session {fin}" in page
    r = prof.post(reverse("certification:ouvrir_session", args=[classe.pk]), {"annee": fin})
    session = SessionExamen.objects.get(classe=classe)
    assert r.status_code == 302 and r["Location"] == reverse("certification:session",
                                                             args=[session.pk])
    assert (session.annee, session.referentiel, session.cree_par) == (
        fin, classe.referentiel, lycee.enseignant)


def test_a_session_opens_once_and_within_the_cycle(prof, lycee, session):
    url = reverse("certification:ouvrir_session", args=[lycee.classe.pk])
    r = prof.post(url, {"annee": session.annee})
    assert r.status_code == 422 and "déjà ouverte" in texte(r)
    r = prof.post(url, {"annee": session.annee + 3})
    assert r.status_code == 422 and "ne peut préparer qu'une session entre" in texte(r)
    assert SessionExamen.objects.filter(classe=lycee.classe).count() == 1


def test_inspector_reads_but_cannot_open_or_plan(client, lycee, session):
    from cpro_platform.comptes.models import TypeRole
    inspecteur = f.personne()
    f.role(inspecteur, lycee.classe.etablissement, TypeRole.INSPECTEUR, classes=[lycee.classe])
    client.force_login(inspecteur)
    page = texte(client.get(reverse("certification:session", args=[session.pk])))
    assert "E31" in page and "Planifier une situation" not in page
    page = texte(client.get(reverse("certification:sessions", args=[lycee.classe.pk])))
    assert "Ouvrir la session" not in page
    r = client.post(reverse("certification:ouvrir_session", args=[lycee.classe.pk]),
                    {"annee": session.annee + 1})
    assert r.status_code == 403


def test_session_page_shows_the_referential_epreuves(prof, lycee, session):
    e31 = lycee.epreuves["E31"]
    e31.unite = cf.competences(lycee.classe.referentiel, 1)[0].bloc.unite
    e31.save()
    r = prof.get(reverse("certification:session", args=[session.pk]))
    page = texte(r)
    for code in ("E2", "E3", "E31", "E32"):
        assert f'id="epreuve-{code}"' in page
    ligne = page.split('id="epreuve-E31"')[1].split("</tr>")[0]
    assert e31.unite.code in ligne and "CCF" in ligne and "pratique, orale" in ligne
    assert "2 h 30" in ligne and "Provisoire" in ligne
    for competence in e31.competences.all():
        assert competence.code in ligne and competence.intitule in ligne
    assert "Ponctuel" in page.split('id="epreuve-E2"')[1].split("</tr>")[0]
    # Only the CCF sous-épreuves are planned.
    assert 'id="ccf-E31"' in page and 'id="ccf-E32"' in page and 'id="ccf-E2"' not in page
    assert reverse("certification:candidats", args=[session.pk]) in page
    assert "contenu provisoire" in page


def test_session_page_query_count_does_not_grow_with_situations(prof, lycee, session,
                                                                django_assert_max_num_queries):
    url = reverse("certification:session", args=[session.pk])
    cf.situation(session, lycee.enseignant, lycee.apprenants)
    with django_assert_max_num_queries(40) as une:
        prof.get(url)
    for i in range(5):
        cf.situation(session, lycee.enseignant, lycee.apprenants, code="E32",
                     intitule=f"S{i}", professionnel=lycee.tuteur, professionnel_nom="")
    with django_assert_max_num_queries(len(une.captured_queries)):
        prof.get(url)
