"""Access-matrix rows for the certification's planning views (run by
``tests/acces/test_matrice.py``).

Sessions, épreuves, CCF planning and the candidates' matrix: whoever sees the class (its
teacher, the DDFPT, the granted inspector — read-only). Opening a session, planning situations
d'évaluation and recording statuses: the class's teacher and the DDFPT. Learners, tutors and
masters see none of it. POST actions answer 302 (done) or 422 (refused input: the matrix
posts nothing) to those allowed.
"""
from cpro_platform.certification.models import Candidature, StatutCandidat
from tests.acces.matrice import LECTEURS_CLASSE, Vue

from . import factories as cf

ORGANISATEURS = frozenset({"enseignant", "ddfpt"})


def _session(o, classe):
    return cf.session(classe, o.user("ddfpt"))


def session(e, o) -> list:
    return [_session(o, o.classe).pk]


def autre_session(e, o) -> list:
    return [_session(o, o.autre_classe).pk]


def situation(e, o) -> list:
    s = _session(o, o.classe)
    return [(s.situations.first() or cf.situation(s, o.user("enseignant"), [o.apprenant])).pk]


def statut(e, o) -> list:
    s = _session(o, o.classe)
    return [Candidature.objects.get_or_create(
        session=s, apprenant=o.apprenant, epreuve=cf.epreuves(s.referentiel)["E31"],
        defaults={"statut": StatutCandidat.ABSENT, "auteur": o.user("enseignant")})[0].pk]


VUES = [
    Vue("certification:sessions", lambda e, o: [o.classe.pk], LECTEURS_CLASSE, "enseignée"),
    Vue("certification:sessions", lambda e, o: [o.autre_classe.pk], frozenset({"ddfpt"}),
        "non enseignée"),
    Vue("certification:ouvrir_session", lambda e, o: [o.classe.pk], ORGANISATEURS,
        method="post", ok=422),
    Vue("certification:session", session, LECTEURS_CLASSE, "enseignée"),
    Vue("certification:session", autre_session, frozenset({"ddfpt"}), "non enseignée"),
    Vue("certification:candidats", session, LECTEURS_CLASSE, "enseignée"),
    Vue("certification:candidats", autre_session, frozenset({"ddfpt"}), "non enseignée"),
    Vue("certification:situation_creer", session, ORGANISATEURS),
    Vue("certification:situation_creer", session, ORGANISATEURS, "envoi", method="post",
        ok=422),
    Vue("certification:situation_modifier", situation, ORGANISATEURS),
    Vue("certification:situation_supprimer", situation, ORGANISATEURS, method="post", ok=302),
    Vue("certification:statut", session, ORGANISATEURS),
    Vue("certification:statut", session, ORGANISATEURS, "envoi", method="post", ok=422),
    Vue("certification:statut_retirer", statut, ORGANISATEURS, method="post", ok=302),
]
