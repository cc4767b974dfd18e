"""Learner imports: upsert by INE, dated history, all-or-nothing on bad input."""
import datetime

import pytest

from cpro_platform.etablissements.imports.base import Action
from cpro_platform.etablissements.models import Apprenant, Inscription, Parcours, Statut
from tests import factories as f

from .conftest import ENTETE_APPRENANTS, csv, messages

pytestmark = pytest.mark.django_db

FICHIER = csv(ENTETE_APPRENANTS,
              "111111111AA;DUPONT;Marie;01/02/2008;1 CPA;scolaire",
              "222222222BB;MARTIN;Léo;15/10/2007;1 cpa;Apprenti",
              "333333333CC;NGUYEN;Lina;31/12/2007;T CPA;")


def test_first_import_creates_learners_paths_and_memberships(apprenants, classe_1cpa,
                                                             classe_tcpa, etab):
    analyse = apprenants.executer(FICHIER, "eleves.csv")
    assert analyse.applique and analyse.compteurs == {"cree": 3, "modifie": 0, "inchange": 0}
    marie = Apprenant.objects.get(ine="111111111AA")
    assert (marie.nom, marie.prenom, marie.date_naissance) == (
        "DUPONT", "Marie", datetime.date(2008, 2, 1))
    assert marie.parcours_au().statut == Statut.SCOLAIRE
    assert Apprenant.objects.get(ine="222222222BB").parcours_au().statut == Statut.APPRENTI
    assert Apprenant.objects.get(ine="333333333CC").parcours_au().etablissement == etab
    assert set(Inscription.objects.values_list("apprenant__ine", "classe__nom")) == {
        ("111111111AA", "1 CPA"), ("222222222BB", "1 CPA"), ("333333333CC", "T CPA")}


def test_preview_writes_nothing(apprenants, classe_1cpa, classe_tcpa):
    analyse = apprenants.analyser(FICHIER, "eleves.csv")
    assert analyse.valide and [op.action for op in analyse.operations] == [Action.CREE] * 3
    assert not Apprenant.objects.exists()


def _historique() -> int:
    return sum(m.history.count() for m in (Apprenant, Parcours, Inscription))


def test_reimport_changes_nothing(apprenants, classe_1cpa, classe_tcpa):
    apprenants.executer(FICHIER, "eleves.csv")
    avant = _historique()
    analyse = apprenants.executer(FICHIER, "eleves.csv")
    assert analyse.applique and analyse.compteurs == {"cree": 0, "modifie": 0, "inchange": 3}
    assert _historique() == avant
    assert Parcours.objects.count() == 3 and Inscription.objects.count() == 3


def test_statut_change_opens_a_new_path_and_keeps_the_old_one(apprenants, etab, classe_1cpa):
    eleve = f.apprenant(etab, classe_1cpa, debut=f.jours(-60))
    ancien = eleve.parcours.get()
    contenu = csv(ENTETE_APPRENANTS, f"{eleve.ine};{eleve.nom};{eleve.prenom};;1 CPA;apprenti")
    [op] = apprenants.analyser(contenu, "a.csv").operations
    assert op.action == Action.MODIFIE and "Apprenti" in op.details[0]
    assert apprenants.executer(contenu, "a.csv").compteurs["modifie"] == 1
    parcours = list(eleve.parcours.order_by("debut"))
    assert [p.statut for p in parcours] == [Statut.SCOLAIRE, Statut.APPRENTI]
    assert parcours[0].pk == ancien.pk and parcours[0].fin == f.jours(-1)
    assert parcours[1].debut == f.jours(0) and parcours[1].fin is None
    # Same file again: the new statut is already there.
    assert apprenants.executer(contenu, "a.csv").compteurs["inchange"] == 1


def test_empty_statut_keeps_the_current_one(apprenants, etab, classe_1cpa):
    apprenti = f.apprenant(etab, classe_1cpa, statut=Statut.APPRENTI, debut=f.jours(-60))
    contenu = csv(ENTETE_APPRENANTS, f"{apprenti.ine};{apprenti.nom};Prénom;;1 CPA;")
    assert apprenants.executer(contenu, "a.csv").compteurs["inchange"] == 1


def test_identity_and_class_change(apprenants, etab, classe_1cpa, classe_tcpa):
    eleve = f.apprenant(etab, classe_1cpa, debut=f.jours(-60))
    contenu = csv(ENTETE_APPRENANTS, f"{eleve.ine};DURAND;Prénom;02/03/2008;T CPA;scolaire")
    [op] = apprenants.executer(contenu, "a.csv").operations
    assert op.action == Action.MODIFIE
    eleve.refresh_from_db()
    assert eleve.nom == "DURAND" and eleve.date_naissance == datetime.date(2008, 3, 2)
    assert list(Inscription.objects.actives().filter(apprenant=eleve).values_list(
        "classe__nom", flat=True)) == ["T CPA"]
    assert Inscription.objects.get(apprenant=eleve, classe=classe_1cpa).fin == f.jours(-1)


def test_learner_still_in_another_establishment_is_refused(apprenants, classe_1cpa):
    ailleurs = f.apprenant(f.etablissement(), debut=f.jours(-60))
    contenu = csv(ENTETE_APPRENANTS, f"{ailleurs.ine};X;Y;;1 CPA;scolaire")
    [erreur] = messages(apprenants.analyser(contenu, "a.csv"))
    assert erreur.startswith("Ligne 2 : ") and "autre établissement" in erreur


# --- bad input: nothing imported, each problem named with its row ---------------------------

def _rien_importe(apprenants, contenu, nom="eleves.csv") -> list[str]:
    avant = _historique()
    analyse = apprenants.executer(contenu, nom)
    assert not analyse.applique and not analyse.operations
    assert not Apprenant.objects.filter(ine__in=["111111111AA", "222222222BB"]).exists()
    assert _historique() == avant
    return messages(analyse)


def test_missing_column(apprenants, classe_1cpa):
    erreurs = _rien_importe(apprenants, csv("INE;Nom;Prénom;Division",
                                            "111111111AA;DUPONT;Marie;1 CPA"))
    assert erreurs == [e for e in erreurs if "date de naissance" in e] and len(erreurs) == 1
    assert "Colonne obligatoire manquante" in erreurs[0]


def test_duplicate_ine(apprenants, classe_1cpa):
    erreurs = _rien_importe(apprenants, csv(
        ENTETE_APPRENANTS, "111111111AA;DUPONT;Marie;01/02/2008;1 CPA;scolaire",
        "222222222BB;MARTIN;Léo;01/02/2008;1 CPA;scolaire",
        "111111111aa;DUPONT;Marie;01/02/2008;1 CPA;scolaire"))
    assert erreurs == ["Ligne 4 : INE « 111111111AA » en double (déjà ligne 2)"]


def test_unknown_class(apprenants, classe_1cpa):
    erreurs = _rien_importe(apprenants, csv(
        ENTETE_APPRENANTS, "111111111AA;DUPONT;Marie;01/02/2008;1 CPA;scolaire",
        "222222222BB;MARTIN;Léo;01/02/2008;2 MVA;scolaire"))
    assert len(erreurs) == 1 and erreurs[0].startswith("Ligne 3 : classe « 2 MVA » inconnue")


def test_malformed_date(apprenants, classe_1cpa):
    lignes = [f"{n}{n}{n}{n}{n}{n}{n}{n}{n}AA;NOM;P;01/01/2008;1 CPA;" for n in range(1, 6)]
    erreurs = _rien_importe(apprenants, csv(
        ENTETE_APPRENANTS, *lignes, "999999999ZZ;DUPONT;Marie;31/02/2008;1 CPA;scolaire"))
    assert erreurs == ["Ligne 7 : date de naissance « 31/02/2008 » invalide "
                       "(format attendu JJ/MM/AAAA)"]


def test_several_problems_are_all_listed(apprenants, classe_1cpa):
    erreurs = _rien_importe(apprenants, csv(
        ENTETE_APPRENANTS, "12;;Marie;2008-13-01;1 CPA;stagiaire",
        "111111111AA;DUPONT;Marie;01/02/2008;1 CPA;scolaire"))
    assert all(e.startswith("Ligne 2 : ") for e in erreurs) and len(erreurs) == 4
    texte = " ".join(erreurs)
    assert "n'est pas un INE" in texte and "nom manquant" in texte
    assert "« 2008-13-01 » invalide" in texte and "statut « stagiaire » inconnu" in texte


@pytest.mark.parametrize("contenu,nom,message", [
    (b"", "eleves.csv", "Le fichier est vide."),
    (b"%PDF", "eleves.pdf", "Type de fichier non pris en charge"),
])
def test_unreadable_file(apprenants, contenu, nom, message):
    [erreur] = _rien_importe(apprenants, contenu, nom)
    assert erreur.startswith(message)


def test_a_row_refused_while_applying_rolls_back_the_rows_before_it(apprenants, classe_1cpa,
                                                                     monkeypatch):
    """All or nothing also when the database refuses a row during the commit."""
    from cpro_platform.etablissements.services import OperationImpossible

    appliquer = type(apprenants).appliquer

    def refuse_la_ligne_3(self, operation):
        if operation.numero == 3:
            raise OperationImpossible("refusé par la base")
        appliquer(self, operation)

    monkeypatch.setattr(type(apprenants), "appliquer", refuse_la_ligne_3)
    contenu = csv(ENTETE_APPRENANTS, "111111111AA;DUPONT;Marie;;1 CPA;",
                  "222222222BB;MARTIN;Léo;;1 CPA;")
    assert _rien_importe(apprenants, contenu) == ["Ligne 3 : refusé par la base"]
