"""The bilans' demo step: each demo class has two validated bilans and a draft, marks with one
modulation, one attestation, compétences "non évaluées" at the first period where nothing was
known yet; the first class has period marks on its validated campaigns, one modulated; reruns
add nothing."""
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from cpro_platform.bilans.models import (
    Attestation, Bilan, Campagne, EtatBilan, NiveauBilan, Note, NoteDePeriode)
from cpro_platform.bilans.periodes import bilans_de_la_periode, lire_periodes
from cpro_platform.etablissements.models import Classe
from cpro_platform.livret.demo import PROGRAMMES, UAI

pytestmark = pytest.mark.django_db


def _comptes():
    return (Campagne.objects.count(), Bilan.objects.count(), Note.objects.count(),
            Bilan.objects.filter(etat=EtatBilan.VALIDE).count(), Attestation.objects.count(),
            NoteDePeriode.objects.count())


def test_demo_adds_bilans_and_marks_and_is_idempotent(client):
    call_command("sync_referentiels", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    classes = Classe.objects.filter(etablissement__uai=UAI, nom__in=PROGRAMMES)
    assert classes.count() == len(PROGRAMMES)
    for classe in classes:
        bilans = Bilan.objects.filter(campagne__classe=classe)
        assert bilans.filter(etat=EtatBilan.VALIDE).count() >= 2, classe
        assert bilans.filter(etat=EtatBilan.BROUILLON).count() == 1, classe
        notes = Note.objects.filter(bilan__campagne__classe=classe)
        assert notes.filter(courante=True).exists(), classe
        modulees = notes.filter(courante=True).exclude(modulation=0)
        assert modulees.count() == 1 and modulees.get().motif, classe
        # One attestation, issued from a validated bilan, its content frozen.
        attestation = Attestation.objects.get(bilan__campagne__classe=classe)
        assert attestation.bilan.valide and attestation.contenu
        # Mid-cycle, the compétences without evidence at the date are "non évaluées"; the
        # second period has a level everywhere.
        premiere = NiveauBilan.objects.filter(bilan__campagne__classe=classe,
                                              bilan__campagne__titre="Bilan de 1re période")
        non_evaluees = premiere.filter(origine="non_evalue")
        assert non_evaluees.exists() and premiere.filter(niveau__isnull=False).exists(), classe
        assert not non_evaluees.filter(niveau_propose__isnull=False).exists(), classe
        assert not NiveauBilan.objects.filter(bilan__campagne__classe=classe,
                                              bilan__etat=EtatBilan.VALIDE,
                                              bilan__campagne__titre="Bilan de 2e période",
                                              niveau__isnull=True).exists(), classe
    # The first class: a period mark, up to date, for every validated bilan of each campaign.
    premiere = classes.get(nom=next(iter(PROGRAMMES)))
    for campagne in premiere.campagnes_bilan.all():
        etats = lire_periodes(bilans_de_la_periode(campagne)).values()
        assert etats and all(e.courante and e.a_jour for e in etats), campagne
    periode = NoteDePeriode.objects.filter(courante=True).exclude(modulation=0).get()
    assert periode.motif and periode.bilan.campagne.classe == premiere
    assert not NoteDePeriode.objects.exclude(bilan__campagne__classe=premiere).exists()
    comptes = _comptes()
    call_command("load_demo", stdout=io.StringIO())
    assert _comptes() == comptes

    note = Note.objects.filter(courante=True).exclude(modulation=0).first()
    enseignant = note.bilan.campagne.classe.enseignants.first()
    client.force_login(enseignant)
    body = client.get(reverse("bilans:note", args=[note.bilan.apprenant_id,
                                                   note.epreuve_id])).content.decode()
    assert "Pourquoi cette note" in body and note.motif in body
