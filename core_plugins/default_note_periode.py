"""Default period-mark rule: the épreuves' marks at the bilan, weighted by their certification
coefficients — as the diploma's final mark weighs them.

    note de période = Σ (note de l'épreuve × coefficient) ÷ Σ (coefficients des épreuves notées)

over the épreuves that have a mark at the bilan (the others are left aside and listed),
computed exactly from the marks retained (to the hundredth, modulation included), then
rounded once to the hundredth (half up). No marked épreuve, or only coefficients of 0: no
mark. Documented with a worked example in ``docs/plugin_hooks.md`` and ``docs/bilans.md``.
"""
from decimal import Decimal
from fractions import Fraction

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cpro_platform import hookimpl
from cpro_platform.regles.valeurs import NotePeriode, PartEpreuve

from .default_note import SUR, au_centieme, nombre


def formule() -> str:
    return _("note de période = Σ (note de l’épreuve × coefficient) ÷ Σ (coefficients des "
             "épreuves notées) ; arrondie au centième")


@hookimpl(trylast=True)
def compute_note_periode(referentiel, epreuves):
    regle = _("Note de période sur 20 : moyenne des notes d’épreuve retenues à ce bilan, "
              "pondérée par les coefficients de certification ; les épreuves sans note sont "
              "laissées de côté.")
    notees = [e for e in epreuves if e.note is not None]
    laissees = tuple(e.epreuve for e in epreuves if e.note is None)
    total = sum((Fraction(e.coefficient) for e in notees), Fraction(0))
    if total == 0:
        return NotePeriode(None, (), laissees, formule(), "", regle)
    exacte = sum((Fraction(e.note) * Fraction(e.coefficient) for e in notees),
                 Fraction(0)) / total
    note = au_centieme(exacte)
    parts = tuple(PartEpreuve(e.epreuve, e.note, e.coefficient,
                              au_centieme(Fraction(e.note) * Fraction(e.coefficient) / total))
                  for e in notees)
    calcul = "(%s) ÷ %s = %s" % (
        " + ".join(f"{number_format(e.note, 2)} × {nombre(e.coefficient)}" for e in notees),
        nombre(sum((e.coefficient for e in notees), Decimal(0))), number_format(note, 2))
    return NotePeriode(note=note, parts=parts, laissees=laissees, formule=formule(),
                       calcul=calcul, regle=regle, sur=SUR)
