"""Default projection: the mark range an épreuve can still reach.

A weighted compétence is *settled* when the profile gives it a level and the learner was
assessed on it in at least ``SITUATIONS_MIN`` situations; every other one (no level, or
assessed in fewer situations) is *open*: it may still land anywhere on the scale. The minimum
is the mark (by the mark rule in force, ``noter``) with every open compétence at the lowest
level, the maximum with every open one at the highest. The open compétences are listed
heaviest first, with the points each one spans. Documented in ``docs/plugin_hooks.md``.
"""
from fractions import Fraction

from django.utils.translation import gettext as _

from cpro_platform import hookimpl
from cpro_platform.regles.valeurs import Enjeu, Projection

from .default_note import SUR, au_centieme

#: Assessed in fewer situations than this, a compétence counts as rarely assessed (the class
#: view's coverage uses the same bound).
SITUATIONS_MIN = 2


def _note(resultat):
    return resultat.note if resultat is not None else None


@hookimpl(trylast=True)
def project_note(referentiel, epreuve, profil, ponderation, couverture, echelle, noter):
    regle = _("Fourchette : les compétences jamais évaluées, ou évaluées dans moins de "
              "%(n)s situations, peuvent encore atteindre n'importe quel niveau ; les autres "
              "gardent leur niveau.") % {"n": SITUATIONS_MIN}
    ordre = [p.competence for p in ponderation.poids]
    ouvertes = [p for p in ponderation.poids
                if profil.get(p.competence) is None
                or couverture.get(p.competence, 0) < SITUATIONS_MIN]
    if not echelle or not ponderation.poids:
        return Projection(epreuve.code, _note(noter(profil)), None, None, (), regle)
    fixes = {p.competence: profil.get(p.competence) for p in ponderation.poids
             if p not in ouvertes}
    bas = noter(fixes | {p.competence: echelle[0] for p in ouvertes})
    haut = noter(fixes | {p.competence: echelle[-1] for p in ouvertes})
    total = sum(Fraction(p.pourcentage) for p in ponderation.poids) or 1
    enjeux = sorted(
        (Enjeu(p.competence, p.pourcentage, couverture.get(p.competence, 0),
               profil.get(p.competence), au_centieme(SUR * Fraction(p.pourcentage) / total))
         for p in ouvertes if p.pourcentage > 0),
        key=lambda e: (-e.pourcentage, e.situations, ordre.index(e.competence)))
    return Projection(epreuve=epreuve.code, note_actuelle=_note(noter(profil)),
                      note_min=_note(bas), note_max=_note(haut), a_evaluer=tuple(enjeux),
                      regle=regle)
