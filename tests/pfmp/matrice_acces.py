"""Access-matrix rows for the PFMP views (run by ``tests/acces/test_matrice.py``).

A class's PFMP page: whoever sees the class; its teacher and the DDFPT plan periods and assign
placements. A placement: whoever sees the class, the learner, and the tutor while the
placement's own Encadrement runs (``tuteur_expire`` is refused; the apprentice's master sees
nothing). Visits: the class's teacher. The attestation: written and signed by the class's
teacher, the DDFPT and the tutor (an empty attestation form is valid: 302; an unsigned
signature is refused input: 422). Another establishment:
nothing.
"""
from cpro_platform.pfmp.models import PeriodePFMP, StagePFMP
from tests.acces.matrice import LECTEURS_CLASSE, Vue
from tests.factories import periode_pfmp, stage_pfmp

PLANIFIENT = frozenset({"enseignant", "ddfpt"})
LECTEURS_STAGE = LECTEURS_CLASSE | {"apprenant", "tuteur"}
ATTESTENT = PLANIFIENT | {"tuteur"}


def _periode(o) -> PeriodePFMP:
    return (PeriodePFMP.objects.filter(classe=o.classe).first()
            or periode_pfmp(o.classe, titre=f"PFMP matrice {o.classe.nom}"))


def _stage(o) -> StagePFMP:
    periode = _periode(o)
    return (StagePFMP.objects.filter(periode=periode, apprenant=o.apprenant).first()
            or stage_pfmp(periode, o.apprenant, o.tuteur,
                          enseignant_referent=o.user("enseignant")))


def periode(e, o) -> list:
    return [_periode(o).pk]


def stage(e, o) -> list:
    return [_stage(o).pk]


VUES = [
    Vue("pfmp:classe", lambda e, o: [o.classe.pk], LECTEURS_CLASSE, "enseignée"),
    Vue("pfmp:classe", lambda e, o: [o.autre_classe.pk], frozenset({"ddfpt"}), "non enseignée"),
    Vue("pfmp:periode_ajouter", lambda e, o: [o.classe.pk], PLANIFIENT),
    Vue("pfmp:periode_ajouter", lambda e, o: [o.classe.pk], PLANIFIENT, "refusée",
        method="post", ok=422),
    Vue("pfmp:periode_modifier", periode, PLANIFIENT),
    Vue("pfmp:stage_ajouter", periode, PLANIFIENT),
    Vue("pfmp:apprenant", lambda e, o: [o.apprenant.pk], LECTEURS_STAGE, "élève"),
    Vue("pfmp:apprenant", lambda e, o: [o.apprenti.pk], frozenset({"ddfpt", "maitre"}),
        "apprenti"),
    Vue("pfmp:stage", stage, LECTEURS_STAGE),
    Vue("pfmp:stage_modifier", stage, PLANIFIENT),
    Vue("pfmp:visite_ajouter", stage, frozenset({"enseignant"})),
    Vue("pfmp:attestation", stage, ATTESTENT, method="post", ok=302),
    Vue("pfmp:signer", stage, ATTESTENT, method="post", ok=422),
    Vue("pfmp:convention_pdf", stage, LECTEURS_STAGE),
    Vue("pfmp:attestation_pdf", stage, LECTEURS_STAGE),
]
