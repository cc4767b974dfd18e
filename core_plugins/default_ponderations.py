"""Default model pondérations: the referential's own, else derived from the coefficients.

Derived: every épreuve node (the épreuve and each of its sous-épreuves) spreads its own
coefficient evenly over the compétences it lists itself; a compétence listed by several nodes
adds their shares. The shares are brought to percentages that are whole numbers summing to
exactly 100 by the largest-remainder method: each gets the integer part of its exact
percentage, and the points still missing go one each to the largest remainders (ties: the
first listed). Documented with an example in ``docs/plugin_hooks.md``.
"""
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from cpro_platform import hookimpl
from cpro_platform.regles.valeurs import Poids, Ponderation


def parts_des_coefficients(epreuve) -> dict[str, Fraction]:
    """Each evaluated compétence's share of the coefficients (exact)."""
    parts = {code: Fraction(0) for code in epreuve.competences_evaluees}
    for noeud in epreuve.walk():
        for code in noeud.competences:
            parts[code] += Fraction(noeud.coefficient) / len(noeud.competences)
    return parts


def plus_forts_restes(parts: dict[str, Fraction], total: int = 100) -> dict[str, int]:
    """Whole percentages proportional to ``parts`` that sum to exactly ``total``."""
    somme = sum(parts.values())
    if somme == 0:  # nothing to weigh by: equal parts
        parts, somme = {code: Fraction(1) for code in parts}, Fraction(len(parts))
    exactes = {code: part * total / somme for code, part in parts.items()}
    entiers = {code: int(valeur) for code, valeur in exactes.items()}  # floor: all ≥ 0
    ordre = list(parts)
    manquants = total - sum(entiers.values())
    for code in sorted(ordre, key=lambda c: (-(exactes[c] - entiers[c]), ordre.index(c))
                       )[:manquants]:
        entiers[code] += 1
    return entiers


@hookimpl(trylast=True)
def model_ponderations(referentiel, epreuve, ponderations):
    codes = list(epreuve.competences_evaluees)
    if ponderations:
        codes += [code for code in ponderations if code not in codes]
        return Ponderation(
            epreuve=epreuve.code, origine="referentiel",
            poids=tuple(Poids(code, Decimal(ponderations[code])) for code in codes
                        if code in ponderations),
            regle=_("Pondérations modèles fournies par le référentiel."))
    if not codes:
        return Ponderation(epreuve=epreuve.code, poids=(), origine="coefficients",
                           regle=_("L'épreuve n'évalue aucune compétence."))
    pourcentages = plus_forts_restes(parts_des_coefficients(epreuve))
    return Ponderation(
        epreuve=epreuve.code, origine="coefficients",
        poids=tuple(Poids(code, Decimal(pourcentages[code])) for code in codes),
        regle=_("Pondérations déduites des coefficients : chaque épreuve ou sous-épreuve "
                "répartit son coefficient à parts égales entre les compétences qu'elle "
                "évalue, puis les parts sont ramenées à 100 en nombres entiers (méthode du "
                "plus fort reste)."))
