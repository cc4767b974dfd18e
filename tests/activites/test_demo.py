"""The sheets' demo step: a placement with sheets declared, confirmed and "à revoir" (with
comments), the tutor's evaluations and a signed bilan that is current; reruns add nothing."""
import io

import pytest
from django.core.management import call_command

from cpro_platform.activites.models import EtatFiche, FicheActivite
from cpro_platform.pfmp.coevaluation_bilan import contenu_bilan
from cpro_platform.pfmp.models import DocumentSigne, SignaturePFMP

pytestmark = pytest.mark.django_db


def _comptes():
    return FicheActivite.objects.count(), SignaturePFMP.objects.count()


def test_demo_adds_sheets_evaluations_and_a_signed_bilan_once():
    call_command("sync_referentiels", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    etats = set(FicheActivite.objects.values_list("etat", flat=True))
    assert etats == {EtatFiche.DECLAREE, EtatFiche.CONFIRMEE, EtatFiche.A_REVOIR}
    assert FicheActivite.objects.filter(etat=EtatFiche.A_REVOIR).exclude(
        commentaire_tuteur="").exists()
    assert FicheActivite.objects.filter(activites__isnull=False).exists()
    signature = SignaturePFMP.objects.get(document=DocumentSigne.BILAN)
    assert signature.porte_sur(contenu_bilan(signature.stage))
    assert any(e["valeur"] for e in contenu_bilan(signature.stage)["evaluations"])
    avant = _comptes()
    call_command("load_demo", stdout=io.StringIO())
    assert _comptes() == avant
