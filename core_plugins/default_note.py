"""Default mark rule: a weighted profile, not an arithmetic mean of levels.

A level ``v`` on a scale ``min..max`` is the fraction ``(v - min) / (max - min)`` of the way up
(on 1..4: 1 → 0, 2 → 1/3, 3 → 2/3, 4 → 1). The mark is

    20 × Σ (pondération % × fraction) / Σ (pondération % of the compétences that have a level)

computed exactly, then rounded once to the hundredth (half up). Weighted compétences without a
level are left out and listed as missing. Documented with a worked example in
``docs/plugin_hooks.md``; the ±2 points of modulation are the host's, not this rule's.
"""
import math
from decimal import Decimal
from fractions import Fraction

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cpro_platform import hookimpl
from cpro_platform.regles.valeurs import NoteEpreuve, Terme

SUR = 20
CENTIEME = Decimal("0.01")


def au_centieme(valeur: Fraction) -> Decimal:
    """``valeur`` (≥ 0, exact) rounded half up to the hundredth."""
    centiemes = math.floor(valeur * 100 + Fraction(1, 2))
    return (Decimal(centiemes) / 100).quantize(CENTIEME)


def fraction_du_niveau(niveau: int, bas: int, haut: int) -> Fraction:
    if not bas <= niveau <= haut:
        raise ValueError(f"level {niveau} is not on the scale {bas}..{haut}")
    return Fraction(niveau - bas, haut - bas)


def nombre(valeur) -> str:
    if isinstance(valeur, Fraction):
        return str(valeur)
    valeur = Decimal(valeur)
    return number_format(valeur, 0 if valeur == valeur.to_integral() else None)


def formule(bas: int, haut: int) -> str:
    return _("note = %(sur)s × Σ (pondération × fraction du niveau) ÷ Σ (pondérations des "
             "compétences qui ont un niveau), où fraction = (niveau − %(bas)s) ÷ "
             "(%(haut)s − %(bas)s) ; arrondie au centième") % {
        "sur": SUR, "bas": bas, "haut": haut}


@hookimpl(trylast=True)
def compute_note(referentiel, epreuve, profil, ponderation, echelle):
    regle = _("Note sur 20 : chaque compétence compte selon sa pondération et la place de son "
              "niveau sur l'échelle ; les compétences sans niveau sont laissées de côté.")
    if len(echelle) < 2:
        return NoteEpreuve(epreuve.code, None, (), (), "", "", regle)
    bas, haut = echelle[0], echelle[-1]
    retenus, manquantes = [], []
    for poids in ponderation.poids:
        niveau = profil.get(poids.competence)
        if niveau is None:
            manquantes.append(poids.competence)
        else:
            retenus.append((poids, niveau, fraction_du_niveau(niveau, bas, haut)))
    total = sum((Fraction(p.pourcentage) for p, _n, _f in retenus), Fraction(0))
    if total == 0:
        return NoteEpreuve(epreuve.code, None, (), tuple(manquantes), formule(bas, haut), "",
                           regle)
    termes = tuple(
        Terme(p.competence, niveau, p.pourcentage, f,
              au_centieme(SUR * Fraction(p.pourcentage) * f / total))
        for p, niveau, f in retenus)
    exacte = SUR * sum((Fraction(t.pourcentage) * t.fraction for t in termes),
                       Fraction(0)) / total
    note = au_centieme(exacte)
    calcul = "%s × (%s) ÷ %s = %s" % (
        SUR, " + ".join(f"{nombre(t.pourcentage)} × {nombre(t.fraction)}" for t in termes),
        nombre(sum((p.pourcentage for p, _n, _f in retenus), Decimal(0))),
        number_format(note, 2))
    return NoteEpreuve(epreuve=epreuve.code, note=note, termes=termes,
                       manquantes=tuple(manquantes), formule=formule(bas, haut),
                       calcul=calcul, regle=regle, sur=SUR)
