"""The commission's demo step: on the terminale "T CAV" session (whose situations and signed
grids the planning and grids steps create — built here with factories), a commission ready to
validate, not validated, with one adjustment; running it again adds nothing."""
import io

import pytest

from cpro_platform.certification import commission as services
from cpro_platform.certification import demo_commission
from cpro_platform.certification.models import AjustementCommission, Commission, StatutCandidat
from cpro_platform.etablissements.models import Etablissement
from cpro_platform.livret.demo import UAI

from . import factories as cf

pytestmark = pytest.mark.django_db


def _demo_cav():
    s = cf.session(noms=["ARNAUD", "BERNARD", "COLIN", "DUBOIS"])
    Etablissement.objects.filter(pk=s.classe.etablissement_id).update(uai=UAI)
    s.classe.__class__.objects.filter(pk=s.classe.pk).update(nom=demo_commission.CLASSE)
    cf.candidature(s, s.apprenants[2], "E32", StatutCandidat.ABSENT_JUSTIFIE)
    cf.candidature(s, s.apprenants[3], "E33", StatutCandidat.DISPENSE)
    cf.tout_signer(s)
    return s


def test_without_a_session_the_step_does_nothing():
    sortie = io.StringIO()
    demo_commission.build(sortie)
    assert "rien à préparer" in sortie.getvalue() and not Commission.objects.exists()


def test_the_demo_commission_is_ready_to_validate_with_one_adjustment_and_idempotent():
    s = _demo_cav()
    sortie = io.StringIO()
    demo_commission.build(sortie)
    c = Commission.objects.get(session=s.session)
    assert not c.validee and c.date and c.lieu
    assert set(c.membres.all()) == {s.enseignant, s.ddfpt, s.inspecteur}
    ajustement = AjustementCommission.objects.get(commission=c)
    assert ajustement.courant and ajustement.motif and ajustement.par == s.ddfpt
    assert ajustement.note_apres == ajustement.note_avant + 1
    assert services.motifs_de_refus(services.tableau_de(s.session, c)) == []
    assert "prête à valider" in sortie.getvalue()

    demo_commission.build(io.StringIO())
    assert Commission.objects.count() == 1 and AjustementCommission.objects.count() == 1
    # And it validates.
    assert services.valider(c, s.ddfpt).validee
