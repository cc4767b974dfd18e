"""The grid service: versions, conflicts, history kept, bad input refused whole, query count."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cpro_platform.suivi.grille import (
    Saisie, SaisieInvalide, courantes, enregistrer_grille, historique)
from cpro_platform.suivi.models import Etat, Evaluation, Lieu
from cpro_platform.suivi.preuves import verifier_preuve
from tests import factories as f

from . import factories as sf
from . import fichiers as fx

pytestmark = pytest.mark.django_db


def saisir(g, niveaux: dict, versions=None, auteur=None, **kw):
    """Save ``{(apprenant index, critère index): niveau}`` on grid ``g``."""
    saisies = [Saisie(g.apprenants[a].pk, g.criteres[c].pk, niveau=n, **kw)
               for (a, c), n in niveaux.items()]
    return enregistrer_grille(g.situation, auteur or g.enseignant, saisies, versions or {})


def cell(g, a, c):
    return (g.apprenants[a].pk, g.criteres[c].pk)


def test_first_entries_are_version_one_and_current():
    g = sf.grille(2, 2)
    r = saisir(g, {(0, 0): 3, (1, 1): 4})
    assert r.ok and len(r.enregistrees) == 2
    actuelles = courantes(g.situation)
    assert {k: (e.niveau, e.version, e.auteur) for k, e in actuelles.items()} == {
        cell(g, 0, 0): (3, 1, g.enseignant), cell(g, 1, 1): (4, 1, g.enseignant)}


def test_correction_keeps_previous_value_author_and_time():
    g = sf.grille(1, 1)
    saisir(g, {(0, 0): 2})
    collegue = f.enseignant(g.situation.classe.etablissement, g.situation.classe)
    r = saisir(g, {(0, 0): 3}, versions={cell(g, 0, 0): 1}, auteur=collegue)
    assert r.ok
    h = historique(g.situation, *cell(g, 0, 0))
    assert [(e.niveau, e.version, e.courante, e.auteur) for e in h] == [
        (3, 2, True, collegue), (2, 1, False, g.enseignant)]
    assert h[1].saisie_le <= h[0].saisie_le
    assert Evaluation.objects.courantes().filter(situation=g.situation).count() == 1


def test_stale_version_is_a_conflict_showing_the_other_value_and_nothing_is_saved():
    g = sf.grille(2, 2)
    saisir(g, {(0, 0): 2})
    collegue = f.enseignant(g.situation.classe.etablissement, g.situation.classe)
    saisir(g, {(0, 0): 4}, versions={cell(g, 0, 0): 1}, auteur=collegue)
    # the first teacher still holds version 1 and saves two cells at once
    r = saisir(g, {(0, 0): 1, (1, 1): 3}, versions={cell(g, 0, 0): 1})
    assert not r.ok and not r.enregistrees
    [conflit] = r.conflits
    assert conflit.cellule == cell(g, 0, 0) and conflit.version_lue == 1
    assert (conflit.courante.niveau, conflit.courante.auteur) == (4, collegue)
    assert Evaluation.objects.filter(situation=g.situation).count() == 2  # the 1 is not saved
    # choosing "mine" means saving again from the version now shown
    assert saisir(g, {(0, 0): 1, (1, 1): 3}, versions={cell(g, 0, 0): 2}).ok
    assert courantes(g.situation)[cell(g, 0, 0)].niveau == 1


def test_entry_equal_to_current_value_changes_nothing_even_from_an_old_version():
    g = sf.grille(1, 1)
    saisir(g, {(0, 0): 3})
    r = saisir(g, {(0, 0): 3}, versions={})
    assert r.ok and r.inchangees == [cell(g, 0, 0)] and not r.enregistrees
    assert Evaluation.objects.count() == 1


def test_absent_and_non_evalue_carry_no_level():
    g = sf.grille(1, 2)
    r = enregistrer_grille(g.situation, g.enseignant, [
        Saisie(g.apprenants[0].pk, g.criteres[0].pk, etat=Etat.ABSENT),
        Saisie(g.apprenants[0].pk, g.criteres[1].pk, etat=Etat.NON_EVALUE, commentaire="vu")],
        {})
    assert r.ok
    assert sorted(e.etat for e in courantes(g.situation).values()) == ["absent", "non_evalue"]


@pytest.mark.parametrize("saisie,message", [
    (lambda g: Saisie(g.apprenants[0].pk, g.criteres[0].pk, niveau=5), "n'est pas sur l'échelle"),
    (lambda g: Saisie(g.apprenants[0].pk, g.criteres[0].pk, niveau=None), "n'est pas sur l'échelle"),
    (lambda g: Saisie(g.apprenants[0].pk, g.criteres[0].pk, etat=Etat.ABSENT, niveau=2),
     "un niveau ne va pas"),
    (lambda g: Saisie(g.apprenants[0].pk, g.criteres[0].pk, etat="excellent"), "état inconnu"),
    (lambda g: Saisie(g.apprenants[0].pk, sf.criteres(g.situation.scenario.referentiel, 1)[0].pk,
                      niveau=2), "n'est pas visé par cette situation"),
    (lambda g: Saisie(f.apprenant(g.situation.classe.etablissement).pk, g.criteres[0].pk,
                      niveau=2), "n'est pas inscrit dans la classe"),
])
def test_bad_input_is_refused_whole_with_a_french_message(saisie, message):
    g = sf.grille(2, 2)
    bonne = Saisie(g.apprenants[1].pk, g.criteres[1].pk, niveau=3)
    with pytest.raises(SaisieInvalide) as exc:
        enregistrer_grille(g.situation, g.enseignant, [bonne, saisie(g)], {})
    assert message in " ".join(exc.value.messages)
    assert not Evaluation.objects.exists()


def test_duplicate_cell_is_refused():
    g = sf.grille(1, 1)
    s = Saisie(g.apprenants[0].pk, g.criteres[0].pk, niveau=3)
    with pytest.raises(SaisieInvalide, match="en double"):
        enregistrer_grille(g.situation, g.enseignant, [s, s], {})


def test_teacher_of_another_class_cannot_write():
    g = sf.grille(1, 1)
    e = g.situation.classe.etablissement
    autre_prof = f.enseignant(e, f.classe(e))
    with pytest.raises(SaisieInvalide, match="Vous ne pouvez pas évaluer"):
        saisir(g, {(0, 0): 3}, auteur=autre_prof)
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("lieu,ok", [(Lieu.ENTREPRISE, True), (Lieu.CENTRE, False)])
def test_tutor_evaluates_own_learner_in_company_situations_only(lieu, ok):
    g = sf.grille(2, 1, lieu=lieu)
    e = g.situation.classe.etablissement
    tuteur = f.tuteur(f.entreprise(e))
    f.encadrement(tuteur, g.apprenants[0])
    if ok:
        assert saisir(g, {(0, 0): 3}, auteur=tuteur.user).ok
    else:
        with pytest.raises(SaisieInvalide):
            saisir(g, {(0, 0): 3}, auteur=tuteur.user)
    with pytest.raises(SaisieInvalide, match="Vous ne pouvez pas évaluer"):
        saisir(g, {(1, 0): 3}, auteur=tuteur.user)  # not their learner


def test_tutor_outside_their_period_cannot_write():
    g = sf.grille(1, 1, lieu=Lieu.ENTREPRISE)
    tuteur = f.tuteur(f.entreprise(g.situation.classe.etablissement))
    f.encadrement(tuteur, g.apprenants[0], debut=f.jours(-60), fin=f.jours(-1))
    with pytest.raises(SaisieInvalide):
        saisir(g, {(0, 0): 3}, auteur=tuteur.user)


def test_evidence_file_is_kept_across_corrections_unless_removed():
    g = sf.grille(1, 1)
    jpeg = fx.AUTORISES["image/jpeg"][0]
    photo = verifier_preuve(fx.fichier("photo.jpeg", jpeg, "image/jpeg"))
    saisir(g, {(0, 0): 2}, preuve=photo)
    premiere = courantes(g.situation)[cell(g, 0, 0)]
    assert premiere.preuve.name.endswith(".jpg") and premiere.preuve_nom == "photo.jpeg"
    saisir(g, {(0, 0): 3}, versions={cell(g, 0, 0): 1})
    seconde = courantes(g.situation)[cell(g, 0, 0)]
    assert (seconde.preuve.name, seconde.preuve_nom, seconde.preuve_type) == (
        premiere.preuve.name, "photo.jpeg", "image/jpeg")
    saisir(g, {(0, 0): 3}, versions={cell(g, 0, 0): 2}, retirer_preuve=True)
    assert not courantes(g.situation)[cell(g, 0, 0)].preuve


def _compter(g, version: int) -> int:
    saisies = [Saisie(a.pk, c.pk, niveau=1 + (a.pk + c.pk + version) % 4)
               for a in g.apprenants for c in g.criteres]
    versions = {(a.pk, c.pk): version for a in g.apprenants for c in g.criteres}
    with CaptureQueriesContext(connection) as ctx:
        r = enregistrer_grille(g.situation, g.enseignant, saisies, versions)
    assert r.ok and len(r.enregistrees) == len(saisies)
    return len(ctx.captured_queries)


def test_query_count_is_the_same_for_5x5_and_30x20_grids():
    petite, grande = sf.grille(5, 5), sf.grille(30, 20)
    # first save (inserts only), then a correction of every cell (update + insert)
    assert _compter(petite, 0) == _compter(grande, 0)
    assert _compter(petite, 1) == _compter(grande, 1)
    assert Evaluation.objects.filter(situation=grande.situation).count() == 1200


def test_a_superscript_digit_is_refused_not_a_crash():
    from cpro_platform.suivi.lecture import saisie_du_code
    g = sf.grille(1, 1)
    saisie = saisie_du_code(g.apprenants[0].pk, g.criteres[0].pk, "²")
    with pytest.raises(SaisieInvalide):
        enregistrer_grille(g.situation, g.enseignant, [saisie], {})
    assert not Evaluation.objects.exists()
