"""Access-matrix rows for the exports (``tests/acces/test_matrice.py``).

A class's Exports page: whoever reads the class (teacher, DDFPT, granted inspector); running a
class format and its batch: the class's teacher and the DDFPT only (inspectors are
read-only). A learner's Exports page and formats: whoever reads the livret (teacher, DDFPT,
inspector, the learner, the tutor or master while the period runs). A learner's own batch:
its author and the class's producers.
"""
import itertools

from django.core.files.base import ContentFile

from cpro_platform.bilans.models import Campagne
from cpro_platform.exports.models import EtatLot, LotExport
from tests.acces.matrice import LECTEURS_CLASSE, Vue
from tests.bilans_documents.factories import bilan_valide
from tests.factories import jours
from tests.suivi import factories as sf

LECTEURS_ELEVE = LECTEURS_CLASSE | {"apprenant", "tuteur"}
PRODUCTEURS = frozenset({"enseignant", "ddfpt"})
_seq = itertools.count(1)


def _bilan(o, apprenant, classe) -> None:
    """A validated bilan, on the LSL Pro scale, so the LSL Pro formats have data."""
    sf.echelle(classe.referentiel)
    campagne = Campagne.objects.create(classe=classe, titre=f"Export matrice {next(_seq)}",
                                       date=jours(-1), ouverte_par=o.user("ddfpt"))
    bilan_valide(apprenant, campagne, o.user("ddfpt"), {})


def _lot(o, classe, *, fini=False, apprenant=None, auteur="ddfpt") -> int:
    lot = LotExport.objects.create(format="livrets-classe" if apprenant is None else "bilan-pdf",
                                   classe=classe, apprenant=apprenant, auteur=o.user(auteur),
                                   etat=EtatLot.TERMINE if fini else EtatLot.EN_COURS)
    if fini:
        lot.fichier.save("livrets.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18))
    return lot.pk


def _lsl_classe(e, o):
    _bilan(o, o.apprenant, o.classe)
    return [o.classe.pk, "lsl-pro"]


def _lsl_eleve(e, o):
    _bilan(o, o.apprenant, o.classe)
    return [o.apprenant.pk, "lsl-pro-apprenant"]


VUES = [
    Vue("exports:classe", lambda e, o: [o.classe.pk], LECTEURS_CLASSE, "enseignée"),
    Vue("exports:classe", lambda e, o: [o.autre_classe.pk], frozenset({"ddfpt"}),
        "non enseignée"),
    Vue("exports:exporter_classe", _lsl_classe, PRODUCTEURS, "enseignée, immédiat"),
    Vue("exports:exporter_classe", lambda e, o: [o.autre_classe.pk, "livrets-classe"],
        frozenset({"ddfpt"}), "non enseignée, arrière-plan", method="post", ok=302),
    Vue("exports:apprenant", lambda e, o: [o.apprenant.pk], LECTEURS_ELEVE, "élève suivi"),
    Vue("exports:apprenant", lambda e, o: [o.apprenti.pk], frozenset({"ddfpt", "maitre"}),
        "apprenti"),
    Vue("exports:exporter_apprenant", _lsl_eleve, LECTEURS_ELEVE, "élève suivi"),
    # An apprentice has no LSL Pro: the allowed are sent back to the page with the reason.
    Vue("exports:exporter_apprenant", lambda e, o: [o.apprenti.pk, "lsl-pro-apprenant"],
        frozenset({"ddfpt", "maitre"}), "apprenti", ok=302),
    Vue("exports:lot", lambda e, o: [_lot(o, o.classe)], PRODUCTEURS, "classe"),
    Vue("exports:lot", lambda e, o: [_lot(o, o.classe, apprenant=o.apprenant,
                                          auteur="apprenant")],
        PRODUCTEURS | {"apprenant"}, "demandé par l’élève"),
    Vue("exports:lot_telecharger", lambda e, o: [_lot(o, o.classe, fini=True)], PRODUCTEURS),
]
