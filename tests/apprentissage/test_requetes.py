"""The booklet's page and the master's list cost a fixed number of queries, however long the
contract's history."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpro_platform.activites.models import EtatFiche, FicheActivite
from cpro_platform.apprentissage.bilans import ecrire, ouvrir_bilan, signer
from cpro_platform.apprentissage.calendrier import enregistrer_semaines, lundis
from cpro_platform.apprentissage.entrees import ecrire_entree
from cpro_platform.etablissements.models import Statut
from tests import factories as f

pytestmark = pytest.mark.django_db


def _historique(cas, contrat, n: int) -> None:
    """``n`` company stretches with their entries, ``n`` signed reviews, ``n`` sheets."""
    semaines = lundis(contrat)[:2 * n]
    enregistrer_semaines(contrat, {lundi: "entreprise" if i % 2 == 0 else "cfa"
                                   for i, lundi in enumerate(semaines)})
    for i in range(n):
        ecrire_entree(contrat, max(semaines[2 * i], contrat.debut), travaux=f"Travaux {i}",
                      observations="", auteur=cas["maitre"].user)
        bilan = ouvrir_bilan(contrat, date=f.jours(-1), debut=contrat.debut, fin=f.jours(-1),
                             auteur=cas["formateur"])
        ecrire(bilan, "maitre", {"appreciation_maitre": f"Appréciation {i}"})
        signer(bilan, cas["maitre"].user, "maitre", "Gérard Durand")
        FicheActivite.objects.create(apprenant=contrat.apprenant, contrat=contrat,
                                     date=f.jours(-i - 1), description=f"Fiche {i}",
                                     etat=EtatFiche.DECLAREE, auteur=cas["apprenti"].user)


def _requetes(client, user, url) -> int:
    client.force_login(user)
    client.get(url)  # warm the compiled scopes
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url).status_code == 200
    return len(requetes)


def test_the_booklet_page_costs_the_same_with_one_or_six_of_everything(client, cas):
    petit = cas["contrat"]
    _historique(cas, petit, 1)
    grand = f.contrat(f.apprenant(cas["e"], cas["classe"], statut=Statut.APPRENTI,
                                  debut=f.jours(-200)), cas["maitre"], debut=f.jours(-100),
                      fin=f.jours(300), formateur_referent=cas["formateur"])
    _historique(cas, grand, 6)
    for nom in ("livret", "mes_apprentis"):
        args = lambda c: [c.pk] if nom == "livret" else []  # noqa: E731
        assert _requetes(client, cas["formateur"], reverse(
            f"apprentissage:{nom}", args=args(petit))) == _requetes(
            client, cas["formateur"], reverse(f"apprentissage:{nom}", args=args(grand))), nom
