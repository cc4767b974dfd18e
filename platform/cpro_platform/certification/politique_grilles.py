"""The grids' actions of the certification policy (see ``certification.perimetres``).

Read (a session's grids, a grid, their PDFs): whoever sees the class — its teachers, the
DDFPT, a granted inspector. Written (degrees, marks, signature): the teachers of the class.
Reopened: the teachers of the class or the DDFPT. The services refuse a signed grid or a
validated session with a message.
"""
from cpro_platform.acces import perimetres as p
from cpro_platform.livret.politique import _dans

from . import perimetres as cp
from .models import GrilleCCF, SessionExamen


def sessions_notees(user, date=None):
    """Sessions whose grids ``user`` fills: those of the classes they teach."""
    return SessionExamen.objects.filter(classe__in=p.classes_enseignees(user, date))


def grilles_rouvrables(user, date=None):
    """Grids ``user`` may reopen: the classes they teach, or of their DDFPT establishment."""
    return GrilleCCF.objects.filter(session__in=cp.sessions_organisees(user, date))


ACTIONS: dict = {
    "certification.view_grilles": _dans(SessionExamen, cp.sessions_lisibles, "lit_grilles"),
    "certification.change_grilles": _dans(SessionExamen, sessions_notees, "note_grilles"),
    "certification.view_grille": _dans(GrilleCCF, cp.grilles_lisibles, "lit_grille"),
    "certification.change_grille": _dans(GrilleCCF, cp.grilles_modifiables, "note_grille"),
    "certification.reopen_grille": _dans(GrilleCCF, grilles_rouvrables, "rouvre_grille"),
}
