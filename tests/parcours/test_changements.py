"""Changes of statut, class and establishment: nothing is lost, access follows the policy.

Each change goes through the administrator's page (or the service the page calls); the learner's
evaluations, positionnements and bilans are counted before and after, and the livret is read by
the people who should (and should not) see it.
"""
import pytest
from django.urls import reverse

from cpro_platform.acces import perimetres as acces
from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Statut
from cpro_platform.etablissements.services import OperationImpossible, inscrire
from tests import factories as f
from tests.livret.factories import noter
from tests.parcours.conftest import dossier

pytestmark = pytest.mark.django_db


def administrateur(client, etablissement):
    user = f.personne()
    f.role(user, etablissement, TypeRole.ADMINISTRATEUR)
    client.force_login(user)
    return client


def fiche(etablissement, apprenant) -> str:
    return reverse("gestion:apprenant", args=[etablissement.pk, apprenant.pk])


def livret(client, user, apprenant):
    client.force_login(user)
    return client.get(reverse("livret:livret", args=[apprenant.pk]))


def test_scolaire_to_apprenti_in_the_same_class_keeps_the_record(client, p):
    avant = dossier(p.a)
    reponse = administrateur(client, p.etablissement).post(fiche(p.etablissement, p.a), {
        "formulaire": "parcours", "parcours-statut": Statut.APPRENTI,
        "parcours-date": f.jours(-10).isoformat()})
    assert reponse.status_code == 302
    assert p.a.parcours_au(f.jours(-11)).statut == Statut.SCOLAIRE
    assert p.a.parcours_au().statut == Statut.APPRENTI
    assert p.a.inscriptions.get().en_cours          # still in the class
    assert dossier(p.a) == avant
    # The class's teacher keeps evaluating the apprentice, and the livret shows both.
    noter(p.situation("TP après le changement", f.jours(-5)), p.enseignant,
          {(p.a, c): "3" for c in p.criteres})
    page = livret(client, p.enseignant, p.a).content.decode()
    assert "TP avant le changement" in page and "TP après le changement" in page


def test_a_change_of_class_closes_and_opens_memberships_in_one_go(client, p):
    nouvelle = f.classe(p.etablissement, "T CARRO B")
    nouveau_prof = f.enseignant(p.etablissement, nouvelle)
    avant = dossier(p.a)
    reponse = administrateur(client, p.etablissement).post(fiche(p.etablissement, p.a), {
        "formulaire": "parcours", "parcours-statut": Statut.SCOLAIRE,
        "parcours-classe": nouvelle.pk, "parcours-date": f.jours(-3).isoformat()})
    assert reponse.status_code == 302
    ancienne = p.a.inscriptions.get(classe=p.classe)
    assert (ancienne.fin, p.a.inscriptions.get(classe=nouvelle).debut) == (f.jours(-4),
                                                                           f.jours(-3))
    assert p.a.parcours.count() == 1                # same statut: the path goes on
    assert dossier(p.a) == avant
    # The new teacher reads the earlier record and writes; the former one reads only.
    assert "TP avant le changement" in livret(client, nouveau_prof, p.a).content.decode()
    assert acces.apprenants_evaluables(nouveau_prof).filter(pk=p.a.pk).exists()
    assert not acces.apprenants_evaluables(p.enseignant).filter(pk=p.a.pk).exists()
    assert livret(client, p.enseignant, p.a).status_code == 200


@pytest.mark.parametrize("jours, attendu", [
    (-365, "chevauche"),                            # before the running path began
    (-60, "chevauche"),                             # the very day it began
])
def test_an_overlapping_change_is_refused_in_french_and_writes_nothing(client, p, jours,
                                                                       attendu):
    nouvelle = f.classe(p.etablissement, "T CARRO B")
    lignes = (list(p.a.parcours.values_list("debut", "fin", "statut")),
              list(p.a.inscriptions.values_list("classe", "debut", "fin")))
    reponse = administrateur(client, p.etablissement).post(fiche(p.etablissement, p.a), {
        "formulaire": "parcours", "parcours-statut": Statut.APPRENTI,
        "parcours-classe": nouvelle.pk, "parcours-date": f.jours(jours).isoformat()})
    assert reponse.status_code == 200 and attendu in reponse.content.decode()
    assert lignes == (list(p.a.parcours.values_list("debut", "fin", "statut")),
                      list(p.a.inscriptions.values_list("classe", "debut", "fin")))


def test_moving_to_a_class_already_followed_or_changing_nothing_is_explained(client, p):
    admin = administrateur(client, p.etablissement)
    reponse = admin.post(fiche(p.etablissement, p.a), {
        "formulaire": "parcours", "parcours-statut": Statut.SCOLAIRE,
        "parcours-classe": p.classe.pk, "parcours-date": f.jours(-3).isoformat()})
    assert "déjà inscrit dans la classe" in reponse.content.decode()
    reponse = admin.post(fiche(p.etablissement, p.a), {
        "formulaire": "parcours", "parcours-statut": Statut.SCOLAIRE,
        "parcours-date": f.jours(-3).isoformat()})
    assert "a déjà ce statut" in reponse.content.decode()
    assert p.a.inscriptions.get().fin is None


def test_departure_ends_the_memberships_so_the_former_teachers_stop_writing(client, p):
    administrateur(client, p.etablissement).post(fiche(p.etablissement, p.a), {
        "formulaire": "depart", "depart-date": f.jours(-1).isoformat()})
    assert p.a.inscriptions.get().fin == f.jours(-1)
    assert not acces.apprenants_evaluables(p.enseignant).filter(pk=p.a.pk).exists()
    # What they recorded stays readable to them, as the policy says (their class's learners).
    assert livret(client, p.enseignant, p.a).status_code == 200


def test_moving_to_another_establishment_keeps_the_record_and_access_follows(client, p):
    avant = dossier(p.a)
    ddfpt_depart = f.personne()
    f.role(ddfpt_depart, p.etablissement, TypeRole.DDFPT)
    administrateur(client, p.etablissement).post(fiche(p.etablissement, p.a), {
        "formulaire": "depart", "depart-date": f.jours(-1).isoformat()})
    cfa = f.etablissement("CFA du Rhône")
    classe_cfa = f.classe(cfa, "CAP CARRO A")
    formateur = f.enseignant(cfa, classe_cfa)
    autre_formateur = f.enseignant(cfa, f.classe(cfa, "CAP AUTRE"))
    reponse = administrateur(client, cfa).post(
        reverse("gestion:apprenant_ajouter", args=[cfa.pk]), {
            "ine": p.a.ine, "nom": p.a.nom, "prenom": p.a.prenom, "statut": Statut.APPRENTI,
            "classe": classe_cfa.pk, "debut": f.jours(0).isoformat()})
    assert reponse.status_code == 302
    assert dossier(p.a) == avant
    assert [(x.statut, x.etablissement.nom) for x in p.a.parcours.order_by("debut")] == [
        (Statut.SCOLAIRE, "Lycée Départ"), (Statut.APPRENTI, "CFA du Rhône")]
    # The trainer reads the whole record and writes; the former teacher and DDFPT read only.
    page = livret(client, formateur, p.a).content.decode()
    assert "TP avant le changement" in page
    assert acces.apprenants_evaluables(formateur).filter(pk=p.a.pk).exists()
    for ancien in (p.enseignant, ddfpt_depart):
        assert livret(client, ancien, p.a).status_code == 200
        assert not acces.apprenants_evaluables(ancien).filter(pk=p.a.pk).exists()
    # Nobody else gains anything: another class's trainer, the other establishment's admin.
    assert livret(client, autre_formateur, p.a).status_code == 404
    assert not acces.apprenants_visibles(autre_formateur).filter(pk=p.a.pk).exists()


def test_an_arrival_dated_inside_the_former_stretch_is_explained_not_a_crash(client, p):
    administrateur(client, p.etablissement).post(fiche(p.etablissement, p.a), {
        "formulaire": "depart", "depart-date": f.jours(-1).isoformat()})
    cfa = f.etablissement("CFA du Rhône")
    reponse = administrateur(client, cfa).post(
        reverse("gestion:apprenant_ajouter", args=[cfa.pk]), {
            "ine": p.a.ine, "nom": p.a.nom, "prenom": p.a.prenom, "statut": Statut.APPRENTI,
            "debut": f.jours(-5).isoformat()})
    assert reponse.status_code == 200
    assert "chevauche un autre parcours" in reponse.content.decode()
    assert not p.a.parcours.filter(etablissement=cfa).exists()


def test_a_class_of_another_establishment_is_refused_by_the_service(p):
    ailleurs = f.classe(f.etablissement())
    from cpro_platform.etablissements.services import changer_statut_ou_classe
    with pytest.raises(OperationImpossible, match="n'appartient pas"):
        changer_statut_ou_classe(p.etablissement, p.a, date=f.jours(-3),
                                 statut=Statut.SCOLAIRE, classe=ailleurs)
    with pytest.raises(OperationImpossible, match="encore inscrit"):
        inscrire(f.etablissement(), ine=p.a.ine, nom="x", prenom="y", statut=Statut.SCOLAIRE)
