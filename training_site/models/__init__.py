"""Espace Formation: lunchtime webinars, their programme, registrations and replays."""
from .inscriptions import Inscription, StatutInscription
from .pages import FormationIndexPage, ProgrammePage, WebinaireIntervenant, WebinairePage
from .parametres import ParametresFormation
from .snippets import Intervenant, Thematique

__all__ = [
    "FormationIndexPage", "Inscription", "Intervenant", "ParametresFormation", "ProgrammePage",
    "StatutInscription", "Thematique", "WebinaireIntervenant", "WebinairePage",
]
