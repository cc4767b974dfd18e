"""Structure of an establishment: one module per concept, re-exported here."""
from .apprenants import Apprenant, Inscription, Parcours, Statut
from .entreprises import Encadrement, Entreprise, Tuteur, TypeEncadrement
from .importations import EcritureImport, EtatImport, Importation
from .periodes import Periode, PeriodeQuerySet, actif_le_q, aujourdhui
from .structure import AnneeScolaire, Classe, Enseignement, Etablissement, Niveau, TypeEtablissement

__all__ = [
    "AnneeScolaire", "Apprenant", "Classe", "EcritureImport", "Encadrement", "Enseignement",
    "Entreprise", "EtatImport", "Etablissement", "Importation", "Inscription", "Niveau",
    "Parcours", "Periode", "PeriodeQuerySet", "Statut", "Tuteur", "TypeEncadrement",
    "TypeEtablissement", "actif_le_q", "aujourdhui",
]
