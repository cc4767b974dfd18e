"""A small PFMP world: a class with its teacher, two learners, two companies and tutors, the
DDFPT, and critères in the class's referential."""
from dataclasses import dataclass

from cpro_platform.comptes.models import TypeRole
from tests import factories as f
from tests.suivi import factories as sf


@dataclass
class Atelier:
    etablissement: object
    classe: object
    enseignant: object
    ddfpt: object
    eleve: object
    autre_eleve: object
    entreprise: object
    tuteur: object
    autre_entreprise: object
    autre_tuteur: object
    criteres: list


def atelier() -> Atelier:
    e = f.etablissement()
    c = f.classe(e)
    enseignant = f.enseignant(e, c)
    ddfpt = f.personne()
    f.role(ddfpt, e, TypeRole.DDFPT)
    eleve = f.apprenant(e, c, compte=True)
    autre = f.apprenant(e, c)
    ent, autre_ent = f.entreprise(e, "Carrosserie Martin"), f.entreprise(e, "Garage Petit")
    return Atelier(e, c, enseignant, ddfpt, eleve, autre, ent, f.tuteur(ent), autre_ent,
                   f.tuteur(autre_ent), sf.criteres(c.referentiel, 4))
