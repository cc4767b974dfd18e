"""What an import does or would do: the preview the page and the command show, and after a
commit what was done."""
from dataclasses import dataclass, field


@dataclass
class Apercu:
    """What an import does (or would do), as the preview page and the command print it."""

    apprenant: str = ""
    ine: str = ""
    apprenant_existe: bool = False
    empreinte: str = ""
    de_confiance: bool | None = None
    installation: str = ""
    exporte_le: str = ""
    referentiels: list[str] = field(default_factory=list)
    #: (UAI, name, found?)
    etablissements: list[tuple[str, str, bool]] = field(default_factory=list)
    #: (name, e-mail, found?)
    personnes: list[tuple[str, str, bool]] = field(default_factory=list)
    #: (model's plural name, created, found)
    lignes: list[tuple[str, int, int]] = field(default_factory=list)
    parcours_ouvert: str = ""
    refus: list[str] = field(default_factory=list)
    fait: bool = False

    @property
    def acceptable(self) -> bool:
        return not self.refus

    @property
    def crees(self) -> int:
        return sum(c for _n, c, _r in self.lignes)

    @property
    def deja_importe(self) -> bool:
        return self.acceptable and self.crees == 0 and not self.parcours_ouvert
