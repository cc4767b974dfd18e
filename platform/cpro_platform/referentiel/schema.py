"""Pydantic schema of a referential TOML file (format 1).

The models are frozen: once loaded, a referential is a value the host copies into its tables.
Structure rules that one model can check alone live here; rules that cross the file
(references between codes, duplicates, sums) live in :mod:`.validation`.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

FORMAT_VERSION = 1

Code = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=40,
                      pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$"),
]
Texte = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SourceKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]
Statut = Literal["officiel", "provisoire"]
Mode = Literal["ccf", "ponctuel"]
Forme = Literal["ecrite", "orale", "pratique"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Model):
    """Where content comes from. Elements point at a source by its key (``provenance``)."""

    statut: Statut
    #: For ``officiel``: the official text (arrêté, annexe, article identifier).
    reference: Texte | None = None
    #: For ``provisoire``: who wrote it, from what, and what to check.
    note: Texte | None = None
    url: Texte | None = None

    @model_validator(mode="after")
    def _statut_needs_its_field(self) -> Source:
        if self.statut == "officiel" and not self.reference:
            raise ValueError("an 'officiel' source needs a 'reference' (the official text)")
        if self.statut == "provisoire" and not self.note:
            raise ValueError("a 'provisoire' source needs a 'note' saying what it was written from")
        return self


class Element(Model):
    #: Key of an entry of the file's ``[sources]`` table.
    provenance: SourceKey


class Diplome(Element):
    code: Code = Field(description="Sigle of the specialty, e.g. CPA")
    version: Code = Field(description="Version of the referential, e.g. the arrêté's year")
    intitule: Texte
    diplome: Texte = Field(description="Kind of diploma, e.g. 'Baccalauréat professionnel'")
    niveau: int = Field(ge=1, le=8, description="Level in the national certification framework")
    rncp: Annotated[str, StringConstraints(pattern=r"^RNCP\d+$")] | None = None
    code_diplome: Annotated[str, StringConstraints(pattern=r"^\d{8}$")] | None = None
    arrete: Texte | None = None
    description: Texte | None = None


class Niveau(Model):
    valeur: int = Field(ge=0, le=20)
    libelle: Texte
    description: Texte | None = None


class Echelle(Element):
    niveaux: tuple[Niveau, ...] = Field(min_length=2)


class Activite(Element):
    code: Code
    intitule: Texte
    competences: tuple[Code, ...] = ()
    taches: tuple[Texte, ...] = ()


class Pole(Element):
    code: Code
    intitule: Texte
    activites: tuple[Activite, ...] = Field(min_length=1)


class Unite(Element):
    code: Code
    intitule: Texte


class Indicateur(Element):
    intitule: Texte


class Critere(Element):
    code: Code
    intitule: Texte
    indicateurs: tuple[Indicateur, ...] = ()


class Competence(Element):
    code: Code
    intitule: Texte
    criteres: tuple[Critere, ...] = Field(min_length=1)


class Bloc(Element):
    code: Code
    intitule: Texte
    unite: Code | None = None
    competences: tuple[Competence, ...] = Field(min_length=1)


class Epreuve(Element):
    code: Code
    intitule: Texte
    unite: Code | None = None
    #: For an épreuve with sous-épreuves, optional: it must then equal their sum.
    coefficient: Decimal | None = Field(default=None, gt=0)
    mode: Mode | None = None
    formes: tuple[Forme, ...] = ()
    duree_minutes: int | None = Field(default=None, gt=0)
    competences: tuple[Code, ...] = ()
    sous_epreuves: tuple[Epreuve, ...] = ()

    @model_validator(mode="after")
    def _leaf_is_complete(self) -> Epreuve:
        if not self.sous_epreuves:
            missing = [name for name in ("unite", "coefficient", "mode")
                       if getattr(self, name) is None]
            if not self.formes:
                missing.append("formes")
            if missing:
                raise ValueError(
                    "an épreuve without sous-épreuves needs " + ", ".join(missing))
        return self

    @property
    def coefficient_total(self) -> Decimal:
        if self.sous_epreuves:
            return sum((s.coefficient_total for s in self.sous_epreuves), Decimal(0))
        return self.coefficient or Decimal(0)

    @property
    def competences_evaluees(self) -> tuple[str, ...]:
        """Own compétences, then the sous-épreuves' ones, without repeats."""
        codes = list(self.competences)
        for sous in self.sous_epreuves:
            codes += [c for c in sous.competences_evaluees if c not in codes]
        return tuple(codes)

    def walk(self):
        yield self
        for sous in self.sous_epreuves:
            yield from sous.walk()


class Ponderation(Element):
    epreuve: Code
    #: Percent per compétence code; sums to 100.
    poids: dict[Code, Decimal] = Field(min_length=1)


class Pfmp(Element):
    """The weeks of PFMP (périodes de formation en milieu professionnel) the diploma requires
    over the cycle. Optional: a referential that does not give them has no ``[pfmp]`` table,
    and the host then shows no shortfall."""

    semaines: int = Field(ge=1, le=52, description="Required PFMP weeks over the whole cycle")
    #: How they are spread (per year, minimum length of a period…), as the text says.
    detail: Texte | None = None


class Referentiel(Model):
    """A whole referential data file."""

    format: Literal[1]
    diplome: Diplome
    sources: dict[SourceKey, Source] = Field(min_length=1)
    echelle: Echelle | None = None
    poles: tuple[Pole, ...] = ()
    unites: tuple[Unite, ...] = Field(min_length=1)
    blocs: tuple[Bloc, ...] = Field(min_length=1)
    epreuves: tuple[Epreuve, ...] = ()
    ponderations: tuple[Ponderation, ...] = ()
    pfmp: Pfmp | None = None

    @property
    def code(self) -> str:
        return self.diplome.code

    @property
    def version(self) -> str:
        return self.diplome.version

    def competences(self):
        for bloc in self.blocs:
            yield from bloc.competences

    def all_epreuves(self):
        for epreuve in self.epreuves:
            yield from epreuve.walk()


def json_schema() -> dict:
    """The JSON Schema of the format, for editors and other tools."""
    schema = Referentiel.model_json_schema()
    schema["$id"] = "https://cpro.example/schemas/referentiel-1.json"
    schema["title"] = "CPRO referential data file, format 1"
    return schema
