"""Access-matrix rows for the tracking views (``suivi``), as its scopes define them.

Written with the access matrix so that every view of the platform is in it; the tracking
feature may move them to ``tests/suivi/matrice_acces.py``. Objects are created from the world
``o`` inside ``args`` (the test's savepoint rolls them back).
"""
from django.core.files.uploadedfile import SimpleUploadedFile

from cpro_platform.suivi.models import Evaluation, Lieu
from tests.acces.matrice import AUCUN, LECTEURS_CLASSE, Vue
from tests.suivi import factories as sf

CONCEPTEURS = frozenset({"enseignant", "ddfpt"})
LECTEURS_ENTREPRISE = LECTEURS_CLASSE | {"tuteur"}


def _situation(o, lieu: str = Lieu.CENTRE):
    """A situation in the class of ``o.apprenant`` (followed by ``o``'s tutor)."""
    return sf.situation(sf.scenario(o.classe), sf.criteres(o.classe.referentiel, 1), lieu=lieu)


def _cellule(o, lieu: str) -> list:
    situation = _situation(o, lieu)
    return [situation.pk, o.apprenant.pk, situation.criteres.get().pk]


def _preuve(o) -> list:
    situation = _situation(o, Lieu.ENTREPRISE)
    evaluation = Evaluation.objects.create(
        situation=situation, apprenant=o.apprenant, critere=situation.criteres.get(),
        etat="evalue", niveau=3, version=1, auteur=o.user("enseignant"),
        preuve=SimpleUploadedFile("preuve.txt", b"photo de l'aile"))
    return [evaluation.pk]


VUES = [
    Vue("suivi:mes_situations", AUCUN, CONCEPTEURS),
    Vue("suivi:scenarios", AUCUN, CONCEPTEURS),
    Vue("suivi:scenario_creer", lambda e, o: [o.classe.pk], CONCEPTEURS),
    Vue("suivi:scenario", lambda e, o: [sf.scenario(o.classe).pk], LECTEURS_CLASSE),
    Vue("suivi:scenario_modifier", lambda e, o: [sf.scenario(o.classe).pk], CONCEPTEURS),
    Vue("suivi:scenario_dupliquer", lambda e, o: [sf.scenario(o.classe).pk], LECTEURS_CLASSE),
    Vue("suivi:situation_creer", lambda e, o: [sf.scenario(o.classe).pk], CONCEPTEURS),
    Vue("suivi:situation", lambda e, o: [_situation(o).pk], LECTEURS_CLASSE, "centre"),
    Vue("suivi:situation", lambda e, o: [_situation(o, Lieu.ENTREPRISE).pk],
        LECTEURS_ENTREPRISE, "entreprise"),
    Vue("suivi:situation_modifier", lambda e, o: [_situation(o).pk], CONCEPTEURS),
    Vue("suivi:grille_enregistrer", lambda e, o: [_situation(o).pk], frozenset({"enseignant"}),
        "centre", method="post", ok=302),
    Vue("suivi:grille_enregistrer", lambda e, o: [_situation(o, Lieu.ENTREPRISE).pk],
        frozenset({"enseignant", "tuteur"}), "entreprise", method="post", ok=302),
    Vue("suivi:cellule", lambda e, o: _cellule(o, Lieu.CENTRE), LECTEURS_CLASSE, "centre"),
    Vue("suivi:cellule", lambda e, o: _cellule(o, Lieu.ENTREPRISE), LECTEURS_ENTREPRISE,
        "entreprise"),
    Vue("suivi:preuve", lambda e, o: _preuve(o), LECTEURS_ENTREPRISE),
]
