"""The livret's filters (bloc or unit, situation type, place, period), read from the query
string; a value that makes no sense is ignored rather than refused."""
import datetime
from dataclasses import dataclass

from django.utils.dateparse import parse_date

from cpro_platform.referentials.models import Critere
from cpro_platform.suivi.models import Lieu, Situation, TypeSituation

from .observations import date_de


def _entier(valeur: str | None) -> int | None:
    return int(valeur) if valeur and valeur.isdecimal() else None


def _date(valeur: str | None) -> datetime.date | None:
    try:
        return parse_date(valeur) if valeur else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Filtres:
    bloc: int | None = None
    unite: int | None = None
    type: str = ""
    lieu: str = ""
    du: datetime.date | None = None
    au: datetime.date | None = None

    @classmethod
    def depuis(cls, params) -> "Filtres":
        type_, lieu = params.get("type", ""), params.get("lieu", "")
        return cls(bloc=_entier(params.get("bloc")), unite=_entier(params.get("unite")),
                   type=type_ if type_ in TypeSituation.values else "",
                   lieu=lieu if lieu in Lieu.values else "",
                   du=_date(params.get("du")), au=_date(params.get("au")))

    @property
    def actifs(self) -> bool:
        return any((self.bloc, self.unite, self.type, self.lieu, self.du, self.au))

    def garde_situation(self, situation: Situation) -> bool:
        date = date_de(situation)
        return ((not self.type or situation.type == self.type)
                and (not self.lieu or situation.lieu == self.lieu)
                and (not self.du or date >= self.du) and (not self.au or date <= self.au))

    def garde_critere(self, critere: Critere) -> bool:
        bloc = critere.competence.bloc
        return ((not self.bloc or bloc.pk == self.bloc)
                and (not self.unite or bloc.unite_id == self.unite))

    def query_string(self) -> str:
        """The filters as a query string (for the PDF link)."""
        from urllib.parse import urlencode

        valeurs = {"bloc": self.bloc, "unite": self.unite, "type": self.type,
                   "lieu": self.lieu, "du": self.du, "au": self.au}
        return urlencode({k: v for k, v in valeurs.items() if v})
