"""The alternance calendar: one week per Monday from the contract's first week to its last,
each at the CFA, in the company or on leave; the stretches of company weeks it makes.

Weeks are written only through ``enregistrer_semaines``, which refuses a Monday outside the
contract, naming it. The editor's pattern (``motif``) and copy (``copie``) only propose
weeks: they are saved the same way.
"""
import datetime
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Contrat, LieuSemaine, SemaineAlternance

SEMAINE = datetime.timedelta(days=7)
LIEUX = {lieu.value for lieu in LieuSemaine}


def lundi_de(jour: datetime.date) -> datetime.date:
    return jour - datetime.timedelta(days=jour.weekday())


def lundis(contrat: Contrat) -> list[datetime.date]:
    """Every week of the contract, by its Monday (the first and last may be partial)."""
    lundi, dernier = lundi_de(contrat.debut), lundi_de(contrat.fin)
    semaines = []
    while lundi <= dernier:
        semaines.append(lundi)
        lundi += SEMAINE
    return semaines


def lieux(contrat: Contrat) -> dict[datetime.date, str]:
    """Monday → lieu of the weeks filled in."""
    return dict(contrat.semaines.values_list("lundi", "lieu"))


@dataclass(frozen=True)
class Semaine:
    lundi: datetime.date
    lieu: str  # "" when not filled in

    @property
    def dimanche(self) -> datetime.date:
        return self.lundi + datetime.timedelta(days=6)


def calendrier(contrat: Contrat, connus: dict | None = None) -> list[Semaine]:
    connus = lieux(contrat) if connus is None else connus
    return [Semaine(lundi, connus.get(lundi, "")) for lundi in lundis(contrat)]


def decomptes(semaines: list[Semaine]) -> dict[str, int]:
    """Weeks per kind, and those not filled in (key "vide")."""
    compte = Counter(s.lieu or "vide" for s in semaines)
    return {lieu: compte.get(lieu, 0) for lieu in [*LieuSemaine.values, "vide"]}


@transaction.atomic
def enregistrer_semaines(contrat: Contrat, saisies: dict[datetime.date, str]) -> int:
    """Write ``saisies`` (Monday → lieu, "" to clear); all or nothing. Returns the number of
    weeks changed."""
    valides = set(lundis(contrat))
    for lundi, lieu in saisies.items():
        if lundi not in valides:
            raise ValidationError(_(
                "La semaine du %(lundi)s est hors du contrat (du %(debut)s au %(fin)s) : rien "
                "n'a été enregistré.") % {"lundi": lundi.strftime("%d/%m/%Y"),
                                          "debut": contrat.debut.strftime("%d/%m/%Y"),
                                          "fin": contrat.fin.strftime("%d/%m/%Y")})
        if lieu and lieu not in LIEUX:
            raise ValidationError(_("Lieu inconnu pour la semaine du %(lundi)s : %(lieu)s.") % {
                "lundi": lundi.strftime("%d/%m/%Y"), "lieu": lieu[:20]})
    avant = lieux(contrat)
    changees = {lundi: lieu for lundi, lieu in saisies.items() if avant.get(lundi, "") != lieu}
    a_vider = [lundi for lundi, lieu in changees.items() if not lieu]
    contrat.semaines.filter(lundi__in=a_vider).delete()
    for lundi, lieu in changees.items():
        if lieu:
            SemaineAlternance.objects.update_or_create(contrat=contrat, lundi=lundi,
                                                       defaults={"lieu": lieu})
    return len(changees)


def motif(contrat: Contrat, depuis: datetime.date,
          sequence: list[tuple[str, int]]) -> dict[datetime.date, str]:
    """The weeks from ``depuis``'s week to the contract's end, repeating ``sequence``
    (e.g. [("cfa", 2), ("entreprise", 2)])."""
    cycle = [lieu for lieu, n in sequence for _ in range(n)]
    if not cycle:
        raise ValidationError(_("Indiquez au moins une semaine dans le motif."))
    semaines = [lundi for lundi in lundis(contrat) if lundi >= lundi_de(depuis)]
    if not semaines:
        raise ValidationError(_("Le %(date)s est après la fin du contrat.") % {
            "date": depuis.strftime("%d/%m/%Y")})
    return {lundi: cycle[i % len(cycle)] for i, lundi in enumerate(semaines)}


def copie(contrat: Contrat, source: Contrat) -> dict[datetime.date, str]:
    """``source``'s weeks that fall within ``contrat``."""
    valides = set(lundis(contrat))
    return {lundi: lieu for lundi, lieu in lieux(source).items() if lundi in valides}


@dataclass(frozen=True)
class PeriodeEntreprise:
    """A stretch of consecutive company weeks, clipped to the contract's dates."""

    debut: datetime.date
    fin: datetime.date
    semaines: int


def periodes_entreprise(contrat: Contrat, connus: dict | None = None
                        ) -> list[PeriodeEntreprise]:
    periodes, courante = [], []
    for semaine in [*calendrier(contrat, connus), None]:
        if semaine is not None and semaine.lieu == LieuSemaine.ENTREPRISE:
            courante.append(semaine)
            continue
        if courante:
            periodes.append(PeriodeEntreprise(max(courante[0].lundi, contrat.debut),
                                              min(courante[-1].dimanche, contrat.fin),
                                              len(courante)))
            courante = []
    return periodes
