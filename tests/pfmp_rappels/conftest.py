"""A class on placement: a tutor, a following teacher, three critères for the tutor to
evaluate; the placement ends in three days unless a test moves it."""
import pytest

from tests import factories as f
from tests.suivi import factories as sf


@pytest.fixture
def w():
    class W:
        pass
    w = W()
    w.etablissement = f.etablissement("Lycée Rappels")
    w.classe = f.classe(w.etablissement, "1 CARRO R")
    w.prof = f.enseignant(w.etablissement, w.classe, username="prof.suivi")
    w.apprenant = f.apprenant(w.etablissement, w.classe, nom="MARTIN")
    w.tuteur = f.tuteur(f.entreprise(w.etablissement, "Garage du Pont"), "tuteur.pont")
    w.criteres = sf.criteres(w.classe.referentiel, 3)
    w.periode = f.periode_pfmp(w.classe, criteres=w.criteres, debut=f.jours(-25),
                               fin=f.jours(3), titre="PFMP 1")
    w.stage = f.stage_pfmp(w.periode, w.apprenant, w.tuteur, enseignant_referent=w.prof)
    return w


def terminer_le(w, jours: int) -> None:
    """Move the placement (and the tutor's access with it) to end ``jours`` from today."""
    w.stage.fin = f.jours(jours)
    w.stage.save()
    w.stage.encadrement.debut = w.stage.debut
    w.stage.encadrement.fin = f.jours(jours)
    w.stage.encadrement.save()
