"""Demo step: activity sheets (declared, confirmed, "à revoir" with comments), the tutor's
evaluations of a placement and a signed PFMP bilan.

Placements come from ``cpro_platform.pfmp.demo.placements_demo()`` (the PFMP demo); until it
exists, ``_placement_de_secours`` makes one from the demo's running tutor Encadrement.
Idempotent: a learner who already has sheets gets none, a card already evaluated is left
alone, a bilan already signed is not signed again.
"""
import datetime

from django.db.models import F

from cpro_platform.etablissements.models import (
    Classe, Encadrement, TypeEncadrement, aujourdhui)
from cpro_platform.pfmp.coevaluation import criteres_cibles
from cpro_platform.pfmp.coevaluation_bilan import signer_bilan
from cpro_platform.pfmp.models import DocumentSigne, PeriodePFMP, StagePFMP
from cpro_platform.referentials.models import Activite, Critere
from cpro_platform.suivi.grille import Saisie, courantes, enregistrer_grille
from cpro_platform.suivi.models import Lieu, Scenario, Situation

from .fiches import competences_proposees
from .models import EtatFiche, FicheActivite

UAI = "0694321X"
CLASSE = "1 CPA"
TITRE = "PFMP 1 (démonstration des fiches)"

#: (days before today, vehicle, what was done, state, tutor's comment)
FICHES = [
    (8, "Peugeot 208, choc arrière", "Dépose du bouclier arrière et des feux, contrôle des "
        "fixations, commande des pièces avec le chef d'atelier.", EtatFiche.CONFIRMEE,
     "Bon travail, méthodique. Pense à protéger la peinture."),
    (5, "Renault Clio IV, aile avant droite", "Redressage de l'aile au marteau et au tas, "
        "contrôle au gabarit.", EtatFiche.A_REVOIR,
     "Précise les outils et les contrôles faits, ajoute une photo de l'aile avant."),
    (2, "Citroën C3, rayure portière", "Ponçage et préparation de la portière avant "
        "apprêt.", EtatFiche.DECLAREE, ""),
]


def _placements() -> list[StagePFMP]:
    try:
        from cpro_platform.pfmp.demo import placements_demo
    except ImportError:
        stage = _placement_de_secours()
        return [stage] if stage else []
    return list(placements_demo())


def _placement_de_secours() -> StagePFMP | None:
    """One placement of the demo class, on its running tutor Encadrement (if any)."""
    today = aujourdhui()
    classe = (Classe.objects.filter(etablissement__uai=UAI, nom=CLASSE)
              .select_related("referentiel").order_by("-annee__debut").first())
    if classe is None:
        return None
    existant = StagePFMP.objects.filter(periode__classe=classe, periode__titre=TITRE).first()
    if existant:
        return existant
    encadrement = (Encadrement.objects.actives(today)
                   .filter(type=TypeEncadrement.TUTEUR_STAGE, stage_pfmp__isnull=True,
                           apprenant__inscriptions__classe=classe)
                   .select_related("tuteur__entreprise", "apprenant")
                   .order_by(F("apprenant__user").asc(nulls_last=True), "pk").first())
    if encadrement is None:
        return None
    scenario, _ = Scenario.objects.get_or_create(
        classe=classe, titre="Périodes en entreprise",
        defaults={"referentiel": classe.referentiel})
    debut, fin = encadrement.debut, encadrement.fin or today + datetime.timedelta(days=14)
    situation, _ = Situation.objects.get_or_create(
        scenario=scenario, titre=TITRE, defaults={"lieu": Lieu.ENTREPRISE, "debut": debut,
                                                  "fin": fin, "niveau": classe.niveau})
    if not situation.criteres.exists():
        situation.criteres.set(Critere.objects.filter(
            competence__referentiel=classe.referentiel).order_by(
            "competence__bloc__ordre", "competence__ordre", "ordre")[:5])
    periode, _ = PeriodePFMP.objects.get_or_create(
        classe=classe, titre=TITRE, defaults={"debut": debut, "fin": fin, "semaines": 4,
                                              "situation": situation})
    return StagePFMP.objects.create(
        periode=periode, apprenant=encadrement.apprenant, tuteur=encadrement.tuteur,
        encadrement=encadrement, entreprise=encadrement.tuteur.entreprise,
        enseignant_referent=classe.enseignants.order_by("last_name").first(),
        debut=debut, fin=fin)


def _fiches(stage: StagePFMP) -> int:
    if FicheActivite.objects.filter(apprenant=stage.apprenant).exists():
        return 0
    activites = list(Activite.objects.filter(
        pole__referentiel=stage.periode.classe.referentiel).prefetch_related("competences")
        .order_by("pole__ordre", "ordre")[:6])
    auteur = stage.apprenant.user or stage.enseignant_referent
    tuteur = stage.tuteur.user if stage.tuteur else None
    today = aujourdhui()
    total = 0
    for rang, (jours, vehicule, description, etat, commentaire) in enumerate(FICHES):
        date = max(stage.debut, today - datetime.timedelta(days=jours))
        choisies = activites[rang * 2:rang * 2 + 2]
        fiche = FicheActivite.objects.create(
            apprenant=stage.apprenant, stage=stage, date=date, vehicule=vehicule,
            description=description, etat=etat, commentaire_tuteur=commentaire,
            auteur=auteur, relue_par=tuteur if etat != EtatFiche.DECLAREE else None,
            relue_le=(datetime.datetime.now(datetime.UTC) if etat != EtatFiche.DECLAREE
                      else None))
        fiche.activites.set(choisies)
        fiche.competences.set(competences_proposees(choisies))
        total += 1
    return total


def _evaluations_et_bilan(stage: StagePFMP) -> bool:
    """The tutor evaluates the first critères and signs the bilan (once)."""
    if stage.tuteur is None or stage.signatures.filter(document=DocumentSigne.BILAN).exists():
        return False
    situation = stage.periode.situation
    deja = {c for (a, c) in courantes(situation) if a == stage.apprenant_id}
    niveaux = [3, 2, 4, 3]
    saisies = [Saisie(stage.apprenant_id, c.pk, niveau=n)
               for c, n in zip(criteres_cibles(stage), niveaux) if c.pk not in deja]
    if saisies:
        enregistrer_grille(situation, stage.tuteur.user, saisies, {})
    if not stage.appreciation_tuteur:
        stage.appreciation_tuteur = ("Apprenant ponctuel et curieux, à l'écoute des "
                                     "consignes ; doit gagner en autonomie sur la finition.")
        stage.save(update_fields=["appreciation_tuteur"])
    signer_bilan(stage, stage.tuteur.user, stage.tuteur.user.get_full_name() or "Tuteur")
    return True


def build(stdout) -> list:
    fiches = signes = 0
    for stage in _placements():
        fiches += _fiches(stage)
        signes += _evaluations_et_bilan(stage)
    stdout.write(f"Fiches d'activité : {fiches} fiches ajoutées, {signes} bilan(s) de PFMP "
                 f"signé(s).\n")
    return []
