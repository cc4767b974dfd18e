"""Demo step: activity sheets (declared, confirmed, "à revoir" with comments), the tutor's
evaluations of a placement and a signed PFMP bilan.

Placements come from ``cpro_platform.pfmp.demo.placements_demo()`` (the PFMP demo): the
running ones of the first learners; the first of them gets the tutor's evaluations and bilan.
Idempotent: a learner who already has sheets gets none, a card already evaluated is left
alone, a bilan already signed is not signed again.
"""
import datetime

from django.db.models import F

from cpro_platform.etablissements.models import aujourdhui
from cpro_platform.pfmp.coevaluation import criteres_cibles
from cpro_platform.pfmp.coevaluation_bilan import signer_bilan
from cpro_platform.pfmp.demo import placements_demo
from cpro_platform.pfmp.models import DocumentSigne, StagePFMP
from cpro_platform.referentials.models import Activite
from cpro_platform.suivi.grille import Saisie, courantes, enregistrer_grille

from .fiches import competences_proposees
from .models import EtatFiche, FicheActivite

#: How many running placements get sheets.
AVEC_FICHES = 3

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
    """The PFMP demo's placements running today, learners with an account first (so the demo
    learner finds their sheets): the sheets go on the first ``AVEC_FICHES``."""
    today = aujourdhui()
    return list(placements_demo().filter(debut__lte=today, fin__gte=today)
                .select_related("apprenant__user", "tuteur__user", "periode__situation",
                                "periode__classe__referentiel", "enseignant_referent")
                .order_by(F("apprenant__user").asc(nulls_last=True), "pk")[:AVEC_FICHES])


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
    for rang, stage in enumerate(_placements()):
        fiches += _fiches(stage)
        if rang == 0:
            signes += _evaluations_et_bilan(stage)
    stdout.write(f"Fiches d'activité : {fiches} fiches ajoutées, {signes} bilan(s) de PFMP "
                 f"signé(s).\n")
    return []
