"""The kinds of import, by the slug used in URLs and stored on each ``Importation``."""
from .apprenants import ImportApprenants
from .base import Importateur
from .classes import ImportClasses
from .personnels import ImportPersonnels

#: In the order an establishment imports them: classes first, learners and staff refer to them.
IMPORTATEURS: dict[str, type[Importateur]] = {
    i.type: i for i in (ImportClasses, ImportApprenants, ImportPersonnels)}
