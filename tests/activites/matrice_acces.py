"""Access-matrix rows for the activity sheets (run by ``tests/acces/test_matrice.py``).

A learner's sheets, one sheet and its photos: whoever reads the learner's livret (the class's
teacher, DDFPT, granted inspector, the learner, their tutor or master while the Encadrement
runs; ``tuteur_expire`` is refused). Declaring and editing: the learner and the class's
teacher (an apprentice of a class nobody here teaches: nobody). Reviewing: the tutor of the
sheet's placement, the master of its contract, during their period only. A class's sheets:
whoever sees the class. POST reviews answer 422 to those allowed (the matrix posts nothing).
"""
from tests.acces.matrice import AUCUN, LECTEURS_CLASSE, Vue

from . import aides

LECTEURS_ELEVE = LECTEURS_CLASSE | {"apprenant", "tuteur"}
LECTEURS_APPRENTI = frozenset({"ddfpt", "maitre"})
DECLARANTS = frozenset({"enseignant", "apprenant"})


def fiche_eleve(e, o) -> list:
    return [aides.fiche(o).pk]


def fiche_apprenti(e, o) -> list:
    return [aides.fiche(o, apprenti=True).pk]


VUES = [
    Vue("activites:mes_fiches", AUCUN, frozenset({"apprenant"}), ok=302),
    Vue("activites:a_relire", AUCUN, frozenset({"tuteur", "maitre"})),
    Vue("activites:apprenant", lambda e, o: [o.apprenant.pk], LECTEURS_ELEVE, "élève"),
    Vue("activites:apprenant", lambda e, o: [o.apprenti.pk], LECTEURS_APPRENTI, "apprenti"),
    Vue("activites:declarer", lambda e, o: [o.apprenant.pk], DECLARANTS, "élève"),
    Vue("activites:declarer", lambda e, o: [o.apprenti.pk], frozenset(), "apprenti"),
    Vue("activites:fiche", fiche_eleve, LECTEURS_ELEVE, "élève"),
    Vue("activites:fiche", fiche_apprenti, LECTEURS_APPRENTI, "apprenti"),
    Vue("activites:modifier", fiche_eleve, DECLARANTS, "élève"),
    Vue("activites:modifier", fiche_apprenti, frozenset(), "apprenti"),
    Vue("activites:relire", fiche_eleve, frozenset({"tuteur"}), "élève", method="post",
        ok=422),
    Vue("activites:relire", fiche_apprenti, frozenset({"maitre"}), "apprenti",
        method="post", ok=422),
    Vue("activites:photo", lambda e, o: [aides.photo(o).pk], LECTEURS_ELEVE),
    Vue("activites:classe", lambda e, o: [o.classe.pk], LECTEURS_CLASSE, "enseignée"),
    Vue("activites:classe", lambda e, o: [o.autre_classe.pk], frozenset({"ddfpt"}),
        "non enseignée"),
]
