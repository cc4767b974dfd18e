"""The documents pages: what each role finds there (the access matrix checks who gets in)."""
import pytest
from django.urls import reverse

from cpro_platform.bilans import attestations
from cpro_platform.bilans.models import Bilan
from tests.bilans_documents.factories import bilan_valide, campagne, e32
from tests.factories import monde

pytestmark = pytest.mark.django_db


@pytest.fixture
def m():
    m = monde("P")
    ex = e32(m.classe.referentiel)
    prof = m.user("enseignant")
    premier = bilan_valide(m.apprenant, campagne(m.classe, prof, "Bilan T1"), prof,
                           {c: 2 for c in ex.competences.values()})
    correction = bilan_valide(m.apprenant, premier.campagne, prof,
                              {c: 3 for c in ex.competences.values()}, remplace=premier)
    dernier = bilan_valide(m.apprenant, campagne(m.classe, prof, "Bilan T2"), prof,
                           {c: 4 for c in ex.competences.values()})
    Bilan.objects.create(apprenant=m.apprenant, campagne=dernier.campagne,
                         referentiel=m.classe.referentiel, date=dernier.date, cree_par=prof)
    m.bilans = (premier, correction, dernier)
    m.attestation = attestations.delivrer(m.apprenant, prof, "depart")
    return m


def test_the_learner_finds_their_validated_bilans_and_attestations(client, m):
    premier, correction, dernier = m.bilans
    client.force_login(m.user("apprenant"))
    body = client.get(reverse("bilans_documents:apprenant", args=[m.apprenant.pk])
                      ).content.decode()
    lignes = {bilan: next(row for row in body.split("<tr>") if reverse(
        "bilans_documents:bilan_pdf", args=[bilan.pk]) in row) for bilan in m.bilans}
    assert body.count("/bilan.pdf") == 3   # the draft is not listed
    assert "dernier bilan validé" in lignes[dernier]
    assert "remplacé" in lignes[premier]   # the correction replaces it
    assert "remplacé" not in lignes[correction] and "dernier" not in lignes[correction]
    assert reverse("bilans_documents:attestation_pdf", args=[m.attestation.pk]) in body
    assert "Départ de l’établissement en cours de cycle" in body
    assert "Délivrer une attestation" not in body


def test_the_teacher_may_issue_an_attestation_the_inspector_may_not(client, m):
    url = reverse("bilans_documents:apprenant", args=[m.apprenant.pk])
    client.force_login(m.user("enseignant"))
    assert "Délivrer une attestation" in client.get(url).content.decode()
    client.force_login(m.user("inspecteur"))
    body = client.get(url).content.decode()
    assert "Délivrer une attestation" not in body and "/bilan.pdf" in body


def test_the_class_page_offers_the_batch_to_its_teacher_not_to_the_inspector(client, m):
    url = reverse("bilans_documents:classe", args=[m.classe.pk])
    client.force_login(m.user("enseignant"))
    body = client.get(url).content.decode()
    assert "Bilan T1" in body and "Bilan T2" in body
    assert body.count("Préparer les PDF de toute la classe") == 2
    client.force_login(m.user("inspecteur"))
    body = client.get(url).content.decode()
    assert "Préparer les PDF" not in body
    assert reverse("bilans_documents:bilan_pdf", args=[m.bilans[2].pk]) in body
