"""Access-matrix rows for the tracking views (collected by ``tests/acces/test_matrice.py``).

Objects are created from the world ``o`` inside ``args`` (the test's savepoint rolls them
back). Two classes per world: ``classe`` (taught by ``enseignant``, granted to ``inspecteur``,
``apprenant`` followed by ``tuteur``) and ``autre_classe`` (seen by the DDFPT only, its
``apprenti`` followed by ``maitre``). Expired roles and periods must get nothing.
"""
from django.core.files.uploadedfile import SimpleUploadedFile

from cpro_platform.suivi.models import Evaluation, Lieu
from tests.acces.matrice import AUCUN, LECTEURS_CLASSE, Vue
from tests.suivi import factories as sf

CONCEPTEURS = frozenset({"enseignant", "ddfpt"})
DDFPT = frozenset({"ddfpt"})
LECTEURS_ENTREPRISE = LECTEURS_CLASSE | {"tuteur"}
LECTEURS_APPRENTI = DDFPT | {"maitre"}
CENTRE, ENTREPRISE = Lieu.CENTRE, Lieu.ENTREPRISE


def _situation(o, lieu: str = CENTRE, autre: bool = False):
    """A situation in ``o.classe`` (or ``o.autre_classe``), targeting one critère."""
    classe = o.autre_classe if autre else o.classe
    return sf.situation(sf.scenario(classe), sf.criteres(classe.referentiel, 1), lieu=lieu)


def _cellule(o, lieu: str, autre: bool = False) -> list:
    situation = _situation(o, lieu, autre)
    apprenant = o.apprenti if autre else o.apprenant
    return [situation.pk, apprenant.pk, situation.criteres.get().pk]


def _preuve(o, autre: bool = False) -> list:
    situation = _situation(o, ENTREPRISE, autre)
    evaluation = Evaluation.objects.create(
        situation=situation, apprenant=o.apprenti if autre else o.apprenant,
        critere=situation.criteres.get(), etat="evalue", niveau=3, version=1,
        auteur=o.user("enseignant"), preuve=SimpleUploadedFile("preuve.txt", b"photo"))
    return [evaluation.pk]


VUES = [
    Vue("suivi:mes_situations", AUCUN, LECTEURS_CLASSE),
    Vue("suivi:scenarios", AUCUN, LECTEURS_CLASSE),
    Vue("suivi:scenario_creer", lambda e, o: [o.classe.pk], CONCEPTEURS),
    Vue("suivi:scenario_creer", lambda e, o: [o.autre_classe.pk], DDFPT, "autre classe"),
    Vue("suivi:scenario", lambda e, o: [sf.scenario(o.classe).pk], LECTEURS_CLASSE),
    Vue("suivi:scenario", lambda e, o: [sf.scenario(o.autre_classe).pk], DDFPT,
        "autre classe"),
    Vue("suivi:scenario_modifier", lambda e, o: [sf.scenario(o.classe).pk], CONCEPTEURS),
    Vue("suivi:scenario_modifier", lambda e, o: [sf.scenario(o.autre_classe).pk], DDFPT,
        "autre classe"),
    Vue("suivi:scenario_dupliquer", lambda e, o: [sf.scenario(o.classe).pk], LECTEURS_CLASSE),
    Vue("suivi:situation_creer", lambda e, o: [sf.scenario(o.classe).pk], CONCEPTEURS),
    Vue("suivi:situation_creer", lambda e, o: [sf.scenario(o.autre_classe).pk], DDFPT,
        "autre classe"),
    Vue("suivi:situation", lambda e, o: [_situation(o).pk], LECTEURS_CLASSE, "centre"),
    Vue("suivi:situation", lambda e, o: [_situation(o, ENTREPRISE).pk],
        LECTEURS_ENTREPRISE, "entreprise"),
    Vue("suivi:situation", lambda e, o: [_situation(o, CENTRE, autre=True).pk], DDFPT,
        "autre classe, centre"),
    Vue("suivi:situation", lambda e, o: [_situation(o, ENTREPRISE, autre=True).pk],
        LECTEURS_APPRENTI, "autre classe, entreprise"),
    Vue("suivi:situation_modifier", lambda e, o: [_situation(o).pk], CONCEPTEURS),
    Vue("suivi:situation_modifier", lambda e, o: [_situation(o, ENTREPRISE).pk], CONCEPTEURS,
        "entreprise"),
    Vue("suivi:grille_enregistrer", lambda e, o: [_situation(o).pk], frozenset({"enseignant"}),
        "centre", method="post", ok=302),
    Vue("suivi:grille_enregistrer", lambda e, o: [_situation(o, ENTREPRISE).pk],
        frozenset({"enseignant", "tuteur"}), "entreprise", method="post", ok=302),
    Vue("suivi:grille_enregistrer", lambda e, o: [_situation(o, ENTREPRISE, autre=True).pk],
        frozenset({"maitre"}), "autre classe, entreprise", method="post", ok=302),
    Vue("suivi:cellule", lambda e, o: _cellule(o, CENTRE), LECTEURS_CLASSE, "centre"),
    Vue("suivi:cellule", lambda e, o: _cellule(o, ENTREPRISE), LECTEURS_ENTREPRISE,
        "entreprise"),
    Vue("suivi:cellule", lambda e, o: _cellule(o, ENTREPRISE, autre=True), LECTEURS_APPRENTI,
        "autre classe, entreprise"),
    Vue("suivi:preuve", lambda e, o: _preuve(o), LECTEURS_ENTREPRISE),
    Vue("suivi:preuve", lambda e, o: _preuve(o, autre=True), LECTEURS_APPRENTI,
        "autre classe"),
]
