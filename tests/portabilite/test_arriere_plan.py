"""The import with the real database queue and ``db_worker``: the upload and the confirmation
only queue; the worker previews, then commits, and the audit log names the administrator."""
import pytest
from django.test import override_settings
from django.urls import reverse

from cpro_platform.etablissements.models import Apprenant
from cpro_platform.portabilite import archive
from cpro_platform.portabilite.models import EtatImport, ImportDossier
from tests import factories as f
from tests.imports.test_execution import FILE_EN_BASE, travailleur

from .factories import apprenant_riche
from .test_pages import _deposer, _nouvel_apprenant, administrateur


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=FILE_EN_BASE)
def test_le_worker_fait_l_apercu_puis_l_import(client):
    octets = _nouvel_apprenant(archive.exporter(apprenant_riche().apprenant))
    accueil = f.etablissement("Lycée Accueil")
    admin = administrateur(accueil)
    client.force_login(admin)
    dossier = _deposer(client, accueil, octets)
    url = reverse("portabilite:dossier", args=[accueil.pk, dossier.pk])
    assert "En file d’attente" in client.get(url).content.decode()

    travailleur().run()

    dossier.refresh_from_db()
    assert dossier.etat == EtatImport.APERCU and dossier.etape == ImportDossier.ETAPES
    assert not Apprenant.objects.filter(nom="ARRIVANT").exists()
    client.post(reverse("portabilite:confirmer", args=[accueil.pk, dossier.pk]))
    assert not Apprenant.objects.filter(nom="ARRIVANT").exists()

    travailleur().run()

    dossier.refresh_from_db()
    arrivant = Apprenant.objects.get(nom="ARRIVANT")
    assert dossier.etat == EtatImport.IMPORTE and dossier.apprenant == arrivant
    # The path opened here is written by the worker, in the administrator's name.
    ici = arrivant.parcours.get(etablissement=accueil)
    assert ici.history.get().history_user == admin
    assert "Dossier importé" in client.get(url).content.decode()
