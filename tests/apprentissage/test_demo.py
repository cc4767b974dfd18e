"""The apprenticeship's demo step: an apprentice with a contract, a master who signs in, a
calendar, entries, one review closed and one in progress; reruns add nothing."""
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from cpro_platform.apprentissage.calendrier import periodes_entreprise
from cpro_platform.apprentissage.demo import LOGIN_APPRENTI
from cpro_platform.apprentissage.models import (
    BilanApprentissage, Contrat, EntreeMaitre, SemaineAlternance, SignatureApprentissage)
from cpro_platform.etablissements.models import aujourdhui

pytestmark = pytest.mark.django_db


def _comptes():
    return (Contrat.objects.count(), SemaineAlternance.objects.count(),
            EntreeMaitre.objects.count(), BilanApprentissage.objects.count(),
            SignatureApprentissage.objects.count())


def test_demo_builds_one_apprentices_booklet_and_is_idempotent(client):
    call_command("sync_referentiels", stdout=io.StringIO())
    sortie = io.StringIO()
    call_command("load_demo", stdout=sortie)
    contrat = Contrat.objects.get()
    assert contrat.apprenant.user.username == LOGIN_APPRENTI and LOGIN_APPRENTI in \
        sortie.getvalue()
    assert contrat.encadrement.actif_le() and contrat.semaines.filter(lieu="entreprise").exists()
    passees = [p for p in periodes_entreprise(contrat) if p.fin < aujourdhui()]
    assert contrat.entrees.count() == len(passees)
    clos, en_cours = contrat.bilans.order_by("date", "pk")
    assert clos.clos and clos.signatures.count() == 3
    assert not en_cours.clos and en_cours.appreciation_maitre
    avant = _comptes()
    call_command("load_demo", stdout=io.StringIO())
    assert _comptes() == avant
    # The master (magic-link account) and the apprentice open the booklet.
    for user in (contrat.maitre.user, contrat.apprenant.user):
        client.force_login(user)
        page = client.get(reverse("apprentissage:livret", args=[contrat.pk]))
        assert page.status_code == 200
        assert contrat.employeur.nom in page.content.decode()
