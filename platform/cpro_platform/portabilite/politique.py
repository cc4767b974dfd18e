"""Who may move a learner's record between installations: establishment administrators only.

* export — an administrator of an establishment the learner went through (a path or a class
  there: ``acces.perimetres.apprenants_geres``); the archive holds the whole record, so
  teachers, tutors and the learner use the livret and its PDF instead;
* import — an administrator, into the establishment they administer (the URL's).
"""
from cpro_platform.acces import politique
from cpro_platform.acces import perimetres as p
from cpro_platform.etablissements.models import Apprenant, Etablissement

ACTIONS = {
    "portabilite.exporter_dossier": politique.dans(Apprenant, p.apprenants_geres,
                                                   "exporte_dossier"),
    "portabilite.importer_dossier": politique.dans(Etablissement, p.etablissements_administres,
                                                   "importe_dossier"),
}


def enregistrer() -> None:
    """Add the actions to the one policy (idempotent)."""
    politique.ajouter_actions(ACTIONS)
