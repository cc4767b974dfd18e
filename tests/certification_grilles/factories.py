"""Certification grids test data: a class's exam session with a CCF sous-épreuve (compétences
with critères and indicators), a situation d'évaluation, grids — built through the services,
like a teacher would. (The planning part builds sessions and situations for real; these are
the minimal ones the grids need.)"""
from dataclasses import dataclass
from decimal import Decimal

from cpro_platform.certification import grilles as services
from cpro_platform.certification import grilles_signature as signature
from cpro_platform.certification.models import (
    Candidature, GrilleCCF, SessionExamen, SituationEvaluation)
from cpro_platform.referentials.models import Epreuve, Indicateur, Ponderation
from tests import factories as f
from tests.livret.factories import parcours


@dataclass
class Session:
    session: SessionExamen
    enseignant: object
    apprenants: list
    epreuve: Epreuve
    competences: list
    situation: SituationEvaluation

    @property
    def classe(self):
        return self.session.classe


def epreuve_ccf(referentiel, competences, code: str | None = None, poids: dict | None = None,
                coefficient: int = 4) -> Epreuve:
    """A CCF sous-épreuve of an E3 evaluating ``competences`` (declared pondérations
    ``{compétence: percent}`` when given)."""
    parent, _ = Epreuve.objects.get_or_create(
        referentiel=referentiel, code="E3", defaults={
            "intitule": "Épreuve pratique", "coefficient": 0, "provenance": "officiel"})
    ordre = parent.sous_epreuves.count() + 1
    code = code or f"E3{ordre}"
    epreuve = Epreuve.objects.create(
        referentiel=referentiel, parent=parent, code=code, intitule=f"Sous-épreuve {code}",
        coefficient=coefficient, mode="ccf", provenance="officiel", ordre=ordre)
    epreuve.competences.set(competences)
    for competence, pourcentage in (poids or {}).items():
        Ponderation.objects.create(epreuve=epreuve, competence=competence,
                                   pourcentage=Decimal(pourcentage), provenance="officiel")
    return epreuve


def session_examen(classe, auteur, annee: int = 2027) -> SessionExamen:
    return SessionExamen.objects.get_or_create(classe=classe, annee=annee, defaults={
        "referentiel": classe.referentiel, "cree_par": auteur})[0]


def situation(session, epreuve, evaluateur, apprenants, **champs) -> SituationEvaluation:
    s = SituationEvaluation.objects.create(**{
        "session": session, "epreuve": epreuve, "intitule": f"Situation {epreuve.code}",
        "debut": f.jours(-3), "evaluateur": evaluateur, "professionnel_nom": "Paul Martin",
        "professionnel_fonction": "chef d’atelier", **champs})
    s.apprenants.set(apprenants)
    return s


def session(apprenants: int = 3, nb_competences: int = 3, poids: list | None = None,
            indicateurs: bool = True) -> Session:
    """A class of ``apprenants`` with a session and a CCF sous-épreuve on ``nb_competences``
    compétences (2 critères each, one indicator per critère); ``poids``: declared
    percentages in the compétences' order."""
    p = parcours(apprenants, 2 * nb_competences)
    competences = list(dict.fromkeys(c.competence for c in p.criteres))
    if indicateurs:
        for critere in p.criteres:
            Indicateur.objects.create(critere=critere, intitule=f"Indicateur de {critere.code}",
                                      provenance="officiel")
    epreuve = epreuve_ccf(p.classe.referentiel, competences,
                          poids=dict(zip(competences, poids)) if poids else None)
    s = session_examen(p.classe, p.enseignant)
    return Session(s, p.enseignant, p.apprenants, epreuve, competences,
                   situation(s, epreuve, p.enseignant, p.apprenants))


def grille(s: Session, apprenant=None) -> GrilleCCF:
    """The learner's grid (created with the rule's layout)."""
    apprenant = apprenant or s.apprenants[0]
    gabarit = services.structure(s.epreuve, services.Notation.pour(s.session, []).bareme)
    return services.creer_grilles(s.session, s.epreuve, [apprenant], gabarit)[apprenant.pk]


def remplir(s: Session, g: GrilleCCF, degres: list[int | None], **champs) -> GrilleCCF:
    """Degrees in the compétences' order, and the page's other fields."""
    valeurs = {"date": f.jours(-1), "appreciation": "", "modulation": "0", "motif": "",
               **champs}
    return signature.modifier(g, signature.Saisie(
        degres={c.code: d for c, d in zip(s.competences, degres)}, **valeurs), s.enseignant)


def signee(s: Session, apprenant=None, degres=None) -> GrilleCCF:
    g = remplir(s, grille(s, apprenant), degres or [3] * len(s.competences))
    return signature.signer(g, s.enseignant, "Paul Martin")


def statut(s: Session, apprenant, statut: str, **champs) -> Candidature:
    return Candidature.objects.create(session=s.session, apprenant=apprenant,
                                      epreuve=s.epreuve, statut=statut, auteur=s.enseignant,
                                      **champs)
