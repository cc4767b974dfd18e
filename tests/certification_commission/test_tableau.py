"""The class × sous-épreuve table: a status per cell, the weighted total naming what is
missing, per-column counts — and a query count that does not grow with the class."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpro_platform.certification.models import AjustementCommission, StatutCandidat
from cpro_platform.certification.tableau_commission import Statut, Tableau, tableau
from cpro_platform.home.navigation import items_for

from . import factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    s = cf.session(noms=["ALPHA", "BRAVO", "CHARLIE", "DELTA"])
    alpha, bravo, charlie, delta = s.apprenants
    cf.grille(s, alpha, "E31", 14)
    cf.grille(s, alpha, "E32", 10)
    cf.grille(s, alpha, "E33", "8.5", signee=False)
    cf.grille(s, bravo, "E31", 12)
    cf.candidature(s, bravo, "E32", StatutCandidat.ABSENT_JUSTIFIE)
    cf.candidature(s, bravo, "E33", StatutCandidat.DISPENSE)
    cf.candidature(s, charlie, "E31", StatutCandidat.BENEFICE, note_conservee=Decimal("15"),
                   session_origine=2025)
    cf.grille(s, charlie, "E32", 11)
    cf.grille(s, charlie, "E33", 9)
    return s


def _cellules(t: Tableau, nom: str) -> dict:
    ligne = next(lg for lg in t.lignes if lg.nom == nom)
    return {c.code: cell for c, cell in t.paires(ligne)}, ligne


def test_each_cell_says_its_status_and_only_counted_marks_make_the_total(s):
    t = tableau(s.session)
    assert [c.code for c in t.colonnes] == ["E31", "E32", "E33"]  # CCF only, no E2 / E3
    assert [lg.nom for lg in t.lignes] == ["ALPHA", "BRAVO", "CHARLIE", "DELTA"]

    alpha, ligne = _cellules(t, "ALPHA")
    assert [alpha[c].statut for c in ("E31", "E32", "E33")] == [
        Statut.SIGNEE, Statut.SIGNEE, Statut.PROPOSEE]
    assert alpha["E33"].note == Decimal("8.5") and not alpha["E33"].compte
    # (14 × 4 + 10 × 3) / 7; E33 is only proposed: named, not counted.
    assert ligne.points == Decimal("86.00") and ligne.coefficients == 7
    assert ligne.moyenne == Decimal("12.29") and ligne.manquantes == ["E33"]

    bravo, ligne = _cellules(t, "BRAVO")
    assert bravo["E32"].statut == Statut.ABSENT and bravo["E32"].justifie
    assert bravo["E33"].statut == Statut.DISPENSE
    # Dispensed: out of the total, not missing; absent: missing.
    assert ligne.moyenne == Decimal("12.00") and ligne.manquantes == ["E32"]

    charlie, ligne = _cellules(t, "CHARLIE")
    assert charlie["E31"].statut == Statut.BENEFICE and charlie["E31"].session_origine == 2025
    assert ligne.moyenne == Decimal("12.33") and ligne.manquantes == []  # (60+33+18)/9

    delta, ligne = _cellules(t, "DELTA")
    assert {c.statut for c in delta.values()} == {Statut.MANQUANTE}
    assert ligne.moyenne is None and ligne.manquantes == ["E31", "E32", "E33"]

    e31 = t.colonnes[0].comptes
    assert e31 == {Statut.SIGNEE: 2, Statut.BENEFICE: 1, Statut.MANQUANTE: 1}
    assert [(ligne.nom, [c.code for c, _ in cells]) for ligne, cells in t.bloquantes()] == [
        ("ALPHA", ["E33"]), ("DELTA", ["E31", "E32", "E33"])]


def test_a_current_adjustment_replaces_the_mark_and_the_superseded_one_does_not(s):
    c = cf.commission(s)
    g = s.grilles[s.apprenants[0].pk, "E31"]
    AjustementCommission.objects.create(commission=c, grille=g, note_avant=14, note_apres=13,
                                        motif="ancien", par=s.ddfpt, courant=False)
    AjustementCommission.objects.create(commission=c, grille=g, note_avant=14, note_apres=16,
                                        motif="Dossier relu", par=s.ddfpt)
    cell, ligne = _cellules(tableau(s.session), "ALPHA")
    assert cell["E31"].note == 16 and cell["E31"].note_grille == 14 and cell["E31"].ajustee
    assert cell["E31"].motif_ajustement == "Dossier relu"
    assert ligne.points == Decimal("94.00")


def test_the_archive_round_trips(s):
    t = tableau(s.session)
    assert Tableau.depuis_json(t.en_json()) == t


def test_the_page_shows_statuses_totals_and_counts(s, client):
    cf.commission(s)
    client.force_login(s.enseignant)
    page = client.get(reverse("certification:commission", args=[s.session.pk])).content.decode()
    for attendu in ["ALPHA", "14,00", "<em>8,50</em>", "proposée, non signée", "ABS",
                    "justifiée", "Dispensé", "bénéfice 2025", "manquante", "12,29 / 20",
                    "Sans note retenue : E33", "coef. 4",
                    "DELTA Prénom : E31 (manquante), E32 (manquante), E33 (manquante)."]:
        assert attendu in page, attendu
    assert "Provisoire" in page  # E33 comes from provisional content


def _requetes(client, s, user) -> tuple[int, int]:
    """The page's queries, and those every page pays (session, user, main navigation)."""
    client.force_login(user)
    url = reverse("certification:commission", args=[s.session.pk])
    client.get(url)  # warm caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as navigation:
        items_for(user, url)
    return len(ctx.captured_queries), 2 + len(navigation.captured_queries)


def _classe(apprenants: int):
    s = cf.session(apprenants)
    cf.tout_signer(s)
    cf.candidature(s, s.apprenants[0], "E33", StatutCandidat.DISPENSE)
    c = cf.commission(s)
    for a in s.apprenants[:2]:
        g = s.grilles[a.pk, "E32"]
        AjustementCommission.objects.create(commission=c, grille=g, note_avant=g.note,
                                            note_apres=15, motif="relu", par=s.ddfpt)
    return s


@pytest.mark.parametrize("role", ["enseignant", "ddfpt", "inspecteur"])
def test_the_query_count_does_not_grow_with_the_class(client, role):
    petite, grande = _classe(3), _classe(12)
    n_petite, _commun = _requetes(client, petite, getattr(petite, role))
    n_grande, commun = _requetes(client, grande, getattr(grande, role))
    assert n_petite == n_grande
    # The budget for the commission table: 15, besides what every page pays.
    assert n_grande - commun <= 15, (n_grande, commun)
