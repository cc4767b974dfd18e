"""The planification actions of the certification policy (see ``certification.perimetres``):
opening a class's session, its CCF situations d'évaluation and candidates' statuses are
written by the teachers of the class and the DDFPT; whoever sees the class reads them."""
from cpro_platform.etablissements.models import Classe
from cpro_platform.livret.politique import _dans

from . import perimetres as cp
from . import perimetres_planification as pp
from .models import Candidature, SituationEvaluation

ACTIONS: dict = {
    "certification.add_session": _dans(Classe, cp.classes_organisees, "ouvre_session"),
    "certification.change_situation": _dans(SituationEvaluation, cp.situations_organisees,
                                            "planifie_situation"),
    "certification.change_candidature": _dans(Candidature, pp.candidatures_organisees,
                                              "saisit_statut"),
}
