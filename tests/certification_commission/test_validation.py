"""Validating the commission: the DDFPT only, refused while a cell is missing or proposed
(naming who and what), then the table is archived and everything of the session is frozen —
in the pages, in the models and in the database."""
import datetime
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from cpro_platform.certification import commission as services
from cpro_platform.certification.models import (
    AjustementCommission, Candidature, CertificationFigee, Commission, DegreGrille,
    GrilleCCF, ReouvertureGrille, SessionExamen, SituationEvaluation, StatutCandidat)
from tests.suivi import factories as sf

from . import factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    s = cf.session(noms=["ALPHA", "BRAVO", "CHARLIE"])
    alpha, bravo, charlie = s.apprenants
    cf.grille(s, alpha, "E31", 14)
    cf.grille(s, alpha, "E32", 9, signee=False)
    cf.candidature(s, bravo, "E32", StatutCandidat.ABSENT)
    cf.candidature(s, charlie, "E33", StatutCandidat.DISPENSE)
    return s


def _valider(client, c):
    return client.post(reverse("certification:commission_valider", args=[c.pk]))


def test_validation_is_refused_while_cells_are_missing_or_proposed_naming_them(s, client):
    c = cf.commission(s)
    client.force_login(s.ddfpt)
    reponse = _valider(client, c)
    assert reponse.status_code == 422
    page = reponse.content.decode()
    assert "La commission ne peut pas encore valider" in page
    assert "ALPHA Prénom : E32 (proposée (grille non signée)), E33 (manquante)." in page
    assert "BRAVO Prénom : E31 (manquante), E33 (manquante)." in page
    assert "CHARLIE Prénom : E31 (manquante), E32 (manquante)." in page
    c.refresh_from_db()
    assert not c.validee and c.archive is None and c.validee_par is None


def test_only_the_ddfpt_validates(s, client):
    cf.tout_signer(s)
    c = cf.commission(s)
    for qui in (s.enseignant, s.inspecteur):
        client.force_login(qui)
        page = client.get(reverse("certification:commission", args=[s.session.pk]))
        assert "Valider la commission" not in page.content.decode()
        assert _valider(client, c).status_code == 403
    assert not Commission.objects.get(pk=c.pk).validee


def _figer(s, client=None):
    cf.tout_signer(s)
    c = cf.commission(s)
    services.ajuster(c, s.grilles[s.apprenants[0].pk, "E31"], "15", "Dossier relu", s.ddfpt)
    if client is None:
        return services.valider(c, s.ddfpt)
    client.force_login(s.ddfpt)
    reponse = _valider(client, c)
    assert reponse.status_code == 302
    return Commission.objects.get(pk=c.pk)


def test_validation_archives_the_table_and_the_page_shows_the_archive(s, client):
    avant = timezone.now()
    c = _figer(s, client)
    assert c.validee and c.validee_par == s.ddfpt and c.validee_le >= avant
    archive = c.archive
    assert [col["code"] for col in archive["colonnes"]] == ["E31", "E32", "E33"]
    alpha = archive["lignes"][0]
    assert alpha["nom"] == "ALPHA" and Decimal(alpha["cellules"][0]["note"]) == 15
    assert alpha["cellules"][0]["ajustee"] and alpha["cellules"][0]["motif_ajustement"] == \
        "Dossier relu"
    assert [c["statut"] for c in archive["lignes"][1]["cellules"]] == [
        "signee", "absent", "signee"]
    page = client.get(reverse("certification:commission", args=[s.session.pk])).content.decode()
    assert "Commission validée : le tableau est archivé et la session est figée." in page
    assert "le tableau ci-dessous est celui archivé" in page
    assert "Ajuster" not in page and "Valider la commission" not in page
    # The referential changes afterwards (a resynchronised coefficient): the archive does not.
    s.epreuve("E31").__class__.objects.filter(pk=s.epreuve("E31").pk).update(coefficient=10)
    page = client.get(reverse("certification:commission", args=[s.session.pk])).content.decode()
    assert "coef. 4" in page and "coef. 10" not in page


def test_nothing_of_a_frozen_session_changes_through_the_models(s):
    _figer(s)
    g = s.grilles[s.apprenants[1].pk, "E31"]  # not adjusted: deleting it is not PROTECTed
    competence = sf.criteres(s.session.referentiel, 1)[0].competence
    situation_ok = {"session": s.session, "epreuve": s.epreuve("E31"), "intitule": "CCF 1",
                    "debut": datetime.date(2027, 3, 1), "evaluateur": s.enseignant}
    ecritures = {
        "grille": lambda: GrilleCCF.objects.filter(pk=g.pk).get().save(),
        "grille supprimée": lambda: GrilleCCF.objects.get(pk=g.pk).delete(),
        "degré": lambda: DegreGrille.objects.create(grille=g, competence=competence, degre=3),
        "réouverture": lambda: ReouvertureGrille.objects.create(grille=g, motif="erreur",
                                                                par=s.enseignant, avant={}),
        "statut": lambda: cf.candidature(s, s.apprenants[1], "E31", StatutCandidat.DISPENSE),
        "situation": lambda: SituationEvaluation.objects.create(**situation_ok),
        "session": lambda: SessionExamen.objects.get(pk=s.session.pk).save(),
        "commission": lambda: Commission.objects.get(session=s.session).save(),
        "membres": lambda: Commission.objects.get(session=s.session).membres.remove(
            s.inspecteur),
        "ajustement": lambda: AjustementCommission.objects.create(
            commission=Commission.objects.get(session=s.session), grille=g, note_avant=12,
            note_apres=18, motif="après coup", par=s.ddfpt, courant=False),
    }
    for quoi, ecrire in ecritures.items():
        # a signed grid is refused by its own lock first; the rest by the session's freeze
        with pytest.raises(CertificationFigee, match="figée|signée"), transaction.atomic():
            ecrire()
    assert GrilleCCF.objects.filter(pk=g.pk).exists() and not DegreGrille.objects.exists()
    assert AjustementCommission.objects.count() == 1


def test_the_situations_learners_are_frozen_too(s):
    situation = SituationEvaluation.objects.create(
        session=s.session, epreuve=s.epreuve("E31"), intitule="CCF 1",
        debut=datetime.date(2027, 3, 1), evaluateur=s.enseignant)
    situation.apprenants.add(s.apprenants[0])
    _figer(s)
    with pytest.raises(CertificationFigee), transaction.atomic():
        situation.apprenants.add(s.apprenants[1])
    with pytest.raises(CertificationFigee), transaction.atomic():
        s.apprenants[0].situations_ccf.clear()
    with pytest.raises(DatabaseError, match="commission validee"), transaction.atomic():
        SituationEvaluation.apprenants.through.objects.bulk_create([
            SituationEvaluation.apprenants.through(situationevaluation=situation,
                                                   apprenant=s.apprenants[2])])
    assert list(situation.apprenants.all()) == [s.apprenants[0]]


@pytest.mark.parametrize("sql", [
    "UPDATE certification_grilleccf SET note = 20 WHERE session_id = %(s)s",
    "UPDATE certification_candidature SET statut = 'dispense' WHERE session_id = %(s)s",
    "UPDATE certification_commission SET etat = 'ouverte' WHERE session_id = %(s)s",
    "UPDATE certification_commission SET archive = '{}' WHERE session_id = %(s)s",
    "UPDATE certification_sessionexamen SET annee = 1999 WHERE id = %(s)s",
    "UPDATE certification_ajustementcommission SET courant = FALSE WHERE commission_id IN "
    "(SELECT id FROM certification_commission WHERE session_id = %(s)s)",
    "UPDATE certification_commission_membres SET user_id = user_id WHERE commission_id IN "
    "(SELECT id FROM certification_commission WHERE session_id = %(s)s)",
    "INSERT INTO certification_candidature (session_id, apprenant_id, epreuve_id, statut, "
    "motif, auteur_id, cree_le) SELECT %(s)s, apprenant_id, epreuve_id, 'absent', '', "
    "signee_par_id, signee_le FROM certification_grilleccf WHERE session_id = %(s)s LIMIT 1",
    "INSERT INTO certification_commission_membres (commission_id, user_id) SELECT c.id, u.id "
    "FROM certification_commission c, auth_user u WHERE c.session_id = %(s)s AND u.id NOT IN "
    "(SELECT user_id FROM certification_commission_membres) LIMIT 1",
])
def test_the_database_refuses_raw_writes_to_a_frozen_session(s, sql):
    _figer(s)
    notes = sorted(GrilleCCF.objects.filter(session=s.session).values_list("note", flat=True))
    with pytest.raises(DatabaseError, match="commission validee"), transaction.atomic():
        with connection.cursor() as curseur:
            curseur.execute(sql % {"s": int(s.session.pk)})
    assert sorted(GrilleCCF.objects.filter(session=s.session).values_list(
        "note", flat=True)) == notes
    assert Commission.objects.get(session=s.session).validee


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SQLite has no DELETE trigger (the test flush deletes rows)")
@pytest.mark.parametrize("table,message", [
    ("certification_commission_membres", "commission validee"),
    ("certification_candidature", "commission validee"),
    ("certification_ajustementcommission", "ajout seul"),
])
def test_postgresql_refuses_raw_deletes_in_a_frozen_session(s, table, message):
    _figer(s)
    with pytest.raises(DatabaseError, match=message), transaction.atomic():
        with connection.cursor() as curseur:
            curseur.execute(f"DELETE FROM {table}")
    c = Commission.objects.get(session=s.session)
    assert c.membres.count() == 3 and c.ajustements.count() == 1
    assert Candidature.objects.filter(session=s.session).count() == 2


def test_the_database_refuses_a_degree_or_grid_written_around_the_models(s):
    _figer(s)
    g = GrilleCCF.objects.filter(session=s.session).first()
    competence = sf.criteres(s.session.referentiel, 1)[0].competence
    with pytest.raises(DatabaseError, match="commission validee"), transaction.atomic():
        DegreGrille.objects.bulk_create([DegreGrille(grille=g, competence=competence,
                                                     degre=2)])
    with pytest.raises(DatabaseError, match="commission validee"), transaction.atomic():
        GrilleCCF.objects.filter(pk=g.pk).update(note=Decimal("19"))
    with pytest.raises(DatabaseError, match="commission validee"), transaction.atomic():
        Candidature.objects.filter(session=s.session).update(motif="après coup")
    assert not DegreGrille.objects.exists()


def test_another_session_is_not_frozen(s):
    autre = cf.session(1)
    _figer(s)
    cf.grille(autre, autre.apprenants[0], "E31", 11)
    c = cf.commission(autre)
    services.ajuster(c, autre.grilles[autre.apprenants[0].pk, "E31"], "12", "relu",
                     autre.ddfpt)
    assert AjustementCommission.objects.filter(commission=c).count() == 1


def test_the_pages_refuse_editing_after_validation_with_a_message(s, client):
    c = _figer(s, client)
    g = s.grilles[s.apprenants[0].pk, "E31"]
    client.force_login(s.enseignant)
    ajuster = client.post(reverse("certification:commission_ajuster", args=[c.pk, g.pk]),
                          {"note": "17", "motif": "après coup"})
    assert ajuster.status_code == 422
    assert "la session est figée et archivée, rien ne peut plus être modifié" in \
        ajuster.content.decode()
    preparer = client.post(reverse("certification:commission_preparer", args=[s.session.pk]),
                           {"date": "2027-06-11", "membres": [s.enseignant.pk]})
    assert preparer.status_code == 422
    assert "la session est figée" in preparer.content.decode()
    client.force_login(s.ddfpt)
    encore = _valider(client, c)
    assert encore.status_code == 422 and "rien ne peut plus être modifié" in \
        encore.content.decode()
    c.refresh_from_db()
    assert c.date == timezone.localdate() and AjustementCommission.objects.count() == 1
