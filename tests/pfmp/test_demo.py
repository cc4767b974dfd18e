"""The PFMP demo step: periods with tutors for the demo classes, a placement per pupil, a visit
and a mid-period review, one attestation signed by both parties, one pupil short of weeks;
``placements_demo()`` gives the placements; reruns add nothing."""
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from cpro_platform.pfmp.cloture import fin_d_acces
from cpro_platform.pfmp.attestation import etat_des_signatures
from cpro_platform.pfmp.demo import PERIODES, UAI, placements_demo
from cpro_platform.pfmp.models import PeriodePFMP, SignaturePFMP, StagePFMP, TypeVisite, Visite
from cpro_platform.pfmp.tableau import tableau_classe

pytestmark = pytest.mark.django_db


def _comptes():
    return (PeriodePFMP.objects.count(), StagePFMP.objects.count(), Visite.objects.count(),
            SignaturePFMP.objects.count())


def test_demo_builds_the_pfmp_and_is_idempotent(client):
    call_command("sync_referentiels", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    stages = placements_demo()
    assert stages.exists() and stages.count() == StagePFMP.objects.count()
    for classe_nom, periodes in PERIODES.items():
        assert PeriodePFMP.objects.filter(classe__nom=classe_nom,
                                          classe__etablissement__uai=UAI).count() == len(periodes)
    # Every placement's tutor reaches the learner through the placement's own link.
    for stage in stages.select_related("encadrement"):
        assert stage.tuteur_id and stage.encadrement.tuteur_id == stage.tuteur_id
        assert (stage.encadrement.debut, stage.encadrement.fin) == (
            stage.debut, fin_d_acces(stage.fin))
    assert Visite.objects.filter(type=TypeVisite.VISITE).exists()
    assert Visite.objects.filter(type=TypeVisite.MI_PARCOURS).exists()
    signe = SignaturePFMP.objects.first().stage
    assert [e.a_jour for e in etat_des_signatures(signe)] == [True, True]
    classe = signe.periode.classe
    _periodes, lignes = tableau_classe(classe)
    assert sum(1 for ligne in lignes if ligne.cumul.retard) >= 1
    # The running placement's tutor sees it from their magic-link session.
    courant = stages.filter(periode__titre="PFMP 2").select_related("tuteur__user").first()
    client.force_login(courant.tuteur.user)
    assert client.get(reverse("pfmp:stage", args=[courant.pk])).status_code == 200
    avant = _comptes()
    call_command("load_demo", stdout=io.StringIO())
    assert _comptes() == avant
