"""Access-matrix rows for the PFMP reminders (run by ``tests/acces/test_matrice.py``).

"Relancer" a placement: only its following teacher (``enseignant``, while their teacher role
runs: ``enseignant_termine`` is refused), never the tutor, the learner, the DDFPT or another
establishment. The matrix's placement has no critère to evaluate and has not ended, so the
POST sends nothing and answers 302.
"""
from cpro_platform.pfmp.models import StagePFMP
from tests import factories as f
from tests.acces.matrice import Vue


def stage(e, o) -> list:
    existant = StagePFMP.objects.filter(apprenant=o.apprenant).first()
    if existant is None:
        existant = f.stage_pfmp(f.periode_pfmp(o.classe), o.apprenant, o.tuteur,
                                enseignant_referent=o.user("enseignant"))
    return [existant.pk]


VUES = [
    Vue("pfmp:relancer", stage, frozenset({"enseignant"}), method="post", ok=302),
]
