"""The grids' demo step on the terminale "T CAV" session with the CAV referential's E31/E32/E33
situations (the planning step's, built minimally here): a signed grid for every candidate (the
commission can validate), one modulation with its reason, none for the absent or dispensed;
a rerun adds nothing."""
import io

import pytest
from django.core.management import call_command

from cpro_platform.certification import demo_grilles
from cpro_platform.certification.models import EtatGrille, GrilleCCF, StatutCandidat
from cpro_platform.referentials.models import Epreuve, Referentiel
from tests import factories as f

from . import factories as cf

pytestmark = pytest.mark.django_db


def test_demo_grids_on_the_terminale_session_and_idempotent():
    call_command("sync_referentiels", stdout=io.StringIO())
    cav = Referentiel.objects.get(code="CAV", actif=True)
    e = f.etablissement()
    classe = f.classe(e, "T CAV", referentiel=cav)
    prof = f.enseignant(e, classe)
    eleves = [f.apprenant(e, classe) for _ in range(5)]
    session = cf.session_examen(classe, prof)
    epreuves = list(Epreuve.objects.filter(referentiel=cav, mode="ccf").order_by("code"))
    assert [ep.code for ep in epreuves] == ["E31", "E32", "E33"]
    s = cf.Session(session, prof, eleves, epreuves[0], [], None)
    for epreuve in epreuves:
        cf.situation(session, epreuve, prof, eleves)
        cf.statut(cf.Session(session, prof, eleves, epreuve, [], None), eleves[0],
                  StatutCandidat.ABSENT_JUSTIFIE)
    cf.statut(s, eleves[1], StatutCandidat.DISPENSE)

    demo_grilles.build(io.StringIO())
    grilles = GrilleCCF.objects.filter(session=session)
    for epreuve in epreuves:
        par_etat = {etat: grilles.filter(epreuve=epreuve, etat=etat).count()
                    for etat in EtatGrille.values}
        attendu = 3 if epreuve.code == "E31" else 4          # absent everywhere, dispensé E31
        assert sum(par_etat.values()) == attendu
        assert par_etat[EtatGrille.BROUILLON] == 0 and par_etat[EtatGrille.SIGNEE] == attendu
    assert not grilles.filter(apprenant=eleves[0]).exists()
    assert not grilles.filter(apprenant=eleves[1], epreuve=epreuves[0]).exists()
    modulee = grilles.exclude(modulation=0).get()
    assert modulee.signee and modulee.motif and modulee.note == modulee.note_calculee + 1
    signee = grilles.filter(etat=EtatGrille.SIGNEE).first()
    assert signee.signature_professionnel == "Paul Martin" and signee.signee_par == prof
    avant = list(grilles.order_by("pk").values_list("pk", "etat", "note", "version"))
    demo_grilles.build(io.StringIO())
    assert list(grilles.order_by("pk").values_list("pk", "etat", "note", "version")) == avant
