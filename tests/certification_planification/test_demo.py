"""The demo after ``load_demo``: every certificative situation targets critères of its
épreuve; T CAV's session has its E31/E32/E33 situations (one in company with a learner's
master), one learner absent on E32 and one dispensed on E33; 1 CPA's session has its planned
CCF situations; reruns add nothing."""
import io

import pytest
from django.core.management import call_command

from cpro_platform.certification.models import (
    Candidature, SessionExamen, SituationEvaluation, StatutCandidat)
from cpro_platform.certification.planification import apprenants_inscrits
from cpro_platform.etablissements.models import aujourdhui
from cpro_platform.suivi.models import Situation, TypeSituation

pytestmark = pytest.mark.django_db


def _comptes():
    return (SessionExamen.objects.count(), SituationEvaluation.objects.count(),
            Candidature.objects.count(), Situation.objects.count())


def test_demo_certification_planning_and_certificative_rule():
    call_command("sync_referentiels", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    certificatives = Situation.objects.filter(type=TypeSituation.CERTIFICATIVE)
    assert certificatives.count() >= 2
    for situation in certificatives.prefetch_related("criteres"):
        criteres = list(situation.criteres.all())
        assert criteres, situation
        assert situation.criteres_hors_epreuve(criteres) == "", situation

    tcav = SessionExamen.objects.get(classe__nom="T CAV")
    assert tcav.annee == tcav.classe.annee.fin.year
    situations = {s.epreuve.code: s for s in tcav.situations.select_related("epreuve")}
    assert sorted(situations) == ["E31", "E32", "E33"]
    inscrits = set(apprenants_inscrits(tcav.classe))
    for situation in situations.values():
        assert set(situation.apprenants.all()) == inscrits
        assert situation.debut < aujourdhui()
    en_entreprise = [s for s in situations.values() if s.lieu == "entreprise"]
    assert len(en_entreprise) == 1 and en_entreprise[0].professionnel is not None
    assert en_entreprise[0].professionnel.encadrements.filter(
        apprenant__in=inscrits).exists()
    statuts = {(c.epreuve.code, c.statut) for c in tcav.candidatures.all()}
    assert statuts == {("E32", StatutCandidat.ABSENT_JUSTIFIE),
                       ("E33", StatutCandidat.DISPENSE)}
    assert tcav.candidatures.values("apprenant").distinct().count() == 2
    # the grids and commission steps together: a commission the DDFPT can validate at once
    from cpro_platform.certification import commission as services
    assert not tcav.commission.validee
    assert services.motifs_de_refus(services.tableau_de(tcav, tcav.commission)) == []

    cpa = SessionExamen.objects.get(classe__nom="1 CPA")
    assert cpa.annee == cpa.classe.annee.fin.year + 1
    planifiees = cpa.situations.select_related("epreuve")
    assert sorted(s.epreuve.code for s in planifiees) == ["E31", "E32", "E33"]
    assert all(s.debut > aujourdhui() for s in planifiees)

    comptes = _comptes()
    call_command("load_demo", stdout=io.StringIO())
    assert _comptes() == comptes
