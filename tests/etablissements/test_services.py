"""Enrolment and teacher assignment, shared by the screens and the imports."""
import pytest

from cpro_platform.etablissements.models import Enseignement, Statut
from cpro_platform.etablissements.services import (
    OperationImpossible, affecter_enseignants, creer_compte_apprenant, inscrire)
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_enrolling_a_new_learner_creates_path_and_membership():
    e = f.etablissement()
    c = f.classe(e)
    a, created = inscrire(e, ine="123456789AA", nom="Durand", prenom="Léa",
                          statut=Statut.APPRENTI, classe=c, debut=f.jours(-1))
    assert created and a.parcours_au().statut == Statut.APPRENTI
    assert list(a.inscriptions.values_list("classe", flat=True)) == [c.pk]


def test_enrolling_again_is_idempotent():
    e = f.etablissement()
    c = f.classe(e)
    kwargs = dict(ine="123456789AA", nom="Durand", prenom="Léa", statut=Statut.SCOLAIRE,
                  classe=c, debut=f.jours(-1))
    inscrire(e, **kwargs)
    a, created = inscrire(e, **kwargs)
    assert not created and a.parcours.count() == 1 and a.inscriptions.count() == 1


def test_a_learner_still_enrolled_elsewhere_is_refused_until_their_path_closes():
    a_etab, b_etab = f.etablissement(), f.etablissement()
    learner = f.apprenant(a_etab)
    with pytest.raises(OperationImpossible, match="autre établissement"):
        inscrire(b_etab, ine=learner.ine, nom="x", prenom="y", statut=Statut.SCOLAIRE)
    learner.parcours.update(fin=f.jours(-1))
    moved, created = inscrire(b_etab, ine=learner.ine, nom="x", prenom="y",
                              statut=Statut.APPRENTI)
    assert not created and moved.nom == learner.nom  # identity kept, not overwritten
    assert moved.parcours.count() == 2


def test_a_class_of_another_establishment_is_refused():
    with pytest.raises(OperationImpossible):
        inscrire(f.etablissement(), ine="123456789AA", nom="x", prenom="y",
                 statut=Statut.SCOLAIRE, classe=f.classe(f.etablissement()))


def test_teacher_assignment_is_audited_row_by_row():
    e = f.etablissement()
    c = f.classe(e)
    t1, t2 = f.personne(), f.personne()
    affecter_enseignants(c, [t1, t2])
    affecter_enseignants(c, [t2])
    assert set(c.enseignants.all()) == {t2}
    assert Enseignement.history.filter(enseignant=t1, history_type="-").exists()


def test_a_learner_account_gets_a_provisional_password():
    a = f.apprenant(f.etablissement())
    password = creer_compte_apprenant(a, "lea.durand")
    assert a.user.check_password(password)
    with pytest.raises(OperationImpossible):
        creer_compte_apprenant(a, "autre")
