"""Demo data of the certification's planification (see ``certification.demo``): the terminale
"T CAV" gets the session of its year with its E31/E32/E33 CCF situations already held (one in
company with a learner's master as professional), one learner absent (justified) on E32 and
one dispensed on E33; the première "1 CPA" gets next year's session with its CCF situations
planned. Built through the planning services, so the demo obeys the same rules as a teacher."""
import datetime

from cpro_platform.etablissements.models import Classe, Encadrement, aujourdhui
from cpro_platform.livret.demo import UAI
from cpro_platform.suivi.models import Lieu

from .candidats import enregistrer_statut
from .models import Candidature, SessionExamen, SituationEvaluation, StatutCandidat
from .planification import (
    annee_de_session, apprenants_inscrits, enseignants, enregistrer_situation,
    situations_certificatives, sous_epreuves_ccf, tuteurs)

#: class name → [(sous-épreuve code, intitulé, lieu, first day, days) ]; days from today.
PLANS = {
    "T CAV": [
        ("E31", "Fabrication et assemblage d'un support de hayon élévateur", Lieu.CENTRE,
         -45, 2),
        ("E32", "Implantation d'un aménagement intérieur de fourgon", Lieu.CENTRE, -30, 2),
        ("E33", "Contrôle de conformité et livraison d'un véhicule aménagé", Lieu.ENTREPRISE,
         -15, 1),
    ],
    "1 CPA": [
        ("E31", "Remplacement d'un élément de structure soudé", Lieu.CENTRE, 150, 2),
        ("E32", "Préparation et mise en peinture d'un élément", Lieu.CENTRE, 210, 2),
        ("E33", "Remplacement d'un vitrage collé", Lieu.ENTREPRISE, 250, 1),
    ],
}
#: A professional evaluator when the class's learners have no tutor or master.
PROFESSIONNEL = ("Jean Morel", "Chef d'atelier, professionnel associé")
#: T CAV: (rank of the learner by name, sous-épreuve, status, motif).
STATUTS = [
    (0, "E32", StatutCandidat.ABSENT_JUSTIFIE, "Arrêt maladie (certificat médical fourni)."),
    (1, "E33", StatutCandidat.DISPENSE, "Dispense accordée par le recteur (décision jointe)."),
]


def _situation(session, epreuve, intitule, lieu, debut, jours, evaluateur, tuteur, apprenants,
               liee) -> bool:
    if SituationEvaluation.objects.filter(session=session, epreuve=epreuve,
                                          intitule=intitule).exists():
        return False
    professionnel = {"professionnel": tuteur} if tuteur else {
        "professionnel_nom": PROFESSIONNEL[0], "professionnel_fonction": PROFESSIONNEL[1]}
    enregistrer_situation(SituationEvaluation(
        session=session, epreuve=epreuve, intitule=intitule, lieu=lieu, debut=debut,
        fin=debut + datetime.timedelta(days=jours - 1), evaluateur=evaluateur, situation=liee,
        **professionnel), apprenants)
    return True


def _session(classe: Classe, today) -> tuple[int, int]:
    evaluateur = enseignants(classe).first()
    if evaluateur is None:
        return 0, 0
    session, _ = SessionExamen.objects.get_or_create(
        classe=classe, annee=annee_de_session(classe),
        defaults={"referentiel": classe.referentiel, "cree_par": evaluateur})
    epreuves = {e.code: e for e in sous_epreuves_ccf(session)}
    apprenants = list(apprenants_inscrits(classe))
    # A learner's tutor or master, running on the day (the company situation's professional).
    encadre = (Encadrement.objects.filter(apprenant__in=apprenants, tuteur__in=tuteurs(classe))
               .order_by("apprenant__nom", "pk").select_related("tuteur").first())
    liees = {s.epreuve_id: s for s in situations_certificatives(classe)}
    situations = 0
    for code, intitule, lieu, jour, jours in PLANS[classe.nom]:
        epreuve = epreuves.get(code)
        if epreuve is None:
            continue
        tuteur = encadre.tuteur if encadre and lieu == Lieu.ENTREPRISE else None
        situations += _situation(session, epreuve, intitule, lieu,
                                 today + datetime.timedelta(days=jour), jours, evaluateur,
                                 tuteur, apprenants, liees.get(epreuve.pk))
    statuts = 0
    if session.annee == classe.annee.fin.year:     # the terminale sits this year
        for rang, code, statut, motif in STATUTS:
            epreuve = epreuves.get(code)
            if epreuve is None or rang >= len(apprenants) or Candidature.objects.filter(
                    session=session, apprenant=apprenants[rang], epreuve=epreuve).exists():
                continue
            enregistrer_statut(session, apprenants[rang], epreuve, statut=statut, motif=motif,
                               auteur=evaluateur)
            statuts += 1
    return situations, statuts


def build(stdout) -> None:
    """Idempotent: running it twice duplicates nothing."""
    today = aujourdhui()
    situations = statuts = 0
    for nom in PLANS:
        classe = (Classe.objects.filter(etablissement__uai=UAI, nom=nom)
                  .select_related("annee", "referentiel").order_by("-annee__debut").first())
        if classe is None:
            continue
        ajout = _session(classe, today)
        situations, statuts = situations + ajout[0], statuts + ajout[1]
    stdout.write(f"Certification : {situations} situations d'évaluation CCF, {statuts} statuts "
                 f"de candidats ajoutés.\n")
