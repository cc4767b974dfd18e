"""A learner's placement: the rules (dates inside the period, company of the establishment,
tutor of that company, no overlap with the learner's other placements) and the tutor's
Encadrement that follows the placement — access starts and ends with it."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cpro_platform.etablissements.models import Encadrement, Inscription, TypeEncadrement
from cpro_platform.pfmp.cloture import DELAI_CLOTURE
from cpro_platform.pfmp.models import StagePFMP
from cpro_platform.pfmp.stages import DonneesStage, enregistrer_attestation, enregistrer_stage
from tests import factories as f
from tests.pfmp.factories import atelier

pytestmark = pytest.mark.django_db


def donnees(a, debut=-7, fin=20, **kw) -> DonneesStage:
    valeurs = {"entreprise": a.entreprise, "tuteur": a.tuteur,
               "enseignant_referent": a.enseignant, "debut": f.jours(debut),
               "fin": f.jours(fin), "horaires": "8 h–12 h, 13 h 30–17 h", **kw}
    return DonneesStage(**valeurs)


@pytest.fixture
def a():
    return atelier()


@pytest.fixture
def periode(a):
    return f.periode_pfmp(a.classe, debut=f.jours(-7), fin=f.jours(21))


def refus(appel) -> dict:
    with pytest.raises(ValidationError) as erreur:
        appel()
    return erreur.value.message_dict


def test_placement_creates_the_tutors_dated_link(a, periode):
    stage = enregistrer_stage(periode, a.eleve, donnees(a))
    lien = stage.encadrement
    assert (lien.tuteur, lien.apprenant, lien.type) == (a.tuteur, a.eleve,
                                                         TypeEncadrement.TUTEUR_STAGE)
    # The link runs through the closing delay: time to finish the grid and sign.
    assert (lien.debut, lien.fin) == (stage.debut, stage.fin + timedelta(DELAI_CLOTURE))


def test_dates_outside_the_period_are_refused(a, periode):
    erreurs = refus(lambda: enregistrer_stage(periode, a.eleve, donnees(a, -10, 30)))
    assert "dans la période" in erreurs["debut"][0] and "dans la période" in erreurs["fin"][0]
    assert not StagePFMP.objects.exists() and not Encadrement.objects.exists()


def test_tutor_of_another_company_and_company_elsewhere_are_refused(a, periode):
    erreurs = refus(lambda: enregistrer_stage(periode, a.eleve,
                                              donnees(a, tuteur=a.autre_tuteur)))
    assert "Garage Petit" in erreurs["tuteur"][0] and "Carrosserie Martin" in erreurs["tuteur"][0]
    ailleurs = f.entreprise(f.etablissement())
    erreurs = refus(lambda: enregistrer_stage(periode, a.eleve, donnees(
        a, entreprise=ailleurs, tuteur=None)))
    assert "n’est pas enregistrée par l’établissement" in erreurs["entreprise"][0]
    assert not Encadrement.objects.exists()


def test_overlapping_placements_of_a_learner_are_refused(a, periode):
    enregistrer_stage(periode, a.eleve, donnees(a, -7, 5))
    autre_periode = f.periode_pfmp(f.classe(a.etablissement, referentiel=a.classe.referentiel),
                                   debut=f.jours(0), fin=f.jours(40))
    # The learner also follows the other class (say, after a change of class).
    Inscription.objects.create(apprenant=a.eleve, classe=autre_periode.classe,
                               debut=f.jours(-60))
    erreurs = refus(lambda: enregistrer_stage(autre_periode, a.eleve, donnees(a, 3, 20)))
    assert "déjà en PFMP chez Carrosserie Martin" in erreurs["debut"][0]
    # A second placement in the same period is refused too; the other learner is free.
    erreurs = refus(lambda: enregistrer_stage(periode, a.eleve, donnees(a, 10, 20)))
    assert "déjà une PFMP pour la période" in erreurs["apprenant"][0]
    enregistrer_stage(periode, a.autre_eleve, donnees(a, -7, 5))


def test_learner_of_another_class_is_refused(a, periode):
    intrus = f.apprenant(a.etablissement, f.classe(a.etablissement))
    assert "n’est pas inscrit(e)" in refus(
        lambda: enregistrer_stage(periode, intrus, donnees(a)))["apprenant"][0]


def test_the_link_follows_the_placements_dates(a, periode):
    stage = enregistrer_stage(periode, a.eleve, donnees(a, -7, 20))
    enregistrer_stage(periode, a.eleve, donnees(a, -3, 10), stage)
    lien = Encadrement.objects.get(pk=stage.encadrement_id)
    assert (lien.debut, lien.fin) == (f.jours(-3), f.jours(10 + DELAI_CLOTURE))
    assert Encadrement.objects.count() == 1


def test_a_change_of_tutor_ends_the_former_link_and_starts_the_new_one(a, periode):
    stage = enregistrer_stage(periode, a.eleve, donnees(a, -7, 20))
    ancien = stage.encadrement
    nouveau_tuteur = f.tuteur(a.entreprise)
    enregistrer_stage(periode, a.eleve, donnees(a, -7, 20, tuteur=nouveau_tuteur), stage)
    ancien.refresh_from_db()
    assert ancien.fin == f.jours(-1)                         # ended yesterday
    stage.refresh_from_db()
    assert stage.encadrement.tuteur == nouveau_tuteur
    assert (stage.encadrement.debut, stage.encadrement.fin) == (
        f.jours(0), f.jours(20 + DELAI_CLOTURE))


def test_a_future_tutor_replaced_before_the_start_loses_the_link(a):
    futur = f.periode_pfmp(a.classe, debut=f.jours(30), fin=f.jours(50))
    stage = enregistrer_stage(futur, a.eleve, donnees(a, 30, 50))
    ancien_id = stage.encadrement_id
    enregistrer_stage(futur, a.eleve, donnees(a, 30, 50, tuteur=None), stage)
    assert not Encadrement.objects.filter(pk=ancien_id).exists()
    stage.refresh_from_db()
    assert stage.encadrement is None


def test_tutor_link_used_outside_the_placement_sees_nothing(client, a):
    """The tutor's magic-link session opens the placement during it and its closing delay,
    never after."""
    passee = f.periode_pfmp(a.classe, debut=f.jours(-60), fin=f.jours(-40), titre="Passée")
    en_cours = f.periode_pfmp(a.classe, debut=f.jours(-7), fin=f.jours(21), titre="En cours")
    ancien = enregistrer_stage(passee, a.autre_eleve, donnees(a, -60, -40))
    courant = enregistrer_stage(en_cours, a.eleve, donnees(a, -7, 21))
    client.force_login(a.tuteur.user)
    assert client.get(reverse("pfmp:stage", args=[courant.pk])).status_code == 200
    reponse = client.get(reverse("pfmp:stage", args=[ancien.pk]))
    assert reponse.status_code == 404
    assert a.autre_eleve.nom not in reponse.content.decode()
    assert client.get(reverse("pfmp:attestation_pdf", args=[ancien.pk])).status_code == 404
    # Ended yesterday: still open during the closing delay (the grid, the signatures)…
    enregistrer_stage(en_cours, a.eleve, donnees(a, -7, -1), courant)
    assert client.get(reverse("pfmp:stage", args=[courant.pk])).status_code == 200
    # …and closed once the delay is over.
    Encadrement.objects.filter(pk=courant.encadrement_id).update(debut=f.jours(-40),
                                                                fin=f.jours(-1))
    assert client.get(reverse("pfmp:stage", args=[courant.pk])).status_code == 404


def test_absences_are_bounded_by_the_working_days(a, periode):
    stage = enregistrer_stage(periode, a.eleve, donnees(a, -7, 20))
    for jours in (-1, 500, "0.3"):
        erreurs = refus(lambda: enregistrer_attestation(
            stage, jours_absence=jours, absences_detail="", activites_realisees="",
            appreciation_tuteur=""))
        assert "Les jours d’absence vont de 0 à" in erreurs["jours_absence"][0]
    enregistrer_attestation(stage, jours_absence="1.5", absences_detail="Malade le 3",
                            activites_realisees="Dépose d’un pare-chocs",
                            appreciation_tuteur="Sérieux.")
    stage.refresh_from_db()
    assert str(stage.jours_absence) == "1.5" and stage.appreciation_tuteur == "Sérieux."
