"""Preparing the commission and adjusting marks: members limited to who may sit, a reason
for every adjustment, marks on 0–20, only signed grids, append-only history; refused input
shows the reason and writes nothing."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from cpro_platform.certification import commission as services
from cpro_platform.certification.models import (
    AjustementCommission, CertificationFigee, Commission, StatutCandidat)

from . import factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    s = cf.session(noms=["ALPHA", "BRAVO"])
    alpha, bravo = s.apprenants
    cf.grille(s, alpha, "E31", 14)
    cf.grille(s, alpha, "E32", 9, signee=False)
    cf.candidature(s, bravo, "E31", StatutCandidat.ABSENT)
    return s


def test_possible_members_are_the_class_teachers_the_ddfpt_and_granted_inspectors(s):
    possibles = {m.user: m for m in services.membres_possibles(s.session)}
    assert set(possibles) == {s.enseignant, s.ddfpt, s.inspecteur}
    assert possibles[s.inspecteur].observateur
    assert "lecture seule" in possibles[s.inspecteur].libelle_qualite
    assert possibles[s.ddfpt].libelle_qualite == "DDFPT"
    with pytest.raises(ValidationError, match="ne peut pas siéger"):
        cf.commission(s, membres=[s.enseignant, s.autre_enseignant])
    assert not Commission.objects.filter(session=s.session).exists()


def test_preparing_through_the_page(s, client):
    client.force_login(s.enseignant)
    url = reverse("certification:commission_preparer", args=[s.session.pk])
    page = client.get(url).content.decode()
    assert "Inspecteur (observateur, lecture seule)" in page
    assert s.autre_enseignant.last_name not in page
    refus = client.post(url, {"date": "", "lieu": "Salle 12", "membres": [s.enseignant.pk]})
    assert refus.status_code == 422 and not Commission.objects.exists()
    etranger = client.post(url, {"date": "2027-06-10", "membres": [s.autre_enseignant.pk]})
    assert etranger.status_code == 422 and not Commission.objects.exists()
    ok = client.post(url, {"date": "2027-06-10", "lieu": "Salle 12",
                           "membres": [s.enseignant.pk, s.ddfpt.pk, s.inspecteur.pk]})
    assert ok.status_code == 302
    c = Commission.objects.get(session=s.session)
    assert c.lieu == "Salle 12" and set(c.membres.all()) == {s.enseignant, s.ddfpt, s.inspecteur}
    page = client.get(reverse("certification:commission", args=[s.session.pk])).content.decode()
    assert "10/06/2027" in page and "Salle 12" in page


def _ajuster(client, c, g, **donnees):
    return client.post(reverse("certification:commission_ajuster", args=[c.pk, g.pk]), donnees)


@pytest.mark.parametrize("donnees,message", [
    ({"note": "16", "motif": ""}, "Indiquez le motif de l’ajustement"),
    ({"note": "16", "motif": "   "}, "Indiquez le motif de l’ajustement"),
    ({"note": "21", "motif": "relu"}, "Une note est comprise entre 0 et 20 : 21 est refusé."),
    ({"note": "-1", "motif": "relu"}, "Une note est comprise entre 0 et 20"),
    ({"note": "douze", "motif": "relu"}, "« douze » n’est pas une note."),
    ({"note": "NaN", "motif": "relu"}, "n’est pas une note"),
    ({"note": "12,345", "motif": "relu"}, "au plus deux décimales"),
    ({"note": "14", "motif": "relu"}, "La note arrêtée est déjà 14,00 / 20."),
])
def test_bad_adjustments_are_refused_with_a_message_and_write_nothing(s, client, donnees,
                                                                      message):
    c = cf.commission(s)
    client.force_login(s.enseignant)
    reponse = _ajuster(client, c, s.grilles[s.apprenants[0].pk, "E31"], **donnees)
    assert reponse.status_code == 422
    assert message in reponse.content.decode()
    assert not AjustementCommission.objects.exists()


def test_only_a_signed_grid_is_adjusted(s, client):
    c = cf.commission(s)
    client.force_login(s.enseignant)
    brouillon = s.grilles[s.apprenants[0].pk, "E32"]
    assert "Seule la note d’une grille signée s’ajuste" in client.get(reverse(
        "certification:commission_ajuster", args=[c.pk, brouillon.pk])).content.decode()
    reponse = _ajuster(client, c, brouillon, note="12", motif="relu")
    assert reponse.status_code == 422
    assert "Seule la note d’une grille signée s’ajuste (cette case est « proposée (grille non " \
           "signée) »)." in reponse.content.decode()
    # A signed grid of a learner recorded absent is not adjusted either: the status wins.
    absent = cf.grille(s, s.apprenants[1], "E31", 12)
    reponse = _ajuster(client, c, absent, note="13", motif="relu")
    assert reponse.status_code == 422 and "cette case est « absent »" in reponse.content.decode()
    # Another session's grid does not exist here.
    autre = cf.session(1)
    etrangere = cf.grille(autre, autre.apprenants[0], "E31", 12)
    assert _ajuster(client, c, etrangere, note="12", motif="x").status_code == 404
    assert not AjustementCommission.objects.exists()


def test_an_adjustment_supersedes_the_previous_one_which_is_kept(s, client):
    c = cf.commission(s)
    g = s.grilles[s.apprenants[0].pk, "E31"]
    client.force_login(s.ddfpt)
    assert _ajuster(client, c, g, note="15,5", motif="Dossier relu").status_code == 302
    assert _ajuster(client, c, g, note="13", motif="Après débat").status_code == 302
    premier, second = AjustementCommission.objects.order_by("pk")
    assert (premier.note_avant, premier.note_apres, premier.courant) == (14, Decimal("15.5"),
                                                                         False)
    assert (second.note_avant, second.note_apres, second.courant) == (14, 13, True)
    assert second.par == s.ddfpt and second.motif == "Après débat"
    page = client.get(reverse("certification:commission", args=[s.session.pk])).content.decode()
    assert "13,00" in page and "Après débat" in page and "Dossier relu" in page
    assert "remplacé" in page


def test_an_adjustment_is_never_rewritten_nor_deleted(s):
    c = cf.commission(s)
    a = services.ajuster(c, s.grilles[s.apprenants[0].pk, "E31"], "16", "relu", s.ddfpt)
    a.note_apres = 20
    with pytest.raises(CertificationFigee, match="ne se modifie pas"):
        a.save()
    # (Django deletes inside an atomic block: the refusal rolls it back.)
    with pytest.raises(CertificationFigee, match="ne se supprime pas"), transaction.atomic():
        a.delete()
    for sql in ["UPDATE certification_ajustementcommission SET note_apres = 20 WHERE id = %s",
                "UPDATE certification_ajustementcommission SET motif = 'autre' WHERE id = %s"]:
        with pytest.raises(DatabaseError, match="ajout seul"), transaction.atomic():
            with connection.cursor() as curseur:
                curseur.execute(sql, [a.pk])
    a.refresh_from_db()
    assert (a.note_apres, a.motif, a.courant) == (16, "relu", True)
    # Superseding stays possible (only ``courant`` moves, and only to False).
    services.ajuster(c, s.grilles[s.apprenants[0].pk, "E31"], "15", "re-relu", s.ddfpt)
    a.refresh_from_db()
    assert not a.courant
    with pytest.raises(DatabaseError, match="ajout seul"), transaction.atomic():
        with connection.cursor() as curseur:
            curseur.execute("UPDATE certification_ajustementcommission SET courant = TRUE "
                            "WHERE id = %s", [a.pk])


def test_the_inspector_reads_but_neither_prepares_nor_adjusts(s, client):
    c = cf.commission(s)
    g = s.grilles[s.apprenants[0].pk, "E31"]
    client.force_login(s.inspecteur)
    page = client.get(reverse("certification:commission", args=[s.session.pk])).content.decode()
    assert "ALPHA" in page and "Ajuster" not in page and "Valider la commission" not in page
    assert "Modifier la date" not in page
    assert _ajuster(client, c, g, note="16", motif="relu").status_code == 403
    assert client.post(reverse("certification:commission_preparer", args=[s.session.pk]), {
        "date": "2027-06-10", "membres": [s.inspecteur.pk]}).status_code == 403
    assert not AjustementCommission.objects.exists()
