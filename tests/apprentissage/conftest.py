"""An establishment with an apprentice under contract, their master, trainer and class."""
import pytest

from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Statut
from tests import factories as f


@pytest.fixture
def cas(db):
    e = f.etablissement("CFA des Métiers de la Carrosserie")
    classe = f.classe(e, "1 CARRO-APP")
    formateur = f.enseignant(e, classe, username="formateur")
    formateur.first_name, formateur.last_name = "Claire", "Rolland"
    formateur.save()
    ddfpt = f.personne("ddfpt")
    f.role(ddfpt, e, TypeRole.DDFPT)
    apprenti = f.apprenant(e, classe, nom="MARTIN", statut=Statut.APPRENTI, compte=True,
                           debut=f.jours(-200))
    employeur = f.entreprise(e, "Carrosserie Durand")
    maitre = f.tuteur(employeur, "maitre")
    maitre.user.first_name, maitre.user.last_name = "Gérard", "Durand"
    maitre.user.save()
    contrat = f.contrat(apprenti, maitre, debut=f.jours(-100), fin=f.jours(300),
                        formateur_referent=formateur)
    return {"e": e, "classe": classe, "formateur": formateur, "ddfpt": ddfpt,
            "apprenti": apprenti, "employeur": employeur, "maitre": maitre,
            "contrat": contrat}
