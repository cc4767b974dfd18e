"""Default mastery threshold and transfer rule.

Mastered: the upper half of the scale (3 on 1–4, 1 on 0–1). Transfer: the compétence is
mastered (the mean of its critères' levels in the situation reaches the threshold) in at least
two different situations. Documented in ``docs/plugin_hooks.md``.
"""
from django.utils.translation import gettext as _

from cpro_platform import hookimpl
from cpro_platform.regles.valeurs import Transfert

#: In how many situations a compétence must be mastered to count as transferred.
SITUATIONS_TRANSFERT = 2


@hookimpl(trylast=True)
def seuil_maitrise(referentiel, echelle):
    return echelle[len(echelle) // 2] if echelle else None


@hookimpl(trylast=True)
def detect_transfert(referentiel, competence, situations, seuil):
    maitrisee_dans = 0 if seuil is None else sum(1 for s in situations if s.moyenne >= seuil)
    return Transfert(
        transfere=maitrisee_dans >= SITUATIONS_TRANSFERT, maitrisee_dans=maitrisee_dans,
        regle=_("Transfert : compétence maîtrisée (moyenne de ses critères au moins égale au "
                "seuil de maîtrise) dans au moins %(n)s situations différentes.")
        % {"n": SITUATIONS_TRANSFERT})
