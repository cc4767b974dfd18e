"""Demo step: for each demo class, two bilan campaigns — the first validated for everyone, the
second validated but for one learner (a draft) — and marks from the last validated bilans,
one of them modulated; the first class's team also asked for the period marks of both
campaigns (one modulated).

Idempotent: a campaign is looked up by class and title, a bilan already validated is left
alone, a mark is computed only where none is current, and one modulation per class at most.
Compétences without evidence at the first campaign's date are marked "non évaluée à cette
date" (mid-cycle, as a teacher would); at the second, the levels the rules could not propose
are filled deterministically.
"""
import datetime
import zlib
from decimal import Decimal

from django.core.exceptions import ValidationError

from cpro_platform.etablissements.models import Classe, aujourdhui
from cpro_platform.livret.demo import PROGRAMMES, UAI
from cpro_platform.referentials.models import Epreuve

from . import notes, periodes
from .campagnes import ouvrir_campagne
from .lecture import dernier_bilan_valide
from .attestations import AttestationImpossible, delivrer
from .models import Attestation, Bilan, Campagne, EtatBilan, Note, NoteDePeriode
from .validation import decider, valider

CAMPAGNES = [("Bilan de 1re période", 45), ("Bilan de 2e période", 0)]
ELEVES_NOTES = 3


def _campagne(classe: Classe, titre: str, date: datetime.date, auteur) -> Campagne | None:
    existante = Campagne.objects.filter(classe=classe, titre=titre).first()
    if existante:
        return existante
    try:
        return ouvrir_campagne(classe, titre=titre, date=date, auteur=auteur)[0]
    except ValidationError:   # nobody enrolled yet at that date
        return None


def _completer_et_valider(campagne: Campagne, auteur, *, garder_un_brouillon: bool,
                          non_evaluees: bool) -> int:
    """Decide the undecided lines — "non évaluée" (``non_evaluees``) or a level — and
    validate."""
    brouillons = list(campagne.bilans.filter(etat=EtatBilan.BROUILLON)
                      .order_by("apprenant__nom", "apprenant__prenom"))
    if garder_un_brouillon and campagne.bilans.count() > 1:
        brouillons = brouillons[:-1]
    for bilan in brouillons:
        for ligne in bilan.niveaux.filter(niveau__isnull=True):
            niveau = 1 + zlib.crc32(f"{bilan.apprenant_id}|{ligne.competence_id}"
                                    .encode()) % 3
            decider(ligne, None if non_evaluees else niveau, non_evaluees)
            ligne.save()
        bilan.appreciation = bilan.appreciation or (
            "Période sérieuse ; les compétences de préparation progressent, la finition "
            "reste à consolider en atelier.")
        bilan.save()
        valider(bilan, auteur)
    return len(brouillons)


def _notes(classe: Classe, auteur) -> int:
    epreuves = list(Epreuve.objects.filter(referentiel=classe.referentiel, parent__isnull=True,
                                           competences__isnull=False).distinct()
                    .order_by("ordre"))
    total = 0
    for inscription in classe.inscriptions.select_related("apprenant").order_by(
            "apprenant__nom")[:ELEVES_NOTES]:
        bilan = dernier_bilan_valide(inscription.apprenant)
        if bilan is None:
            continue
        courantes = notes.notes_courantes(bilan)
        for epreuve in epreuves:
            if epreuve.pk in courantes:
                continue
            try:
                notes.calculer(bilan, epreuve, auteur)
                total += 1
            except ValidationError:
                continue
    premiere = (Note.objects.filter(bilan__campagne__classe=classe, courante=True)
                .order_by("pk").first())
    if premiere and not Note.objects.filter(bilan__campagne__classe=classe).exclude(
            modulation=0).exists():
        modulation = Decimal("1") if premiere.note_calculee <= 19 else Decimal("-1")
        notes.moduler(premiere, modulation, "Implication remarquable pendant la PFMP, "
                      "attestée par le tuteur.", auteur)
    return total


def _notes_de_periode(classe: Classe, auteur) -> int:
    """The period marks of the class's campaigns (only the missing or outdated ones), and one
    modulation, once."""
    total = 0
    for campagne in classe.campagnes_bilan.order_by("date", "pk"):
        try:
            total += len(periodes.calculer_campagne(campagne, auteur).calculees)
        except ValidationError:   # no validated bilan in it
            continue
    courantes = NoteDePeriode.objects.filter(bilan__campagne__classe=classe, courante=True)
    premiere = courantes.order_by("pk").first()
    if premiere and not courantes.exclude(modulation=0).exists():
        notes.moduler(premiere, Decimal("0.5") if premiere.note_calculee <= 19 else
                      Decimal("-0.5"), "Progrès nets sur la période, constatés en atelier et "
                      "en PFMP.", auteur)
    return total


def _attestation(classe: Classe, auteur) -> int:
    """One attestation per demo class (a learner leaving mid-cycle), once."""
    if Attestation.objects.filter(bilan__campagne__classe=classe).exists():
        return 0
    for bilan in (Bilan.objects.en_vigueur().filter(campagne__classe=classe)
                  .select_related("apprenant").order_by("apprenant__nom", "apprenant__prenom")):
        try:
            delivrer(bilan.apprenant, auteur, "depart")
        except AttestationImpossible:
            continue
        return 1
    return 0


def build(stdout) -> list:
    today = aujourdhui()
    valides = calculees = de_periode = attestations = 0
    for rang_classe, nom in enumerate(PROGRAMMES):
        classe = (Classe.objects.filter(etablissement__uai=UAI, nom=nom)
                  .select_related("annee", "referentiel").order_by("-annee__debut").first())
        if classe is None:
            continue
        enseignant = classe.enseignants.order_by("last_name").first()
        for rang, (titre, jours) in enumerate(CAMPAGNES):
            date = max(today - datetime.timedelta(days=jours), classe.annee.debut)
            campagne = _campagne(classe, titre, date, enseignant)
            if campagne is not None:
                valides += _completer_et_valider(campagne, enseignant,
                                                 garder_un_brouillon=rang == 1,
                                                 non_evaluees=rang == 0)
        calculees += _notes(classe, enseignant)
        if rang_classe == 0:
            de_periode += _notes_de_periode(classe, enseignant)
        attestations += _attestation(classe, enseignant)
    stdout.write(f"Bilans : {valides} bilans validés, {calculees} notes calculées, "
                 f"{de_periode} notes de période, {attestations} attestation(s) délivrée(s).\n")
    return []
