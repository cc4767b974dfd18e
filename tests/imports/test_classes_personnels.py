"""Class and staff imports: upserts by (establishment, year, name) and by e-mail."""
import pytest

from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.etablissements.imports.base import Action
from cpro_platform.etablissements.models import AnneeScolaire, Classe, Enseignement, Niveau
from tests import factories as f

from .conftest import csv, messages, xlsx

pytestmark = pytest.mark.django_db

CLASSES = csv("Division;Niveau;Code référentiel", "1 CPA;1re;CPA", "2 CPA;Seconde;cpa",
              "CAP1 X;CAP 1re année;CPA")


def test_classes_are_created_then_unchanged(classes, etab, ref):
    analyse = classes.executer(CLASSES, "classes.csv")
    assert analyse.compteurs == {"cree": 3, "modifie": 0, "inchange": 0}
    assert set(etab.classes.values_list("nom", "niveau", "annee")) == {
        ("1 CPA", Niveau.PREMIERE, AnneeScolaire.pour_date().pk),
        ("2 CPA", Niveau.SECONDE, AnneeScolaire.pour_date().pk),
        ("CAP1 X", Niveau.CAP1, AnneeScolaire.pour_date().pk)}
    avant = Classe.history.count()
    assert classes.executer(CLASSES, "classes.csv").compteurs["inchange"] == 3
    assert Classe.history.count() == avant


def test_class_level_change_is_a_modification(classes, classe_1cpa):
    [op] = classes.executer(csv("Division;Niveau;Code référentiel", "1 cpa;Terminale;CPA"),
                            "c.csv").operations
    assert op.action == Action.MODIFIE and "Terminale" in op.details[0]
    classe_1cpa.refresh_from_db()
    assert classe_1cpa.niveau == Niveau.TERMINALE and classe_1cpa.nom == "1 CPA"


def test_class_errors(classes, ref):
    analyse = classes.executer(csv("Division;Niveau;Code référentiel", "1 CPA;1re;CPA",
                                   "2 A;Quatrième;CPA", "2 B;2nde;XYZ", "1 cpa;1re;CPA"), "c.csv")
    assert not analyse.applique and not Classe.objects.exists()
    assert messages(analyse) == [
        "Ligne 3 : niveau « Quatrième » inconnu (valeurs acceptées : 1re, 2nde, cap1, cap2, tle)",
        "Ligne 4 : référentiel « XYZ » inconnu ou inactif (codes disponibles : CPA)",
        "Ligne 5 : division « 1 cpa » en double (déjà ligne 2)"]


def test_classes_from_xlsx(classes, etab, ref):
    contenu = xlsx(["DIVISION", "NIVEAU", "Référentiel"], ["T CPA", "tle", "CPA"])
    assert classes.executer(contenu, "classes.xlsx").compteurs["cree"] == 1
    assert etab.classes.get().niveau == Niveau.TERMINALE


PERSONNELS = csv("Nom;Prénom;E-mail;Rôle;Classes enseignées",
                 "Lefebvre;Marc;M.Lefebvre@lycee.example;enseignant;1 CPA, T CPA",
                 "Roux;Anne;a.roux@lycee.example;DDFPT;",
                 "Petit;Zoé;z.petit@lycee.example;Professeure, administrateur;T CPA")


def test_staff_created_with_roles_and_classes_then_unchanged(personnels, etab, classe_1cpa,
                                                             classe_tcpa, admin_user):
    analyse = personnels.executer(PERSONNELS, "p.csv")
    assert analyse.compteurs == {"cree": 3, "modifie": 0, "inchange": 0}
    marc = Role.objects.get(type=TypeRole.ENSEIGNANT, user__email="m.lefebvre@lycee.example")
    assert marc.etablissement == etab and marc.accorde_par == admin_user
    assert not marc.user.has_usable_password()
    assert set(Enseignement.objects.values_list("enseignant__last_name", "classe__nom")) == {
        ("Lefebvre", "1 CPA"), ("Lefebvre", "T CPA"), ("Petit", "T CPA")}
    assert set(Role.objects.filter(user__last_name="Petit").values_list("type", flat=True)) == {
        TypeRole.ENSEIGNANT, TypeRole.ADMINISTRATEUR}
    avant = Role.history.count() + Enseignement.history.count()
    assert personnels.executer(PERSONNELS, "p.csv").compteurs["inchange"] == 3
    assert Role.history.count() + Enseignement.history.count() == avant


def test_existing_person_gets_the_missing_role_and_class(personnels, etab, classe_1cpa,
                                                         classe_tcpa):
    prof = f.enseignant(etab, classe_1cpa, username="m.lefebvre")
    prof.email = "m.lefebvre@lycee.example"
    prof.save()
    analyse = personnels.executer(PERSONNELS, "p.csv")
    op = analyse.operations[0]
    assert op.action == Action.MODIFIE
    assert "enseigne en T CPA" in op.details and not any("rôle" in d for d in op.details)
    assert Role.objects.filter(user=prof).count() == 1
    assert prof.classes_enseignees.count() == 2


def test_staff_errors(personnels, classe_1cpa, admin_user):
    analyse = personnels.executer(csv(
        "Nom;Prénom;Courriel;Fonction;Classes",
        "A;B;pas-une-adresse;enseignant;", "C;D;c@x.example;cuisinier;",
        "E;F;e@x.example;DDFPT;1 CPA", "G;H;g@x.example;enseignant;9 ZZZ",
        "I;J;C@X.example;enseignant;"), "p.csv")
    assert not analyse.applique and not Role.objects.exclude(user=admin_user).exists()
    erreurs = messages(analyse)
    assert erreurs[0] == "Ligne 2 : e-mail « pas-une-adresse » invalide"
    assert [e.split(" : ")[0] for e in erreurs] == [f"Ligne {n}" for n in (2, 3, 4, 5, 6)]
    assert "rôle « cuisinier » inconnu" in erreurs[1]
    assert "rôle enseignant" in erreurs[2] and "« 9 ZZZ » inconnue" in erreurs[3]
    assert "en double (déjà ligne 3)" in erreurs[4]


def test_the_model_files_of_the_documentation_import_cleanly(etab, admin_user):
    """docs/exemples_import: classes, then learners and staff, then all again: unchanged."""
    from pathlib import Path

    from cpro_platform.etablissements.imports.vues import IMPORTATEURS

    f.referentiel("CPA")
    f.referentiel("CAV")
    dossier = Path(__file__).resolve().parents[2] / "docs" / "exemples_import"
    for tour, attendu in ((1, "cree"), (2, "inchange")):
        for type, importateur in IMPORTATEURS.items():
            contenu = (dossier / f"{type}.csv").read_bytes()
            analyse = importateur(etab, auteur=admin_user).executer(contenu, f"{type}.csv")
            assert analyse.applique, (tour, type, [str(e) for e in analyse.erreurs])
            assert {op.action for op in analyse.operations} == {attendu}, (tour, type)


def test_similar_e_mails_are_not_duplicates(personnels):
    analyse = personnels.analyser(csv("Nom;Prénom;E-mail;Rôle", "A;B;ab@x.example;DDFPT",
                                      "C;D;a.b@x.example;DDFPT"), "p.csv")
    assert analyse.valide and len(analyse.operations) == 2
