"""The default mastery scale: the four degrees of the bac pro school record (LSL Pro).

Arrêté du 17 juin 2020 (LSL Pro): 1 non maîtrisé, 2 insuffisamment maîtrisé, 3 maîtrisé,
4 bien maîtrisé. A referential that declares its own ``[echelle]`` does not use this one; a
plugin may also return another scale from ``default_echelle`` (this one runs last).
"""
from cpro_platform import hookimpl
from cpro_platform.referentiel.schema import Niveau

LSL_PRO = [
    Niveau(valeur=1, libelle="Non maîtrisé"),
    Niveau(valeur=2, libelle="Insuffisamment maîtrisé"),
    Niveau(valeur=3, libelle="Maîtrisé"),
    Niveau(valeur=4, libelle="Bien maîtrisé"),
]


@hookimpl(trylast=True)
def default_echelle(referentiel):
    return list(LSL_PRO)
