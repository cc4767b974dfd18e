"""Demo step: three months of situations and evaluations for the demo classes, so a livret
opened after ``make run`` is full; a few positionnements.

Idempotent: situations are looked up by scenario and title, a situation already evaluated is
left alone, and positionnements are added only to learners who have none. Levels are
deterministic (a learner's base level, slow progress, the odd absence) so reruns agree.
"""
import datetime
import zlib

from cpro_platform.etablissements.models import (
    Classe, Encadrement, Inscription, aujourdhui)
from cpro_platform.referentials.models import Critere
from cpro_platform.suivi.grille import Saisie, courantes, enregistrer_grille
from cpro_platform.suivi.models import Etat, Lieu, Scenario, Situation, TypeSituation

from .models import Positionnement
from .positionner import positionner, suggestion_pour

UAI = "0694321X"
F, C = TypeSituation.FORMATIVE, TypeSituation.CERTIFICATIVE
CENTRE, ENTREPRISE = Lieu.CENTRE, Lieu.ENTREPRISE

#: class name → (scenario title, [(title, day, lieu, type)]); day 90 is today, so that the
#: company situations fall in the running PFMP whatever the day the demo is loaded.
PROGRAMMES = {
    "1 CPA": ("Parcours carrosserie — 1re année", [
        ("Dépose et repose d'un élément amovible", 10, CENTRE, F),
        ("Diagnostic des dommages et préparation du devis", 17, CENTRE, F),
        ("Redressage d'une aile avant", 24, CENTRE, F),
        ("Préparation des surfaces avant peinture", 38, CENTRE, F),
        ("Application d'un apprêt garnissant", 45, CENTRE, F),
        ("Remplacement d'un élément soudé", 59, CENTRE, C),
        ("Contrôle des soubassements au marbre", 66, CENTRE, F),
        ("PFMP — réception d'un véhicule client", 80, ENTREPRISE, F),
        ("PFMP — travaux de carrosserie en atelier", 84, ENTREPRISE, F),
        ("Mise en teinte et application de la base", 100, CENTRE, F),
        ("Finition et contrôle qualité avant restitution", 115, CENTRE, F),
    ]),
    "T CAV": ("Parcours aménagement — terminale", [
        ("Lecture de plans d'aménagement", 9, CENTRE, F),
        ("Découpe et pliage de tôles", 16, CENTRE, F),
        ("Assemblage par rivetage et collage structural", 30, CENTRE, F),
        ("Alternance — pose d'un plancher bois", 37, ENTREPRISE, F),
        ("Câblage électrique d'un aménagement", 51, CENTRE, F),
        ("Alternance — fabrication d'un habillage intérieur", 58, ENTREPRISE, F),
        ("Montage d'un hayon élévateur", 72, CENTRE, C),
        ("Contrôle de conformité avant livraison", 79, CENTRE, F),
        ("Alternance — aménagement d'un véhicule utilitaire", 86, ENTREPRISE, F),
        ("Réalisation d'un caisson isotherme", 110, CENTRE, F),
    ]),
}
CRITERES_PAR_SITUATION = 7
AUJOURDHUI = 90


def _hash(*parts) -> int:
    return zlib.crc32("|".join(str(p) for p in parts).encode())


def niveau_demo(apprenant_id: int, critere_id: int, rang: int) -> str:
    """A plausible code: each learner has a base level, progresses slowly, is sometimes
    absent."""
    if _hash("abs", apprenant_id, rang) % 29 == 0:
        return "ABS"
    base = 1 + _hash("base", apprenant_id) % 3
    bruit = _hash(apprenant_id, critere_id, rang) % 3 - 1
    return str(max(1, min(4, base + rang // 4 + bruit)))


def _saisie(apprenant_id: int, critere_id: int, code: str) -> Saisie:
    if code == "ABS":
        return Saisie(apprenant_id, critere_id, etat=Etat.ABSENT)
    return Saisie(apprenant_id, critere_id, niveau=int(code))


def _situations(classe: Classe, titre: str, programme, today) -> list[Situation]:
    scenario, _ = Scenario.objects.get_or_create(
        classe=classe, titre=titre, defaults={"referentiel": classe.referentiel,
                                              "description": "Scénario de démonstration."})
    criteres = list(Critere.objects.filter(competence__referentiel=classe.referentiel)
                    .order_by("competence__bloc__ordre", "competence__ordre", "ordre"))
    epreuve = (classe.referentiel.epreuves.filter(mode="ccf").order_by("ordre").first()
               or classe.referentiel.epreuves.order_by("ordre").first())
    enseignants = list(classe.enseignants.all())
    out = []
    # The last fifth of the critères stays untouched: the class view shows the coverage gap.
    couverts = criteres[: max(1, len(criteres) * 4 // 5)]
    # A certificative situation targets only critères of its épreuve's compétences.
    evaluees = set(epreuve.competences_evaluees().values_list("pk", flat=True)) if epreuve \
        else set()
    certificatifs = [c for c in criteres if c.competence_id in evaluees] or couverts
    for rang, (titre_s, jours, lieu, type_) in enumerate(programme):
        situation, created = Situation.objects.get_or_create(
            scenario=scenario, titre=titre_s, defaults={
                "ordre": rang + 1, "niveau": classe.niveau, "lieu": lieu, "type": type_,
                "epreuve": epreuve if type_ == C else None,
                "debut": today + datetime.timedelta(days=jours - AUJOURDHUI)})
        if created:
            cibles = certificatifs if type_ == C else couverts
            debut = rang * 3 % len(cibles)
            situation.criteres.set([cibles[(debut + i) % len(cibles)]
                                    for i in range(CRITERES_PAR_SITUATION)])
            situation.enseignants.set(enseignants)
        out.append(situation)
    return out


def _evaluer(situation: Situation, rang: int, classe: Classe, today) -> int:
    """Fill a past situation's grid once: teachers in school, tutors and masters in company."""
    if situation.debut > today or courantes(situation):
        return 0
    inscrits = list(Inscription.objects.actives(today).filter(classe=classe)
                    .values_list("apprenant_id", flat=True))
    criteres = list(situation.criteres.values_list("pk", flat=True))
    if situation.lieu == Lieu.ENTREPRISE:
        auteurs = {}
        for e in Encadrement.objects.actives(today).filter(apprenant_id__in=inscrits)\
                .select_related("tuteur__user"):
            auteurs.setdefault(e.tuteur.user, []).append(e.apprenant_id)
    else:
        auteurs = {classe.enseignants.order_by("last_name").first(): inscrits}
    total = 0
    for auteur, apprenants in auteurs.items():
        saisies = [_saisie(a, c, niveau_demo(a, c, rang)) for a in apprenants for c in criteres]
        total += len(enregistrer_grille(situation, auteur, saisies, {}).enregistrees)
    return total


def _positionnements(classe: Classe, today) -> int:
    """The first three learners placed on the first compétences, one override explained."""
    enseignant = classe.enseignants.order_by("last_name").first()
    competences = list(classe.referentiel.competences.order_by("bloc__ordre", "ordre")[:4])
    total = 0
    for inscription in (Inscription.objects.filter(classe=classe)
                        .select_related("apprenant").order_by("apprenant__nom")[:3]):
        apprenant = inscription.apprenant
        if Positionnement.objects.filter(apprenant=apprenant).exists():
            continue
        for k, competence in enumerate(competences):
            suggestion = suggestion_pour(apprenant, competence)
            if suggestion.niveau is None:
                continue
            niveau, commentaire = suggestion.niveau, ""
            if k == 1 and suggestion.niveau > 1:
                niveau = suggestion.niveau - 1
                commentaire = ("Résultats encore irréguliers en atelier : à confirmer lors "
                               "de la prochaine situation.")
            positionner(apprenant, competence, niveau=niveau, auteur=enseignant, date=today,
                        commentaire=commentaire, suggestion=suggestion)
            total += 1
    return total


def build(stdout) -> list:
    today = aujourdhui()
    evaluations = positionnements = 0
    for nom, (titre, programme) in PROGRAMMES.items():
        classe = (Classe.objects.filter(etablissement__uai=UAI, nom=nom)
                  .select_related("annee", "referentiel").order_by("-annee__debut").first())
        if classe is None:
            continue
        for rang, situation in enumerate(_situations(classe, titre, programme, today)):
            evaluations += _evaluer(situation, rang, classe, today)
        positionnements += _positionnements(classe, today)
    stdout.write(f"Livret : {evaluations} évaluations, {positionnements} positionnements "
                 f"ajoutés.\n")
    return []
