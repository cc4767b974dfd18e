"""Default level of a bloc or a unit: the mean of its compétences that have a level.

Documented in ``docs/plugin_hooks.md``; a plugin may weigh compétences differently.
"""
from django.utils.translation import gettext as _

from cpro_platform import hookimpl
from cpro_platform.regles.valeurs import Agregat


@hookimpl(trylast=True)
def aggregate_niveaux(referentiel, groupe, niveaux, echelle):
    valeurs = [n.niveau for n in niveaux if n.niveau is not None]
    return Agregat(niveau=sum(valeurs) / len(valeurs) if valeurs else None,
                   regle=_("Moyenne des niveaux de ses compétences qui en ont un."))
