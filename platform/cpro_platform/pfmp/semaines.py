"""Weeks of PFMP: done per placement, the running total per learner, and the alerts.

The rule (also shown on the class page):

* a placement's **working days** are its Mondays to Fridays from ``debut`` to ``fin``
  (public holidays are not taken out: a week with a bank holiday still counts as a week in the
  company);
* **weeks done** = (working days elapsed up to the date, less the days of absence) ÷ 5, rounded
  *down* to the half-week, never below zero — a placement not started yet has done 0;
* **weeks planned** = the same over the whole placement, without absences;
* a learner's **total** adds up their placements' weeks done (every class of their cycle).

Two alerts, each only when there is something to compare with:

* *behind* — fewer weeks done than the weeks of the class periods already over (the class's
  own plan, so it holds even when the referential gives no duration);
* *short at the end* — in the last year of the cycle (terminale, CAP 2e année), when every
  remaining period should be planned: the total plus what is still planned (placements not
  over, periods not yet assigned) is below the weeks the referential requires. Earlier in the
  cycle the plan is not complete yet, so this would flag everyone: the page shows the total
  against the requirement without an alert. A referential that gives no duration gives no
  such alert: the page says the duration is unknown instead.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from cpro_platform.etablissements.models import Niveau, aujourdhui

#: The classes of the last year of a cycle.
DERNIERES_ANNEES = {Niveau.TERMINALE, Niveau.CAP2}
JOURS_PAR_SEMAINE = 5
DEMI = Decimal("0.5")


def jours_ouvres(debut: datetime.date, fin: datetime.date) -> int:
    """Mondays to Fridays from ``debut`` to ``fin`` inclusive (0 when ``fin < debut``)."""
    if fin < debut:
        return 0
    jours = (fin - debut).days + 1
    semaines, reste = divmod(jours, 7)
    total = semaines * 5
    for i in range(reste):
        if (debut.weekday() + i) % 7 < 5:
            total += 1
    return total


def en_demi_semaines(jours: Decimal | int) -> Decimal:
    """Working days as weeks, rounded down to the half-week, never negative."""
    semaines = Decimal(jours) / JOURS_PAR_SEMAINE
    demi = (semaines / DEMI).to_integral_value(rounding=ROUND_FLOOR) * DEMI
    return max(demi, Decimal(0))


def est_fin_de_cycle(classe) -> bool:
    return classe is not None and classe.niveau in DERNIERES_ANNEES


def semaines_prevues(stage) -> Decimal:
    return en_demi_semaines(jours_ouvres(stage.debut, stage.fin))


def semaines_effectuees(stage, date: datetime.date | None = None) -> Decimal:
    """Weeks done by ``date`` (today): working days elapsed less absences, in half-weeks."""
    date = date or aujourdhui()
    ecoules = jours_ouvres(stage.debut, min(stage.fin, date))
    if ecoules == 0:
        return Decimal(0)
    return en_demi_semaines(Decimal(ecoules) - (stage.jours_absence or 0))


@dataclass
class Cumul:
    """One learner's PFMP weeks against what is due (see the module's rule)."""

    effectuees: Decimal = Decimal(0)
    #: Weeks of the class periods already over at the date.
    dues_a_date: Decimal = Decimal(0)
    #: Weeks still planned after the date (placements not over, periods not assigned).
    a_venir: Decimal = Decimal(0)
    #: The referential's required weeks; None when it gives none.
    exigees: int | None = None
    #: The learner is in the last year of the cycle (the plan should be complete).
    fin_de_cycle: bool = False
    par_periode: dict = field(default_factory=dict)

    @property
    def retard(self) -> Decimal:
        """Weeks behind the periods already over (0 when on time)."""
        return max(self.dues_a_date - self.effectuees, Decimal(0))

    @property
    def manque_en_fin(self) -> Decimal | None:
        """Weeks that will be missing at the end of the cycle; None without a requirement or
        before the last year."""
        if self.exigees is None or not self.fin_de_cycle:
            return None
        return max(Decimal(self.exigees) - self.effectuees - self.a_venir, Decimal(0))

    @property
    def en_alerte(self) -> bool:
        return bool(self.retard) or bool(self.manque_en_fin)


def cumul(stages, periodes, exigees: int | None, date: datetime.date | None = None, *,
          fin_de_cycle: bool = False) -> Cumul:
    """The learner's ``Cumul`` from their placements and the periods of their classes.

    ``stages``: the learner's placements (any class); ``periodes``: the periods of their
    class(es), to know what is due and what is still to come without a placement yet.
    """
    date = date or aujourdhui()
    resultat = Cumul(exigees=exigees, fin_de_cycle=fin_de_cycle)
    par_periode = {s.periode_id: s for s in stages}
    for stage in stages:
        fait = semaines_effectuees(stage, date)
        resultat.effectuees += fait
        if stage.fin > date:
            resultat.a_venir += max(semaines_prevues(stage) - fait, Decimal(0))
    for periode in periodes:
        stage = par_periode.get(periode.pk)
        if periode.fin < date:
            resultat.dues_a_date += periode.semaines
        elif stage is None:
            resultat.a_venir += periode.semaines
    resultat.par_periode = par_periode
    return resultat
