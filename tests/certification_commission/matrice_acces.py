"""Access-matrix rows for the commission views (run by ``tests/acces/test_matrice.py``).

The table, the minutes and the documents: whoever sees the class (its teacher, the DDFPT, the
granted inspector — read-only). Preparing the commission and adjusting a mark: the class's
teacher and the DDFPT. Validating: the DDFPT. Learners, tutors, masters, the administrator, a
teacher of another class: nothing. The validation row posts to a complete table (one CCF
sous-épreuve, a signed grid): 302 to the DDFPT.
"""
from django.utils import timezone

from cpro_platform.certification.models import (
    Commission, EtatGrille, GrilleCCF, SessionExamen)
from cpro_platform.referentials.models import Epreuve, Mode
from tests.acces.matrice import LECTEURS_CLASSE, Vue

ORGANISATEURS = frozenset({"enseignant", "ddfpt"})
DDFPT = frozenset({"ddfpt"})


def _session(o, classe) -> SessionExamen:
    return SessionExamen.objects.get_or_create(classe=classe, annee=2027, defaults={
        "referentiel": classe.referentiel, "cree_par": o.user("ddfpt")})[0]


def _commission(o, classe) -> Commission:
    return Commission.objects.get_or_create(session=_session(o, classe), defaults={
        "date": timezone.localdate(), "lieu": "Salle matrice"})[0]


def _grille(o, classe) -> GrilleCCF:
    """A signed grid of the class's learner on a CCF sous-épreuve (the table is complete)."""
    epreuve = Epreuve.objects.get_or_create(
        referentiel=classe.referentiel, code="E3-MATRICE", defaults={
            "intitule": "Sous-épreuve matrice", "coefficient": 2, "mode": Mode.CCF,
            "provenance": "officiel"})[0]
    apprenant = o.apprenant if classe == o.classe else o.apprenti
    return GrilleCCF.objects.get_or_create(
        session=_session(o, classe), apprenant=apprenant, epreuve=epreuve, defaults={
            "structure": {}, "note": 12, "note_calculee": 12, "etat": EtatGrille.SIGNEE,
            "signee_par": o.user("enseignant"), "signee_le": timezone.now()})[0]


def session(e, o) -> list:
    return [_session(o, o.classe).pk]


def session_autre_classe(e, o) -> list:
    return [_session(o, o.autre_classe).pk]


def commission(e, o) -> list:
    return [_commission(o, o.classe).pk]


def ajustement(e, o) -> list:
    return [_commission(o, o.classe).pk, _grille(o, o.classe).pk]


def validation(e, o) -> list:
    _grille(o, o.classe)
    return [_commission(o, o.classe).pk]


VUES = [
    Vue("certification:commission", session, LECTEURS_CLASSE, "enseignée"),
    Vue("certification:commission", session_autre_classe, DDFPT, "non enseignée"),
    Vue("certification:commission_preparer", session, ORGANISATEURS),
    Vue("certification:commission_tableau_pdf", session, LECTEURS_CLASSE),
    Vue("certification:commission_tableau_xlsx", session, LECTEURS_CLASSE),
    Vue("certification:commission_proces_verbal", commission, LECTEURS_CLASSE),
    Vue("certification:commission_ajuster", ajustement, ORGANISATEURS),
    Vue("certification:commission_valider", validation, DDFPT, method="post", ok=302),
]
