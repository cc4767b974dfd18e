"""The commission actions of the certification policy (see ``certification.perimetres``).

Whoever sees the class reads the table, the minutes and the documents (the inspector
read-only); its teachers and the DDFPT prepare the commission and adjust marks; the DDFPT
validates. Learners, tutors and masters: nothing.
"""
from cpro_platform.livret.politique import _dans

from . import perimetres as cp
from .models import Commission, SessionExamen

ACTIONS: dict = {
    "certification.view_commission": _dans(SessionExamen, cp.sessions_lisibles,
                                           "lit_commission"),
    "certification.prepare_commission": _dans(SessionExamen, cp.sessions_organisees,
                                              "prepare_commission"),
    "certification.view_proces_verbal": _dans(Commission, cp.commissions_lisibles,
                                              "lit_proces_verbal"),
    "certification.adjust_commission": _dans(Commission, cp.commissions_ajustables,
                                             "ajuste_commission"),
    "certification.validate_commission": _dans(Commission, cp.commissions_validables,
                                               "valide_commission"),
}
