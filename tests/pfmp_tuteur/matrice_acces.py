"""Access-matrix rows for the tutor's PFMP pages and the teacher's side-by-side view.

Evaluating and signing: the placement's tutor while the Encadrement made with it runs, nobody
else (the class's teacher gets a 403 that says only the tutor may). The bilan: that tutor, the
learner, whoever sees the class. Side by side: whoever sees the class. "Mes PFMP": tutors and
masters with a running period. POST signatures answer 422 to the tutor (no name typed).
"""
from tests.acces.matrice import AUCUN, LECTEURS_CLASSE, Vue
from tests.activites import aides


def stage(e, o) -> list:
    return [aides.stage(o).pk]


VUES = [
    Vue("pfmp_tuteur:mes_stages", AUCUN, frozenset({"tuteur", "maitre"})),
    Vue("pfmp_tuteur:evaluer", stage, frozenset({"tuteur"})),
    Vue("pfmp_tuteur:bilan", stage, LECTEURS_CLASSE | {"tuteur", "apprenant"}),
    Vue("pfmp_tuteur:signer", stage, frozenset({"tuteur"}), method="post", ok=422),
    Vue("pfmp_tuteur:comparer", stage, LECTEURS_CLASSE),
]
