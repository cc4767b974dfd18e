"""Access-matrix rows for the bilans' documents and projections (``tests/acces/test_matrice.py``).

Reading — a learner's validated bilans (PDF), attestations, documents page and projection:
whoever reads the livret (class teacher, DDFPT, granted inspector, the learner, the tutor or
master while the period runs). Producing — issuing an attestation, launching a class's batch
(followed on the exports' batch page, ``tests/exports/matrice_acces.py``): the class's
teacher and the DDFPT only (inspectors are read-only).
"""
import itertools

from cpro_platform.bilans import attestations
from cpro_platform.bilans.models import Campagne
from tests.acces.matrice import LECTEURS_CLASSE, Vue
from tests.bilans_documents.factories import bilan_valide
from tests.factories import jours
from tests.suivi import factories as sf

LECTEURS_ELEVE = LECTEURS_CLASSE | {"apprenant", "tuteur"}
LECTEURS_APPRENTI = frozenset({"ddfpt", "maitre"})
PRODUCTEURS = frozenset({"enseignant", "ddfpt"})
_seq = itertools.count(1)


def _campagne(o, classe) -> Campagne:
    return Campagne.objects.create(classe=classe, titre=f"Campagne matrice {next(_seq)}",
                                   date=jours(-1), ouverte_par=o.user("ddfpt"))


def _bilan(o, apprenant, classe) -> int:
    return bilan_valide(apprenant, _campagne(o, classe), o.user("ddfpt"), {}).pk


def _attestation(o, apprenant, classe) -> int:
    sf.echelle(classe.referentiel)
    _bilan(o, apprenant, classe)
    return attestations.delivrer(apprenant, o.user("ddfpt"), "fin_de_cycle").pk


ELEVE = (lambda e, o: o.apprenant, lambda e, o: o.classe, LECTEURS_ELEVE, "élève suivi")
APPRENTI = (lambda e, o: o.apprenti, lambda e, o: o.autre_classe, LECTEURS_APPRENTI, "apprenti")

VUES = [
    Vue(f"bilans_documents:{name}", args, allowed, label)
    for apprenant, classe, allowed, label in (ELEVE, APPRENTI)
    for name, args in (
        ("bilan_pdf", lambda e, o, a=apprenant, c=classe: [_bilan(o, a(e, o), c(e, o))]),
        ("attestation_pdf",
         lambda e, o, a=apprenant, c=classe: [_attestation(o, a(e, o), c(e, o))]),
        ("apprenant", lambda e, o, a=apprenant: [a(e, o).pk]),
        ("projection_apprenant", lambda e, o, a=apprenant: [a(e, o).pk]),
    )
] + [
    Vue("bilans_documents:attestation_delivrer", lambda e, o: [o.apprenant.pk],
        PRODUCTEURS, "élève suivi"),
    Vue("bilans_documents:attestation_delivrer", lambda e, o: [o.apprenti.pk],
        frozenset({"ddfpt"}), "apprenti"),
] + [
    Vue(f"bilans_documents:{name}", args, allowed, label)
    for name in ("classe", "projection_classe")
    for args, allowed, label in (
        (lambda e, o: [o.classe.pk], LECTEURS_CLASSE, "enseignée"),
        (lambda e, o: [o.autre_classe.pk], frozenset({"ddfpt"}), "non enseignée"))
] + [
    Vue("bilans_documents:lot_lancer", lambda e, o: [_campagne(o, o.classe).pk], PRODUCTEURS,
        "enseignée", method="post", ok=302),
    Vue("bilans_documents:lot_lancer", lambda e, o: [_campagne(o, o.autre_classe).pk],
        frozenset({"ddfpt"}), "non enseignée", method="post", ok=302),
]
