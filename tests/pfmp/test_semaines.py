"""The weeks rule: working days (Monday–Friday) elapsed, less absences, ÷ 5, rounded down to
the half-week; a learner's total against what is due by now and at the end."""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from cpro_platform.pfmp.semaines import (
    cumul, en_demi_semaines, jours_ouvres, semaines_effectuees, semaines_prevues)

LUNDI = datetime.date(2026, 1, 5)


def jour(n: int) -> datetime.date:
    return LUNDI + datetime.timedelta(days=n)


@dataclass
class Stage:
    debut: datetime.date
    fin: datetime.date
    jours_absence: Decimal = Decimal(0)
    periode_id: int = 1


@dataclass
class Periode:
    pk: int
    fin: datetime.date
    semaines: int


def test_working_days_skip_weekends():
    assert jours_ouvres(LUNDI, jour(4)) == 5          # Monday → Friday
    assert jours_ouvres(LUNDI, jour(6)) == 5          # … → Sunday
    assert jours_ouvres(jour(5), jour(6)) == 0        # a weekend alone
    assert jours_ouvres(jour(3), jour(7)) == 3        # Thursday → Monday
    assert jours_ouvres(LUNDI, jour(27)) == 20        # four weeks
    assert jours_ouvres(jour(4), LUNDI) == 0          # end before start


def test_half_weeks_are_rounded_down_and_never_negative():
    assert en_demi_semaines(20) == 4
    assert en_demi_semaines(19) == Decimal("3.5")
    assert en_demi_semaines(17) == Decimal("3")       # 3.4 weeks → 3
    assert en_demi_semaines(Decimal("2.5")) == Decimal("0.5")
    assert en_demi_semaines(-3) == 0


def test_weeks_done_count_only_elapsed_days_less_absences():
    stage = Stage(LUNDI, jour(25), Decimal(3))   # four weeks, Monday to Friday
    assert semaines_prevues(stage) == 4
    assert semaines_effectuees(stage, jour(-1)) == 0                 # not started
    assert semaines_effectuees(Stage(LUNDI, jour(25)), jour(11)) == 2  # two weeks in
    # 20 days less 3 absent = 17 → 3.4 → 3 weeks.
    assert semaines_effectuees(stage, jour(40)) == 3
    assert semaines_effectuees(Stage(LUNDI, jour(4), Decimal(9)), jour(40)) == 0


def test_total_alerts_behind_and_short_at_the_end():
    aujourdhui = jour(60)
    periode_passee = Periode(1, jour(25), 4)
    periode_future = Periode(2, jour(120), 6)
    fait = Stage(LUNDI, jour(25), Decimal(5), periode_id=1)   # 15 days → 3 weeks of 4
    c = cumul([fait], [periode_passee, periode_future], 22, aujourdhui, fin_de_cycle=True)
    assert c.effectuees == 3 and c.dues_a_date == 4 and c.a_venir == 6
    assert c.retard == 1
    assert c.manque_en_fin == 22 - 3 - 6
    assert c.en_alerte
    # Before the last year the plan is incomplete: no end shortfall, the delay stays.
    plus_tot = cumul([fait], [periode_passee, periode_future], 22, aujourdhui)
    assert plus_tot.manque_en_fin is None and plus_tot.retard == 1


def test_no_required_weeks_gives_no_end_shortfall():
    c = cumul([Stage(LUNDI, jour(25), periode_id=1)], [Periode(1, jour(25), 4)], None, jour(60),
              fin_de_cycle=True)
    assert c.manque_en_fin is None and c.retard == 0 and not c.en_alerte


def test_on_time_learner_has_no_alert():
    c = cumul([Stage(LUNDI, jour(25), periode_id=1)], [Periode(1, jour(25), 4)], 4, jour(60),
              fin_de_cycle=True)
    assert c.effectuees == 4 and not c.en_alerte
