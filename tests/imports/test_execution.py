"""The commit as a background run: the real database queue and worker, progress, pagination,
and other people's saves going through while an import writes."""
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker

from cpro_platform.etablissements.imports import base, vues
from cpro_platform.etablissements.imports.apprenants import ImportApprenants
from cpro_platform.etablissements.models import Apprenant, EtatImport, Importation
from cpro_platform.suivi.grille import Saisie, courantes, enregistrer_grille
from tests.suivi import factories as sf

from .conftest import ENTETE_APPRENANTS, csv

FICHIER = csv(ENTETE_APPRENANTS, "111111111AA;DUPONT;Marie;01/02/2008;1 CPA;scolaire",
              "222222222BB;MARTIN;Léo;15/10/2007;1 CPA;apprenti")
FILE_EN_BASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


def deposer(client, etab, contenu=FICHIER) -> Importation:
    client.post(reverse("imports:importer", args=[etab.pk, "apprenants"]),
                {"fichier": SimpleUploadedFile("eleves.csv", contenu)})
    return Importation.objects.latest("pk")


def page(etab, importation, **params) -> str:
    url = reverse("imports:importation", args=[etab.pk, importation.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def confirmer(client, etab, importation):
    return client.post(reverse("imports:confirmer", args=[etab.pk, importation.pk]))


def travailleur() -> Worker:
    """``manage.py db_worker --batch``: runs what is queued, then returns."""
    return Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
                  startup_delay=False, max_tasks=None, worker_id="test",
                  excluded_queue_names=[])


@override_settings(TASKS=FILE_EN_BASE)
def test_confirming_queues_the_run_and_the_worker_does_it(transactional_db, admin, etab,
                                                          admin_user, classe_1cpa):
    importation = deposer(admin, etab)
    response = confirmer(admin, etab, importation)
    assert response.status_code == 302 and response["Location"] == page(etab, importation)
    importation.refresh_from_db()
    assert importation.etat == EtatImport.EN_FILE and not Apprenant.objects.exists()

    attente = admin.get(page(etab, importation)).content.decode()
    assert "En file d’attente" in attente and 'hx-trigger="every 2s"' in attente
    assert "suivi/htmx.min.js" in attente and "<script>" not in attente  # no inline script
    sondage = admin.get(page(etab, importation), HTTP_HX_REQUEST="true")
    assert sondage.status_code == 200 and 'id="progression-import"' in sondage.content.decode()

    travailleur().run()

    importation.refresh_from_db()
    assert importation.etat == EtatImport.TERMINE and importation.contenu == b""
    assert Apprenant.objects.count() == 2
    # The audit log names the administrator, although no request of theirs wrote it.
    assert {h.history_user for h in Apprenant.history.all()} == {admin_user}
    fini = admin.get(page(etab, importation), HTTP_HX_REQUEST="true")
    assert fini.status_code == 204 and fini["HX-Refresh"] == "true"
    assert "Créés : 2" in admin.get(page(etab, importation)).content.decode()


def test_progress_bar_while_running(db, admin, etab, admin_user):
    importation = Importation.objects.create(
        etablissement=etab, auteur=admin_user, type="apprenants", nom_fichier="e.csv",
        etat=EtatImport.EN_COURS, lignes_total=250, lignes_faites=100)
    fragment = admin.get(page(etab, importation), HTTP_HX_REQUEST="true").content.decode()
    assert "100 lignes écrites sur 250" in fragment
    assert 'max="250" value="100"' in fragment and "40 %" in fragment
    assert "<html" not in fragment
    liste = admin.get(reverse("imports:index", args=[etab.pk])).content.decode()
    assert "e.csv" in liste and "en cours (40 %)" in liste


def test_preview_is_paginated(db, admin, etab, classe_1cpa, monkeypatch):
    monkeypatch.setattr(vues, "PAR_PAGE", 2)
    lignes = [f"{n:09d}AB;NOM{n};P;;1 CPA;" for n in range(1, 6)]
    importation = deposer(admin, etab, csv(ENTETE_APPRENANTS, *lignes))
    premiere = admin.get(page(etab, importation)).content.decode()
    assert "À créer : 5" in premiere and "NOM1 " in premiere and "NOM2 " in premiere
    assert "NOM3 " not in premiere and "Confirmer" in premiere
    derniere = admin.get(page(etab, importation, page=3)).content.decode()
    assert "NOM5 " in derniere and "NOM1 " not in derniere


def test_errors_come_first_with_their_count(db, admin, etab, classe_1cpa, monkeypatch):
    monkeypatch.setattr(vues, "PAR_PAGE", 2)
    lignes = [f"{n:09d}AB;NOM{n};P;;1 CPA;" for n in range(1, 6)]
    lignes[1] = "000000002AB;;P;;1 CPA;"  # line 3: no name
    lignes[3] = "000000004AB;NOM4;P;;2 XYZ;"  # line 5: unknown class
    body = admin.get(page(etab, deposer(admin, etab, csv(ENTETE_APPRENANTS, *lignes))))
    body = body.content.decode()
    assert "2 erreurs : rien ne sera importé" in body and "2 lignes à corriger" in body
    assert "Ligne 3 : nom manquant" in body and "Ligne 5 : classe « 2 XYZ » inconnue" in body
    assert "NOM1" not in body and "Confirmer" not in body


def test_an_unexpected_failure_shows_on_the_import_and_imports_nothing(
        db, admin, etab, classe_1cpa, monkeypatch):
    def panne(self, operation):
        raise RuntimeError("panne")

    monkeypatch.setattr(ImportApprenants, "appliquer", panne)
    importation = deposer(admin, etab)
    body = admin.get(confirmer(admin, etab, importation)["Location"]).content.decode()
    assert "Erreur inattendue pendant l’import : rien n’a été importé" in body
    assert Importation.objects.get(pk=importation.pk).etat == EtatImport.ECHOUE
    assert not Apprenant.objects.exists()


def test_a_grid_save_goes_through_while_an_import_writes(transactional_db, etab, admin_user,
                                                         classe_1cpa, monkeypatch):
    """A teacher saving a grid during a long import once got "database is locked" (the
    import held one write transaction for minutes). Now it waits one batch at most."""
    grille = sf.grille(apprenants=1, nb_criteres=1)
    monkeypatch.setattr(base, "TAILLE_LOT", 1, raising=False)
    appliquer, resultat = ImportApprenants.appliquer, {}

    def enseignant_enregistre():
        try:
            with connection.cursor() as cursor:  # this thread's own connection: short patience
                cursor.execute("PRAGMA busy_timeout = 500" if connection.vendor == "sqlite"
                               else "SET lock_timeout = '500ms'")
            saisie = Saisie(grille.apprenants[0].pk, grille.criteres[0].pk, niveau=3)
            resultat["ok"] = enregistrer_grille(grille.situation, grille.enseignant, [saisie],
                                                {}).ok
        except Exception as erreur:  # noqa: BLE001 — reported below
            resultat["erreur"] = erreur
        finally:
            connection.close()

    enseignant = threading.Thread(target=enseignant_enregistre)

    def lent(self, operation):  # each row takes a while, as 50,000 rows did
        appliquer(self, operation)
        if operation.numero == 3:
            enseignant.start()
        time.sleep(0.15)

    monkeypatch.setattr(ImportApprenants, "appliquer", lent)
    lignes = [f"{n:09d}AB;NOM{n};P;;1 CPA;" for n in range(1, 11)]
    analyse = ImportApprenants(etab, auteur=admin_user).executer(
        csv(ENTETE_APPRENANTS, *lignes), "e.csv")
    enseignant.join()

    assert resultat == {"ok": True} and analyse.applique
    assert [e.niveau for e in courantes(grille.situation).values()] == [3]
    assert Apprenant.objects.filter(ine__endswith="AB").count() == 10
