"""All or nothing with short transactions: a run that fails after some batches were committed
undoes them, leaving the whole database as it was (audit log included).

Batches of one row (``TAILLE_LOT`` patched) so that every row is its own transaction.
"""
import io

import pytest
from django.apps import apps
from django.core.management import call_command

from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.imports import base
from cpro_platform.etablissements.imports.journal import Journal
from cpro_platform.etablissements.models import (
    EcritureImport, EtatImport, Importation, Niveau, Statut)
from cpro_platform.etablissements.services import OperationImpossible
from tests import factories as f

from .conftest import ENTETE_APPRENANTS, csv, messages

pytestmark = pytest.mark.django_db
#: The run's bookkeeping, and the livret versions its writes bumped (a bump is never wrong:
#: a page is only rendered again).
PROPRES = {"etablissements.importation", "etablissements.ecritureimport",
           "livret.versionlivret"}


def etat_de_la_base() -> dict:
    """Every row of every table (the run's own bookkeeping aside)."""
    return {m._meta.label_lower: sorted(m._base_manager.values_list(), key=repr)
            for m in apps.get_models() if m._meta.label_lower not in PROPRES}


@pytest.fixture(autouse=True)
def lots_d_une_ligne(monkeypatch):
    monkeypatch.setattr(base, "TAILLE_LOT", 1)


@pytest.fixture
def annulations(monkeypatch) -> list[set]:
    """The actions each undo had to reverse (to know the test covers all three)."""
    vues = []
    annuler = Journal.annuler

    def espion(self):
        vues.append({e.action for e in self.ecritures})
        annuler(self)

    monkeypatch.setattr(Journal, "annuler", espion)
    return vues


def refuser_la_ligne(monkeypatch, importateur, numero: int, erreur=None):
    appliquer = type(importateur).appliquer

    def refuse(self, operation):
        if operation.numero == numero:
            raise erreur or OperationImpossible("refusé par la base")
        appliquer(self, operation)

    monkeypatch.setattr(type(importateur), "appliquer", refuse)


def test_learners_created_modified_and_withdrawn_are_all_undone(
        apprenants, etab, classe_1cpa, classe_tcpa, monkeypatch, annulations):
    ancien = f.apprenant(etab, classe_1cpa, debut=f.jours(-60))
    arrive_ce_matin = f.apprenant(etab, classe_1cpa, debut=f.jours(0))
    contenu = csv(ENTETE_APPRENANTS,
                  "111111111AA;NOUVEAU;Né;01/02/2008;1 CPA;",
                  f"{ancien.ine};RENOMME;Prénom;02/03/2008;T CPA;apprenti",
                  f"{arrive_ce_matin.ine};{arrive_ce_matin.nom};{arrive_ce_matin.prenom};;"
                  "T CPA;",
                  "222222222BB;REFUSE;Non;;1 CPA;")
    avant = etat_de_la_base()
    refuser_la_ligne(monkeypatch, apprenants, 5)

    analyse = apprenants.executer(contenu, "a.csv")

    assert messages(analyse) == ["Ligne 5 : refusé par la base"] and not analyse.applique
    assert annulations == [{"cree", "modifie", "supprime"}]
    assert etat_de_la_base() == avant


def test_staff_accounts_roles_and_identity_are_undone(personnels, etab, classe_1cpa,
                                                      monkeypatch, annulations):
    connue = f.personne("connue", email="connue@lycee.example")
    connue.first_name, connue.last_name = "Ancien", "Nom"
    connue.save()
    f.role(connue, etab, TypeRole.ENSEIGNANT)
    contenu = csv("Nom;Prénom;E-mail;Rôle;Classes enseignées",
                  "NOUVEAU;Prof;nouveau@lycee.example;enseignant;1 CPA",
                  "NOUVEAU-NOM;Nouveau;connue@lycee.example;enseignant, DDFPT;1 CPA",
                  "REFUSE;Non;refuse@lycee.example;DDFPT;")
    avant = etat_de_la_base()
    refuser_la_ligne(monkeypatch, personnels, 4)

    assert not personnels.executer(contenu, "p.csv").applique

    assert annulations == [{"cree", "modifie"}]
    assert etat_de_la_base() == avant


def test_classes_created_and_changed_are_undone(classes, etab, ref, classe_1cpa, monkeypatch,
                                                annulations):
    contenu = csv("Division;Niveau;Code référentiel", "2 CPA;2nde;CPA", "1 CPA;Terminale;CPA",
                  "T CPA;Terminale;CPA")
    avant = etat_de_la_base()
    refuser_la_ligne(monkeypatch, classes, 4)

    assert not classes.executer(contenu, "c.csv").applique

    assert annulations == [{"cree", "modifie"}]
    assert etat_de_la_base() == avant
    classe_1cpa.refresh_from_db()
    assert classe_1cpa.niveau == Niveau.PREMIERE


def test_an_unexpected_error_is_undone_then_raised(apprenants, classe_1cpa, monkeypatch):
    contenu = csv(ENTETE_APPRENANTS, "111111111AA;A;B;;1 CPA;", "222222222BB;C;D;;1 CPA;",
                  "333333333CC;E;F;;1 CPA;")
    avant = etat_de_la_base()
    refuser_la_ligne(monkeypatch, apprenants, 4, erreur=RuntimeError("panne"))
    with pytest.raises(RuntimeError, match="panne"):
        apprenants.executer(contenu, "a.csv")
    assert etat_de_la_base() == avant


def test_a_run_cut_short_is_undone_from_its_saved_journal(apprenants, etab, admin_user,
                                                          classe_1cpa, monkeypatch):
    """The journal is committed with each batch: after a crash (here: no undo in the run),
    ``manage.py annuler_import`` still undoes what was written."""
    contenu = csv(ENTETE_APPRENANTS, "111111111AA;A;B;;1 CPA;apprenti",
                  "222222222BB;C;D;;1 CPA;", "333333333CC;E;F;;1 CPA;")
    importation = Importation.objects.create(etablissement=etab, auteur=admin_user,
                                             type="apprenants", nom_fichier="a.csv",
                                             etat=EtatImport.EN_COURS)
    avant = etat_de_la_base()
    monkeypatch.setattr(Journal, "annuler", lambda self: None)  # the process died
    refuser_la_ligne(monkeypatch, apprenants, 4, erreur=SystemExit(1))
    with pytest.raises(SystemExit):
        apprenants.executer(contenu, "a.csv", importation)
    importation.refresh_from_db()
    assert importation.lignes_faites == 2 and importation.lignes_total == 3
    assert set(EcritureImport.objects.values_list("lot", flat=True)) == {1, 2}
    assert etat_de_la_base() != avant
    monkeypatch.undo()

    call_command("annuler_import", str(importation.pk), stdout=io.StringIO())

    assert etat_de_la_base() == avant and not importation.ecritures.exists()
    importation.refresh_from_db()
    assert importation.etat == EtatImport.ECHOUE and "Import interrompu" in str(
        importation.erreurs)


def test_a_successful_run_keeps_no_journal(apprenants, etab, admin_user, classe_1cpa):
    importation = Importation.objects.create(etablissement=etab, auteur=admin_user,
                                             type="apprenants", nom_fichier="a.csv")
    contenu = csv(ENTETE_APPRENANTS, "111111111AA;A;B;;1 CPA;", "222222222BB;C;D;;1 CPA;")
    assert apprenants.executer(contenu, "a.csv", importation).applique
    importation.refresh_from_db()
    assert (importation.lignes_faites, importation.lignes_total) == (2, 2)
    assert not importation.ecritures.exists()
    assert set(etab.parcours.values_list("apprenant__ine", "statut")) == {
        ("111111111AA", Statut.SCOLAIRE), ("222222222BB", Statut.SCOLAIRE)}
