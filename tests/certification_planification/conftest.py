"""A terminale class with its teacher, the DDFPT, three learners (one followed in company by a
tutor) and a referential with E2 (ponctuel) and E3 → E31, E32 (CCF)."""
from dataclasses import dataclass

import pytest

from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Niveau
from tests import factories as f

from . import factories as cf


@dataclass
class Lycee:
    classe: object
    enseignant: object
    ddfpt: object
    apprenants: list
    tuteur: object
    epreuves: dict
    autre_classe: object


@pytest.fixture
def lycee(db) -> Lycee:
    e = f.etablissement()
    classe = f.classe(e, "T CCF", niveau=Niveau.TERMINALE)
    prof = f.enseignant(e, classe)
    ddfpt = f.personne()
    f.role(ddfpt, e, TypeRole.DDFPT)
    apprenants = [f.apprenant(e, classe, nom=f"ELEVE{i}") for i in range(3)]
    tuteur = f.tuteur(f.entreprise(e, "Garage Central"))
    f.encadrement(tuteur, apprenants[0])
    autre = f.classe(e, "T AUTRE", niveau=Niveau.TERMINALE)
    f.apprenant(e, autre, nom="INTRUS")
    return Lycee(classe, prof, ddfpt, apprenants, tuteur, cf.epreuves(classe.referentiel),
                 autre)


@pytest.fixture
def session(lycee):
    return cf.session(lycee.classe, lycee.enseignant, lycee.classe.annee.fin.year)


@pytest.fixture
def prof(client, lycee):
    client.force_login(lycee.enseignant)
    return client
