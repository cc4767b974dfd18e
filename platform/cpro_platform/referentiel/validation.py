"""Rules that cross a referential file: references between codes, duplicates, sums, provenance.

Each rule yields ``(location, message)`` pairs; the location is a field path such as
``blocs[0].competences[2].code`` so an author can find the line.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .schema import Element, Epreuve, Referentiel

Found = Iterator[tuple[str, str]]


def check(referentiel: Referentiel, *, strict: bool = False) -> list[tuple[str, str]]:
    rules = [_provenances, _unique_codes, _bloc_units, _activity_competences,
             _epreuves, _ponderations, _echelle]
    if strict:
        rules.append(_nothing_provisional)
    return [problem for rule in rules for problem in rule(referentiel)]


def elements(r: Referentiel) -> Iterator[tuple[str, Element]]:
    """Every element of the file with its field path."""
    yield "diplome", r.diplome
    if r.echelle:
        yield "echelle", r.echelle
    for i, pole in enumerate(r.poles):
        yield f"poles[{i}]", pole
        for j, activite in enumerate(pole.activites):
            yield f"poles[{i}].activites[{j}]", activite
    for i, unite in enumerate(r.unites):
        yield f"unites[{i}]", unite
    for i, bloc in enumerate(r.blocs):
        yield f"blocs[{i}]", bloc
        for j, competence in enumerate(bloc.competences):
            path = f"blocs[{i}].competences[{j}]"
            yield path, competence
            for k, critere in enumerate(competence.criteres):
                yield f"{path}.criteres[{k}]", critere
                for m, indicateur in enumerate(critere.indicateurs):
                    yield f"{path}.criteres[{k}].indicateurs[{m}]", indicateur
    for path, epreuve in _epreuves_with_paths(r):
        yield path, epreuve
    for i, ponderation in enumerate(r.ponderations):
        yield f"ponderations[{i}]", ponderation
    if r.pfmp:
        yield "pfmp", r.pfmp


def _epreuves_with_paths(r: Referentiel) -> Iterator[tuple[str, Epreuve]]:
    def walk(epreuve: Epreuve, path: str):
        yield path, epreuve
        for i, sous in enumerate(epreuve.sous_epreuves):
            yield from walk(sous, f"{path}.sous_epreuves[{i}]")

    for i, epreuve in enumerate(r.epreuves):
        yield from walk(epreuve, f"epreuves[{i}]")


def _provenances(r: Referentiel) -> Found:
    known = ", ".join(sorted(r.sources))
    for path, element in elements(r):
        if element.provenance not in r.sources:
            yield (f"{path}.provenance",
                   f"unknown source {element.provenance!r}; declared sources: {known}")


def _nothing_provisional(r: Referentiel) -> Found:
    for path, element in elements(r):
        if r.sources.get(element.provenance, None) and \
                r.sources[element.provenance].statut == "provisoire":
            yield (f"{path}.provenance",
                   f"provisional content (source {element.provenance!r}) refused in strict mode")


def _duplicates(items: list[tuple[str, str]], kind: str) -> Found:
    seen: dict[str, str] = {}
    for path, code in items:
        if code in seen:
            yield f"{path}.code", f"duplicate {kind} code {code!r} (first at {seen[code]})"
        else:
            seen[code] = path


def _unique_codes(r: Referentiel) -> Found:
    yield from _duplicates([(f"poles[{i}]", p.code) for i, p in enumerate(r.poles)], "pôle")
    yield from _duplicates(
        [(f"poles[{i}].activites[{j}]", a.code)
         for i, p in enumerate(r.poles) for j, a in enumerate(p.activites)], "activité")
    yield from _duplicates([(f"unites[{i}]", u.code) for i, u in enumerate(r.unites)], "unité")
    yield from _duplicates([(f"blocs[{i}]", b.code) for i, b in enumerate(r.blocs)], "bloc")
    yield from _duplicates(
        [(f"blocs[{i}].competences[{j}]", c.code)
         for i, b in enumerate(r.blocs) for j, c in enumerate(b.competences)], "compétence")
    yield from _duplicates(
        [(f"blocs[{i}].competences[{j}].criteres[{k}]", cr.code)
         for i, b in enumerate(r.blocs) for j, c in enumerate(b.competences)
         for k, cr in enumerate(c.criteres)], "critère")
    yield from _duplicates([(p, e.code) for p, e in _epreuves_with_paths(r)], "épreuve")


def _competence_codes(r: Referentiel) -> set[str]:
    return {c.code for c in r.competences()}


def _unknown(codes, known: set[str], path: str, kind: str) -> Found:
    for i, code in enumerate(codes):
        if code not in known:
            yield f"{path}[{i}]", f"unknown {kind} {code!r}"


def _bloc_units(r: Referentiel) -> Found:
    units = {u.code for u in r.unites}
    for i, bloc in enumerate(r.blocs):
        if bloc.unite is not None and bloc.unite not in units:
            yield f"blocs[{i}].unite", f"unknown unité {bloc.unite!r}"


def _activity_competences(r: Referentiel) -> Found:
    known = _competence_codes(r)
    for i, pole in enumerate(r.poles):
        for j, activite in enumerate(pole.activites):
            yield from _unknown(activite.competences, known,
                                f"poles[{i}].activites[{j}].competences", "compétence")


def _epreuves(r: Referentiel) -> Found:
    known = _competence_codes(r)
    units = {u.code for u in r.unites}
    for path, epreuve in _epreuves_with_paths(r):
        if epreuve.unite is not None and epreuve.unite not in units:
            yield f"{path}.unite", f"unknown unité {epreuve.unite!r}"
        yield from _unknown(epreuve.competences, known, f"{path}.competences", "compétence")
        if epreuve.sous_epreuves and epreuve.coefficient is not None \
                and epreuve.coefficient != epreuve.coefficient_total:
            yield (f"{path}.coefficient",
                   f"coefficient {epreuve.coefficient} differs from the sum of its "
                   f"sous-épreuves ({epreuve.coefficient_total})")


def _ponderations(r: Referentiel) -> Found:
    epreuves = {e.code: e for e in r.all_epreuves()}
    first: dict[str, int] = {}
    for i, ponderation in enumerate(r.ponderations):
        path = f"ponderations[{i}]"
        epreuve = epreuves.get(ponderation.epreuve)
        if epreuve is None:
            yield f"{path}.epreuve", f"unknown épreuve {ponderation.epreuve!r}"
            continue
        if ponderation.epreuve in first:
            yield (f"{path}.epreuve", f"épreuve {ponderation.epreuve!r} is already weighted "
                   f"at ponderations[{first[ponderation.epreuve]}]")
        first.setdefault(ponderation.epreuve, i)
        evaluated = epreuve.competences_evaluees
        for code, weight in ponderation.poids.items():
            if code not in evaluated:
                yield (f"{path}.poids.{code}", f"compétence {code!r} is not evaluated by "
                       f"{epreuve.code} (evaluated: {', '.join(evaluated) or 'none'})")
            if weight < 0:
                yield f"{path}.poids.{code}", f"negative weight {weight}"
        for code in evaluated:
            if code not in ponderation.poids:
                yield (f"{path}.poids", f"compétence {code!r} is evaluated by {epreuve.code} "
                       "but has no weight (write 0 to say so)")
        total = sum(ponderation.poids.values(), Decimal(0))
        if total != 100:
            yield f"{path}.poids", f"weights sum to {total}, not 100"


def _echelle(r: Referentiel) -> Found:
    if r.echelle is None:
        return
    values = [n.valeur for n in r.echelle.niveaux]
    if values != sorted(set(values)):
        yield "echelle.niveaux", f"level values must be distinct and increasing, got {values}"
