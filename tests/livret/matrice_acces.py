"""Access-matrix rows for the livret views (run by ``tests/acces/test_matrice.py``).

Who reads a learner's livret, dashboard and positionnements: whoever sees the learner — the
class's teacher, the DDFPT, the granted inspector, the learner, their tutor or master while the
Encadrement runs (``tuteur_expire`` is refused). Only the teacher places a learner.
"""
from tests.acces.matrice import AUCUN, LECTEURS_CLASSE, Vue
from tests.suivi import factories as sf

LECTEURS_ELEVE = LECTEURS_CLASSE | {"apprenant", "tuteur"}
LECTEURS_APPRENTI = frozenset({"ddfpt", "maitre"})


def _competence(e, o) -> list:
    critere = sf.criteres(o.classe.referentiel, 1)[0]
    return [o.apprenant.pk, critere.competence_id]


VUES = [
    Vue("livret:mon_livret", AUCUN, frozenset({"apprenant"}), ok=302),
    Vue("livret:classe", lambda e, o: [o.classe.pk], LECTEURS_CLASSE, "enseignée"),
    Vue("livret:classe", lambda e, o: [o.autre_classe.pk], frozenset({"ddfpt"}),
        "non enseignée"),
    Vue("livret:positionner", _competence, frozenset({"enseignant"})),
] + [
    Vue(f"livret:{name}", args, allowed, label)
    for name in ("livret", "livret_pdf", "tableau_de_bord", "positionnements")
    for args, allowed, label in (
        (lambda e, o: [o.apprenant.pk], LECTEURS_ELEVE, "élève suivi"),
        (lambda e, o: [o.apprenti.pk], LECTEURS_APPRENTI, "apprenti"))
]
