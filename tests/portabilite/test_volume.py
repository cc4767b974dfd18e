"""A learner with 2,000 evaluation versions: the import's commit stays a short transaction
(its query count does not grow with the rows), and the figures of ``docs/parcours_archive.md``
come from here (``-s`` prints them)."""
import io
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Apprenant
from cpro_platform.portabilite import archive
from cpro_platform.portabilite.importation import importer
from cpro_platform.referentials.models import Critere
from cpro_platform.suivi.models import Etat, Evaluation
from tests import factories as f
from tests.suivi import factories as sf

from .factories import apprenant_riche, referentiel

VERSIONS = 2_000
SITUATIONS = 100


def _gros_dossier() -> bytes:
    """The rich learner plus ``VERSIONS`` evaluation versions over ``SITUATIONS`` situations
    (each cell corrected a few times), exported."""
    riche = apprenant_riche()
    classe = riche.apprenant.inscriptions.order_by("debut").first().classe
    criteres = list(Critere.objects.filter(competence__referentiel=classe.referentiel))
    scenario = sf.scenario(classe, "Scénario volume")
    cellules = [(sf.situation(scenario, criteres, f"TP volume {i}"), c)
                for i in range(SITUATIONS) for c in criteres]
    par_cellule = -(-VERSIONS // len(cellules))
    Evaluation.objects.bulk_create(
        Evaluation(situation=s, apprenant=riche.apprenant, critere=c, etat=Etat.EVALUE,
                   niveau=1 + v % 3, version=v, courante=v == par_cellule,
                   auteur=riche.enseignant)
        for s, c in cellules for v in range(1, par_cellule + 1))
    return archive.exporter(riche.apprenant)


@pytest.mark.django_db(transaction=True)
def test_un_gros_dossier_s_importe_en_une_transaction_courte():
    octets = _gros_dossier()
    call_command("flush", interactive=False, verbosity=0)
    referentiel()
    accueil = f.etablissement("Lycée Accueil")
    admin = f.personne("admin.accueil")
    f.role(admin, accueil, TypeRole.ADMINISTRATEUR)
    lue = archive.lire(io.BytesIO(octets))
    versions = len(lue.parcours["enregistrements"]["suivi.evaluation"])
    assert versions >= VERSIONS

    verifie = []
    debut = time.perf_counter()
    with CaptureQueriesContext(connection) as requetes:
        apercu = importer(lue, etablissement=accueil, confirmer=True, auteur=admin,
                          verifie=lambda: verifie.append((time.perf_counter(),
                                                          len(requetes))))
    fin = time.perf_counter()

    assert apercu.refus == [] and apercu.fait
    assert Apprenant.objects.get().evaluations.count() == versions
    (moment, lues), = verifie
    ecrites = len(requetes) - lues
    print(f"\ncommit of {versions} evaluation versions: {fin - debut:.2f} s, "
          f"{len(requetes)} queries; of which the write transaction: {fin - moment:.2f} s, "
          f"{ecrites} queries")
    # New evaluation versions go in bulk: the transaction's queries do not follow their
    # number (one INSERT per row made it 2,000 more).
    assert ecrites < versions / 2
    debut = time.perf_counter()
    with CaptureQueriesContext(connection) as encore:
        apercu = importer(archive.lire(io.BytesIO(octets)), etablissement=accueil,
                          confirmer=True, auteur=admin)
    print(f"repeated import: {time.perf_counter() - debut:.2f} s, {len(encore)} queries")
    assert apercu.fait and apercu.crees == 0
