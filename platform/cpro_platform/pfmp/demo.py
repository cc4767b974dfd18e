"""Demo step: PFMP periods for the demo classes, a placement for each pupil, visits, one
attestation signed by both parties, one pupil short of weeks.

* 1 CPA: "PFMP 1" (four weeks, over) and "PFMP 2" (running: the dates of the tutors' links
  the establishment demo made, which become the placements' links); "PFMP 3" planned later;
* T CAV: "PFMP 1" (over) for its pupils (its apprentices are in the company anyway).

Idempotent: periods are looked up by class and title, placements by period and learner,
visits and signatures added once. Dates are relative to today, like the establishment demo.
"""
import datetime

from django.db.models import QuerySet

from cpro_platform.etablissements.models import (
    Classe, Encadrement, Enseignement, Statut, Tuteur, TypeEncadrement, aujourdhui)
from cpro_platform.referentials.models import Critere
from cpro_platform.signatures import empreinte

from .cloture import fin_d_acces
from .documents import contenu_attestation
from .models import (
    DocumentSigne, PeriodePFMP, QualiteSignataire, SignaturePFMP, StagePFMP, TypeVisite,
    Visite)
from .periodes import enregistrer_periode
from .stages import DonneesStage, enregistrer_attestation, enregistrer_stage

UAI = "0694321X"
#: class → [(title, first day, last day) relative to today]; the running CPA period has the
#: dates of the establishment demo's tutor links (today − 10 → today + 18).
PERIODES = {
    "1 CPA": [("PFMP 1", -70, -43), ("PFMP 2", -10, 18), ("PFMP 3", 120, 147)],
    "T CAV": [("PFMP 1", -60, -33)],
}
#: Company index (in the establishment demo's order) of each class's tutors.
TUTEURS = {"1 CPA": (0, 1, 2), "T CAV": (2, 4)}
CRITERES_PAR_PERIODE = 6
#: The pupil of 1 CPA who missed days of PFMP 1 (short of the weeks due by now).
ABSENCES = 8


def _jour(n: int) -> datetime.date:
    return aujourdhui() + datetime.timedelta(days=n)


def _classes() -> QuerySet[Classe]:
    return Classe.objects.filter(etablissement__uai=UAI, nom__in=PERIODES).select_related(
        "referentiel", "etablissement")


def placements_demo() -> QuerySet[StagePFMP]:
    """The demo's placements (the activity sheets' and tutors' demo build on them)."""
    return StagePFMP.objects.filter(periode__classe__in=_classes())


def _tuteurs(classe) -> list[Tuteur]:
    tous = list(Tuteur.objects.filter(entreprise__etablissement=classe.etablissement)
                .select_related("entreprise", "user").order_by("entreprise__siret"))
    return [tous[i] for i in TUTEURS[classe.nom] if i < len(tous)]


def _criteres(classe, rang: int) -> list[Critere]:
    criteres = list(Critere.objects.filter(competence__referentiel=classe.referentiel)
                    .order_by("competence__ordre", "ordre"))
    debut = (rang * CRITERES_PAR_PERIODE) % max(len(criteres), 1)
    return criteres[debut:debut + CRITERES_PAR_PERIODE]


def _periode(classe, rang: int, titre: str, debut: int, fin: int, auteur) -> PeriodePFMP:
    existante = PeriodePFMP.objects.filter(classe=classe, titre=titre).first()
    return existante or enregistrer_periode(
        classe, titre=titre, debut=_jour(debut), fin=_jour(fin),
        criteres=_criteres(classe, rang), auteur=auteur)


def _tuteur_libre(apprenant, tuteurs: list[Tuteur]) -> Tuteur:
    """The first tutor with no tutoring link to ``apprenant`` yet: the establishment demo
    looks its links up by (tutor, learner), so a second one for the same pair would break
    its reruns."""
    pris = set(Encadrement.objects.filter(apprenant=apprenant,
                                          type=TypeEncadrement.TUTEUR_STAGE)
               .values_list("tuteur_id", flat=True))
    return next((t for t in tuteurs if t.pk not in pris), tuteurs[0])


def _placer(periode, apprenant, tuteurs: list[Tuteur], enseignant) -> StagePFMP:
    stage = StagePFMP.objects.filter(periode=periode, apprenant=apprenant).first()
    if stage:
        return stage
    # A tutor link the establishment demo already made for these dates becomes this
    # placement's (instead of a second one).
    lien = Encadrement.objects.filter(
        tuteur__entreprise__etablissement=periode.classe.etablissement, apprenant=apprenant,
        type=TypeEncadrement.TUTEUR_STAGE, debut=periode.debut, fin=periode.fin,
        stage_pfmp__isnull=True).select_related("tuteur").first()
    if lien:
        tuteur = lien.tuteur
    else:
        tuteur = _tuteur_libre(apprenant, tuteurs)
    stage = enregistrer_stage(periode, apprenant, DonneesStage(
        entreprise=tuteur.entreprise, tuteur=None if lien else tuteur,
        enseignant_referent=enseignant, debut=periode.debut, fin=periode.fin,
        horaires="Lundi–vendredi, 8 h–12 h, 13 h 30–16 h 30", heures_hebdo=35))
    if lien:
        lien.fin = fin_d_acces(stage.fin)  # the closing delay, as the service gives it
        lien.save(update_fields=["fin"])
        stage.tuteur, stage.encadrement = tuteur, lien
        stage.save(update_fields=["tuteur", "encadrement"])
    return stage


def _terminer(stage, enseignant, *, absences: int = 0) -> None:
    if stage.activites_realisees:
        return
    enregistrer_attestation(
        stage, jours_absence=absences,
        absences_detail="Absences justifiées (certificat médical)." if absences else "",
        activites_realisees="Réception de véhicules, dépose et repose d'éléments, "
                            "préparation des surfaces avant peinture.",
        appreciation_tuteur="Apprenant ponctuel et impliqué, à l'écoute des consignes.")


def _signer(stage, enseignant) -> None:
    if stage.signatures.filter(document=DocumentSigne.ATTESTATION).exists():
        return
    cle = empreinte(contenu_attestation(stage))
    signe_le = datetime.datetime.combine(stage.fin, datetime.time(17, 0),
                                         tzinfo=datetime.timezone.utc)
    tuteur = stage.tuteur.user
    for qualite, user in ((QualiteSignataire.TUTEUR, tuteur),
                          (QualiteSignataire.ENSEIGNANT, enseignant)):
        SignaturePFMP.objects.create(
            stage=stage, document=DocumentSigne.ATTESTATION, qualite=qualite,
            signataire=user, nom=user.get_full_name() or user.get_username(),
            empreinte=cle, signe_le=signe_le)


def _visites(stage, enseignant) -> None:
    if stage.visites.exists():
        return
    Visite.objects.create(stage=stage, type=TypeVisite.VISITE, date=stage.debut + datetime.
                          timedelta(days=2), avec=stage.tuteur.user.get_full_name(),
                          notes="Accueil correct, poste de travail présenté ; l'élève "
                                "observe puis participe aux déposes.", auteur=enseignant)
    Visite.objects.create(stage=stage, type=TypeVisite.MI_PARCOURS,
                          date=min(aujourdhui(), stage.debut + datetime.timedelta(days=9)),
                          avec=stage.tuteur.user.get_full_name(),
                          notes="Bilan de mi-période : progrès sur la préparation des "
                                "surfaces ; à travailler : l'organisation du poste.",
                          auteur=enseignant)


def build(stdout) -> list:
    for classe in _classes():
        enseignant = (Enseignement.objects.filter(classe=classe).select_related("enseignant")
                      .order_by("enseignant__username").first())
        enseignant = enseignant.enseignant if enseignant else None
        tuteurs = _tuteurs(classe)
        if enseignant is None or not tuteurs:
            continue
        aujourd_hui = aujourdhui()
        eleves = [i.apprenant for i in classe.inscriptions.select_related("apprenant")
                  .order_by("apprenant__nom")
                  if (p := i.apprenant.parcours_au(aujourd_hui)) and p.statut == Statut.SCOLAIRE]
        for rang, (titre, debut, fin) in enumerate(PERIODES[classe.nom]):
            periode = _periode(classe, rang, titre, debut, fin, enseignant)
            if periode.debut > aujourd_hui:
                continue  # planned: placements come later
            for n, eleve in enumerate(eleves):
                rotation = tuteurs[n % len(tuteurs):] + tuteurs[:n % len(tuteurs)]
                stage = _placer(periode, eleve, rotation, enseignant)
                if periode.fin < aujourd_hui:
                    _terminer(stage, enseignant,
                              absences=ABSENCES if (rang, n) == (0, 1) else 0)
        premiers = placements_demo().filter(periode__classe=classe).order_by(
            "periode__debut", "apprenant__nom")
        passe = premiers.filter(fin__lt=aujourd_hui).first()
        if passe:
            _signer(passe, enseignant)
        en_cours = premiers.filter(debut__lte=aujourd_hui, fin__gte=aujourd_hui).first()
        if en_cours:
            _visites(en_cours, enseignant)
        stdout.write(f"PFMP {classe.nom}: {premiers.count()} placements.\n")
    return []
