"""Bilans test data: a class with evaluations and positionnements, campaigns, validated
bilans, épreuves with pondérations — built through the services, like a teacher would."""
from decimal import Decimal

from cpro_platform.bilans.campagnes import ouvrir_campagne
from cpro_platform.bilans.models import Bilan, NiveauBilan
from cpro_platform.bilans.validation import valider
from cpro_platform.livret.models import Positionnement
from cpro_platform.referentials.models import Ponderation
from tests import factories as f
from tests.livret.factories import Parcours, noter, parcours
from tests.suivi import factories as sf


def classe(apprenants: int = 2, nb_criteres: int = 4) -> Parcours:
    """A class (2 critères per compétence) whose first learner has evidence before and after
    ten days ago, and a positionnement."""
    p = parcours(apprenants, nb_criteres)
    a = p.apprenants[0]
    noter(p.situation("TP ancien", f.jours(-20)), p.enseignant,
          {(a, p.criteres[0]): "2", (a, p.criteres[1]): "2"})
    noter(p.situation("TP récent", f.jours(-2)), p.enseignant,
          {(a, p.criteres[0]): "4", (a, p.criteres[1]): "4"})
    return p


def competences(p: Parcours) -> list:
    return list(dict.fromkeys(c.competence for c in p.criteres))


def positionner(p: Parcours, apprenant, competence, niveau: int, jours: int) -> Positionnement:
    return Positionnement.objects.create(apprenant=apprenant, competence=competence,
                                         niveau=niveau, date=f.jours(jours), auteur=p.enseignant)


def campagne(p: Parcours, titre: str = "Bilan P1", jours: int = -10):
    campagne, _incidents = ouvrir_campagne(p.classe, titre=titre, date=f.jours(jours),
                                           auteur=p.enseignant)
    return campagne


def remplir(bilan: Bilan, niveau: int = 3) -> None:
    NiveauBilan.objects.filter(bilan=bilan, niveau__isnull=True).update(niveau=niveau)


def bilan_valide(p: Parcours, apprenant=None, titre: str = "Bilan P1", niveau: int = 3
                 ) -> Bilan:
    apprenant = apprenant or p.apprenants[0]
    c = p.classe.campagnes_bilan.filter(titre=titre).first() or campagne(p, titre)
    bilan = c.bilans.get(apprenant=apprenant)
    remplir(bilan, niveau)
    return valider(bilan, p.enseignant)


def epreuve(p: Parcours, poids: dict | None = None, code: str | None = None):
    """An épreuve evaluating the class's compétences, with declared pondérations
    (``{compétence: percent}``) when given."""
    e = sf.epreuve(p.classe.referentiel, code)
    e.competences.set(competences(p))
    for competence, pourcentage in (poids or {}).items():
        Ponderation.objects.create(epreuve=e, competence=competence,
                                   pourcentage=Decimal(pourcentage), provenance="officiel")
    return e
