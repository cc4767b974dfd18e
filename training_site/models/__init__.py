"""Espace Formation: lunchtime webinars, their programme, registrations and replays."""
from .inscriptions import Inscription, StatutInscription
from .pages import FormationIndexPage, ProgrammePage, WebinaireIntervenant, WebinairePage
from .snippets import Intervenant, Thematique

__all__ = [
    "FormationIndexPage", "Inscription", "Intervenant", "ProgrammePage", "StatutInscription",
    "Thematique", "WebinaireIntervenant", "WebinairePage",
]
