"""The default positioning rule: recent evaluations weigh more, certificative ones double.

Per critère, the last three *evaluated* levels ("non évalué" and "absent" are not evidence)
weigh 1, 2 and 3 from oldest to newest, each doubled when the situation is certificative; the
critère's level is their weighted mean. The compétence's level is the mean of its critères'
levels, rounded half-up to the nearest value of the scale. No evidence at all: ``None``.
Documented in ``docs/plugin_hooks.md``; a referential plugin may supply its own rule.
"""
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cpro_platform import hookimpl
from cpro_platform.regles.valeurs import Contribution, Suggestion

#: How many of a critère's latest evaluated levels count, and their weights (oldest first).
POIDS_RECENCE = (1, 2, 3)
FACTEUR_CERTIFICATIF = 2


def regle() -> str:
    return _regle(get_language())


@lru_cache(maxsize=16)
def _regle(langue: str | None) -> str:
    # Cached per language: a class heatmap asks the rule hundreds of times per page.
    return _("Règle par défaut : pour chaque critère, ses trois dernières évaluations notées "
             "(poids 1, 2, 3 de la plus ancienne à la plus récente, doublé si la situation est "
             "certificative) donnent une moyenne pondérée ; la compétence prend la moyenne de "
             "ses critères, arrondie au niveau de l'échelle le plus proche.")


def arrondi_echelle(valeur: float, echelle) -> int:
    """``valeur`` rounded half-up, then brought to the nearest value of ``echelle``
    (ties towards the higher value)."""
    arrondi = int(Decimal(str(valeur)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return min(echelle, key=lambda v: (abs(v - arrondi), -v))


@lru_cache(maxsize=128)
def _raison(langue: str | None, rang: int, nombre: int, certificative: bool) -> str:
    """Why an evaluation weighs what it weighs (cached per language)."""
    if rang == nombre - 1:
        raison = _("la plus récente des %(n)s évaluations retenues du critère")
    elif rang == 0:
        raison = _("la plus ancienne des %(n)s évaluations retenues du critère")
    else:
        raison = _("évaluation intermédiaire parmi les %(n)s retenues du critère")
    raison = raison % {"n": nombre}
    return raison + (_(", certificative (poids doublé)") if certificative else "")


@hookimpl(trylast=True)
def suggest_positionnement(referentiel, competence, evaluations, echelle):
    par_critere = defaultdict(list)
    for evaluation in evaluations:
        if evaluation.niveau is not None:
            par_critere[evaluation.critere].append(evaluation)
    if not par_critere or not echelle:
        return Suggestion(niveau=None, regle=regle())
    contributions, niveaux, langue = [], [], get_language()
    for retenues in par_critere.values():
        # ``evaluations`` come oldest first (the hook's contract): keep the latest ones.
        retenues = retenues[-len(POIDS_RECENCE):]
        poids_recence = POIDS_RECENCE[-len(retenues):]
        total = somme = 0
        for rang, (evaluation, poids) in enumerate(zip(retenues, poids_recence)):
            poids *= FACTEUR_CERTIFICATIF if evaluation.certificative else 1
            total += poids
            somme += poids * evaluation.niveau
            contributions.append(Contribution(evaluation, float(poids),
                                              _raison(langue, rang, len(retenues),
                                                      evaluation.certificative)))
        niveaux.append(somme / total)
    moyenne = sum(niveaux) / len(niveaux)
    return Suggestion(niveau=arrondi_echelle(moyenne, list(echelle)), regle=regle(),
                      contributions=tuple(contributions))
