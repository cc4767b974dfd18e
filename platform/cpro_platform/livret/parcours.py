"""The learner's path as the livret shows it: dated stretches of statut and establishment,
with the classes followed meanwhile, and which stretch each column's date falls in.

A learner who became an apprentice or changed establishment keeps one livret: every column
(situation) says under its header the statut and establishment at its date when they differ
from the current ones. Two queries, whatever the history's length.
"""
import datetime
from dataclasses import dataclass, field

from cpro_platform.etablissements.models import Apprenant, Inscription, Parcours, Statut


@dataclass(frozen=True)
class Troncon:
    """One Parcours: a statut in an establishment from ``debut`` to ``fin`` (inclusive)."""

    debut: datetime.date
    fin: datetime.date | None
    statut: str
    statut_libelle: str
    etablissement: str
    #: The classes of that establishment the learner was in during the stretch, oldest first.
    classes: tuple[str, ...] = field(default=())

    def couvre(self, date: datetime.date) -> bool:
        return self.debut <= date and (self.fin is None or date <= self.fin)

    @property
    def apprenti(self) -> bool:
        return self.statut == Statut.APPRENTI

    @property
    def mention(self) -> str:
        """The short line under a column header: "Apprenti · CFA du Rhône"."""
        return f"{self.statut_libelle} · {self.etablissement}"

    @property
    def cle(self) -> tuple:
        return (self.statut, self.etablissement)


@dataclass(frozen=True)
class ParcoursLivret:
    troncons: tuple[Troncon, ...]

    @property
    def actuel(self) -> Troncon | None:
        """The running stretch, else the latest (a learner who left)."""
        return next((t for t in reversed(self.troncons) if t.fin is None),
                    self.troncons[-1] if self.troncons else None)

    @property
    def a_change(self) -> bool:
        """Has the statut or the establishment changed at least once?"""
        return len({t.cle for t in self.troncons}) > 1

    def au(self, date: datetime.date) -> Troncon | None:
        return next((t for t in self.troncons if t.couvre(date)), None)

    def mention_au(self, date: datetime.date) -> str:
        """What to show under a column of ``date``: "" when it is the current statut and
        establishment (or when no stretch covers the date)."""
        troncon, actuel = self.au(date), self.actuel
        if troncon is None or actuel is None or troncon.cle == actuel.cle:
            return ""
        return troncon.mention


def _chevauche(inscription: Inscription, parcours: Parcours) -> bool:
    fin_i = inscription.fin or datetime.date.max
    fin_p = parcours.fin or datetime.date.max
    return inscription.debut <= fin_p and parcours.debut <= fin_i


def lire_parcours(apprenant: Apprenant) -> ParcoursLivret:
    """The learner's stretches, oldest first, each with its classes (two queries)."""
    parcours = list(Parcours.objects.filter(apprenant=apprenant).select_related(
        "etablissement").order_by("debut", "pk"))
    inscriptions = list(Inscription.objects.filter(apprenant=apprenant).select_related(
        "classe").order_by("debut", "pk"))
    return ParcoursLivret(tuple(
        Troncon(p.debut, p.fin, p.statut, str(p.get_statut_display()), p.etablissement.nom,
                tuple(dict.fromkeys(
                    i.classe.nom for i in inscriptions
                    if i.classe.etablissement_id == p.etablissement_id and _chevauche(i, p))))
        for p in parcours))
