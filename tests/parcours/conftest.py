"""A learner's record across changes: a class with evidence of every kind, built in code."""
import pytest

from cpro_platform.bilans.models import Bilan
from cpro_platform.livret.models import Positionnement
from cpro_platform.suivi.models import Evaluation
from tests import factories as f
from tests.bilans.factories import bilan_valide, competences, positionner
from tests.livret.factories import noter, parcours


@pytest.fixture
def p():
    """A learner (scolaire since 60 days) evaluated 40 days ago, positioned and with a
    validated bilan, in a class of "Lycée Départ"."""
    p = parcours(apprenants=1)
    p.etablissement.nom = "Lycée Départ"
    p.etablissement.save()
    p.a = p.apprenants[0]
    p.avant = p.situation("TP avant le changement", f.jours(-40))
    noter(p.avant, p.enseignant, {(p.a, c): "2" for c in p.criteres})
    positionner(p, p.a, competences(p)[0], 2, -30)
    bilan_valide(p)
    return p


def dossier(apprenant) -> dict:
    """What must survive any change: counts of every kind of record, by learner."""
    return {
        "evaluations": Evaluation.objects.filter(apprenant=apprenant).count(),
        "positionnements": Positionnement.objects.filter(apprenant=apprenant).count(),
        "bilans": Bilan.objects.filter(apprenant=apprenant).count(),
        "notes": sorted(Evaluation.objects.courantes().filter(apprenant=apprenant)
                        .values_list("situation__titre", "critere__code", "niveau")),
    }
