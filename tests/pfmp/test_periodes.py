"""Planning a class's periods: the situation "en entreprise" and its critères come with the
period; overlaps, critères of another referential and a period that would leave a placement
outside are refused with a French message naming the field; nothing is half-written."""
import pytest
from django.core.exceptions import ValidationError

from cpro_platform.pfmp.models import PeriodePFMP
from cpro_platform.pfmp.periodes import TITRE_SCENARIO, enregistrer_periode
from cpro_platform.suivi.models import Lieu, Situation
from tests import factories as f
from tests.pfmp.factories import atelier
from tests.suivi import factories as sf

pytestmark = pytest.mark.django_db


def periode(a, titre="PFMP 1", debut=0, fin=27, **kw):
    return enregistrer_periode(a.classe, titre=titre, debut=f.jours(debut), fin=f.jours(fin),
                               criteres=kw.pop("criteres", a.criteres[:2]),
                               auteur=a.enseignant, **kw)


def test_a_period_comes_with_its_situation_in_the_company():
    a = atelier()
    p = periode(a)
    situation = p.situation
    assert situation.lieu == Lieu.ENTREPRISE and situation.titre == "PFMP 1"
    assert situation.scenario.titre == TITRE_SCENARIO
    assert situation.scenario.classe == a.classe
    assert (situation.debut, situation.fin) == (p.debut, p.fin)
    assert set(situation.criteres.all()) == set(a.criteres[:2])
    assert p.semaines >= 3  # four weeks of calendar, working days ÷ 5
    # A second period goes into the same scenario; editing moves its situation too.
    deux = periode(a, "PFMP 2", 60, 80)
    assert deux.situation.scenario == situation.scenario
    enregistrer_periode(a.classe, titre="PFMP 1 bis", debut=f.jours(1), fin=f.jours(20),
                        criteres=a.criteres[2:], auteur=a.enseignant, semaines=3, periode=p)
    situation.refresh_from_db()
    assert situation.titre == "PFMP 1 bis" and situation.debut == f.jours(1)
    assert set(situation.criteres.all()) == set(a.criteres[2:])


def test_overlapping_period_is_refused_naming_the_other():
    a = atelier()
    periode(a, "PFMP 1", 0, 27)
    situations = Situation.objects.count()
    with pytest.raises(ValidationError) as erreur:
        periode(a, "PFMP 2", 20, 40)
    assert "chevauchent la période « PFMP 1 »" in " ".join(erreur.value.message_dict["debut"])
    assert PeriodePFMP.objects.count() == 1 and Situation.objects.count() == situations
    # Another class may have the same dates.
    autre = f.classe(a.etablissement, referentiel=a.classe.referentiel)
    enregistrer_periode(autre, titre="PFMP", debut=f.jours(20), fin=f.jours(40), criteres=[],
                        auteur=a.enseignant)


def test_critere_of_another_referential_and_bad_dates_are_refused():
    a = atelier()
    etranger = sf.criteres(f.referentiel("AUTRE"), 1)
    with pytest.raises(ValidationError) as erreur:
        periode(a, criteres=etranger)
    assert "n’appartiennent pas au référentiel" in erreur.value.message_dict["criteres"][0]
    with pytest.raises(ValidationError) as erreur:
        periode(a, debut=10, fin=5)
    assert "précède son début" in erreur.value.message_dict["fin"][0]
    with pytest.raises(ValidationError) as erreur:
        periode(a, titre=" ", semaines=60)
    assert set(erreur.value.message_dict) == {"titre", "semaines"}
    assert not PeriodePFMP.objects.exists() and not Situation.objects.exists()


def test_period_cannot_shrink_past_a_placement():
    a = atelier()
    p = periode(a)
    f.stage_pfmp(p, a.eleve, a.tuteur)
    with pytest.raises(ValidationError) as erreur:
        enregistrer_periode(a.classe, titre=p.titre, debut=p.debut, fin=f.jours(10),
                            criteres=[], auteur=a.enseignant, periode=p)
    assert a.eleve.nom_complet in erreur.value.message_dict["fin"][0]
    p.refresh_from_db()
    assert p.fin == f.jours(27) and p.situation.criteres.count() == 2
