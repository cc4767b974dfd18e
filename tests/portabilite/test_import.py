"""Importing into another installation: the preview writes nothing and says what will be
created or found; the commit creates record-only establishments and inactive people, opens the
learner's path in the importing establishment; a second import changes nothing."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cpro_platform.acces.perimetres import apprenants_geres
from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.etablissements.models import Apprenant, Etablissement
from cpro_platform.livret.models import ResumeCompetence
from cpro_platform.portabilite import archive
from cpro_platform.portabilite.importation import importer
from cpro_platform.suivi.models import Evaluation
from tests import factories as f

from .factories import apprenant_riche, referentiel
from .outils import comptes

User = get_user_model()


def fichiers(stockage, dossier="") -> int:
    dossiers, noms = stockage.listdir(dossier)
    return len(noms) + sum(fichiers(stockage, f"{dossier}{d}/") for d in dossiers)


@pytest.fixture
def installation_neuve():
    """A rich learner's archive, then a database emptied of everything but the referential,
    and an establishment (with its administrator) receiving the learner."""
    octets = archive.exporter(apprenant_riche().apprenant)
    call_command("flush", interactive=False, verbosity=0)
    referentiel()
    accueil = f.etablissement("Lycée Accueil")
    admin = f.personne("admin.accueil")
    f.role(admin, accueil, TypeRole.ADMINISTRATEUR)
    return octets, accueil, admin


#: The evidence field's own storage (``stockage_preuves()`` is a fresh instance after a test
#: that changed the STORAGES setting, while the field keeps the one it was built with).
STOCKAGE_PREUVES = Evaluation._meta.get_field("preuve").storage


@pytest.mark.django_db(transaction=True)
def test_l_apercu_n_ecrit_rien_et_dit_ce_qui_sera_cree(installation_neuve):
    octets, accueil, _admin = installation_neuve
    avant, fichiers_avant = comptes(), fichiers(STOCKAGE_PREUVES)

    apercu = importer(archive.lire(io.BytesIO(octets)), etablissement=accueil)

    assert apercu.refus == [] and not apercu.fait
    assert comptes() == avant and fichiers(STOCKAGE_PREUVES) == fichiers_avant
    assert apercu.apprenant == "Prénom VOYAGEUR (né·e le 14/03/2009)"
    assert not apercu.apprenant_existe
    assert apercu.referentiels == ["PORT 2022 (installé)"]
    assert sorted((nom, trouve) for _uai, nom, trouve in apercu.etablissements) == [
        ("CFA Arrivée", False), ("Lycée Départ", False)]
    assert ("Prénom Prof.Depart", "prof.depart@test.example", False) in apercu.personnes
    assert ("évaluations", 4, 0) in apercu.lignes
    assert ("bilans intermédiaires", 1, 0) in apercu.lignes
    assert apercu.parcours_ouvert.startswith("Lycée Accueil à partir du ")


@pytest.mark.django_db(transaction=True)
def test_l_import_confirme_puis_reimporte(installation_neuve):
    octets, accueil, admin = installation_neuve
    assert not apprenants_geres(admin).exists()

    apercu = importer(archive.lire(io.BytesIO(octets)), etablissement=accueil, confirmer=True,
                      auteur=admin)

    assert apercu.refus == [] and apercu.fait
    apprenant = Apprenant.objects.get()
    # The livret's summary counts the imported current evaluations on C1 (TP and PFMP).
    resume = ResumeCompetence.objects.get(apprenant=apprenant, competence__code="C1")
    assert resume.evaluations == 3 and resume.situations == 2
    # The audit log says who imported the learner's path.
    assert apprenant.parcours.first().history.get().history_user == admin
    # The importing administrator now manages the learner, whose path continues here.
    assert list(apprenants_geres(admin)) == [apprenant]
    dernier, precedent = apprenant.parcours.order_by("-debut")[:2]
    assert dernier.etablissement == accueil and dernier.statut == "apprenti"
    assert dernier.fin is None and precedent.fin is not None
    # Establishments of the record exist for the record only: nobody administers them.
    origines = Etablissement.objects.exclude(pk=accueil.pk)
    assert sorted(origines.values_list("nom", flat=True)) == ["CFA Arrivée", "Lycée Départ"]
    assert not Role.objects.filter(etablissement__in=origines).exists()
    # People arrive without a password and inactive.
    prof = User.objects.get(email="prof.depart@test.example")
    assert not prof.is_active and not prof.has_usable_password()
    assert apprenant.evaluations.exclude(preuve="").count() == 2
    assert len({e.preuve.name for e in apprenant.evaluations.exclude(preuve="")}) == 1

    avant = comptes()
    encore = importer(archive.lire(io.BytesIO(octets)), etablissement=accueil, confirmer=True)
    assert encore.refus == [] and encore.deja_importe and encore.crees == 0
    assert comptes() == avant


@pytest.mark.django_db
def test_un_apprenant_encore_inscrit_ailleurs_n_est_pas_repris():
    """As for an enrolment by INE: the establishment where the learner's path is still open
    must close it first — an import does not take the learner over."""
    riche = apprenant_riche()
    octets = archive.exporter(riche.apprenant)
    accueil = f.etablissement("Lycée Accueil")
    avant = comptes()
    apercu = importer(archive.lire(io.BytesIO(octets)), etablissement=accueil, confirmer=True)
    assert comptes() == avant
    assert apercu.refus == [
        f"L’apprenant {riche.apprenant.ine} est encore inscrit dans un autre établissement "
        f"(CFA Arrivée) : celui-ci doit d’abord clore son parcours (date de départ). Rien n’a "
        f"été importé."]
