"""Access-matrix rows for the CCF grids (run by ``tests/acces/test_matrice.py``).

A session's grids, the class entry page, a grid and their PDFs: whoever sees the class — its
teacher, the DDFPT, the granted inspector (read-only); never learners, tutors or masters (CCF
marks are not given before the jury). Degrees, marks and signature: the class's teacher.
Reopening: the class's teacher or the DDFPT. POST actions answer 302 (done) or 422 (refused
input: the matrix posts nothing) to those allowed.
"""
from cpro_platform.certification import grilles as services
from cpro_platform.certification.models import GrilleCCF
from cpro_platform.referentials.models import Epreuve
from tests.acces.matrice import LECTEURS_CLASSE, Vue
from tests.suivi import factories as sf

from . import factories as cf

ENSEIGNANT = frozenset({"enseignant"})
DDFPT = frozenset({"ddfpt"})


def _epreuve(classe) -> Epreuve:
    ref = classe.referentiel
    existante = Epreuve.objects.filter(referentiel=ref, code="E31").first()
    if existante:
        return existante
    competences = list(dict.fromkeys(c.competence for c in sf.criteres(ref, 2)))
    return cf.epreuve_ccf(ref, competences, "E31")


def _session(o, classe):
    return cf.session_examen(classe, o.user("ddfpt"))


def _grille(o, classe, apprenant) -> GrilleCCF:
    session, epreuve = _session(o, classe), _epreuve(classe)
    existante = GrilleCCF.objects.filter(session=session, apprenant=apprenant).first()
    if existante:
        return existante
    gabarit = services.structure(epreuve, services.Notation.pour(session, []).bareme)
    return services.creer_grilles(session, epreuve, [apprenant], gabarit)[apprenant.pk]


def session_enseignee(e, o) -> list:
    return [_session(o, o.classe).pk]


def session_autre(e, o) -> list:
    return [_session(o, o.autre_classe).pk]


def epreuve_enseignee(e, o) -> list:
    return [_session(o, o.classe).pk, _epreuve(o.classe).pk]


def epreuve_autre(e, o) -> list:
    return [_session(o, o.autre_classe).pk, _epreuve(o.autre_classe).pk]


def grille_enseignee(e, o) -> list:
    return [_grille(o, o.classe, o.apprenant).pk]


def grille_autre(e, o) -> list:
    return [_grille(o, o.autre_classe, o.apprenti).pk]


VUES = [
    Vue("certification:grilles_session", session_enseignee, LECTEURS_CLASSE, "enseignée"),
    Vue("certification:grilles_session", session_autre, DDFPT, "non enseignée"),
    Vue("certification:grilles_epreuve", epreuve_enseignee, LECTEURS_CLASSE, "enseignée"),
    Vue("certification:grilles_epreuve", epreuve_autre, DDFPT, "non enseignée"),
    Vue("certification:grilles_pdf", epreuve_enseignee, LECTEURS_CLASSE, "enseignée"),
    Vue("certification:grilles_pdf", epreuve_autre, DDFPT, "non enseignée"),
    Vue("certification:saisie_grilles", epreuve_enseignee, ENSEIGNANT, method="post", ok=302),
    Vue("certification:grille", grille_enseignee, LECTEURS_CLASSE, "enseignée"),
    Vue("certification:grille", grille_autre, DDFPT, "non enseignée"),
    Vue("certification:grille_pdf", grille_enseignee, LECTEURS_CLASSE, "enseignée"),
    Vue("certification:grille_pdf", grille_autre, DDFPT, "non enseignée"),
    Vue("certification:grille_modifier", grille_enseignee, ENSEIGNANT, method="post", ok=302),
    Vue("certification:grille_signer", grille_enseignee, ENSEIGNANT, method="post", ok=422),
    Vue("certification:grille_rouvrir", grille_enseignee, ENSEIGNANT | DDFPT, method="post",
        ok=422),
]
