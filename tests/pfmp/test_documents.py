"""The convention data sheet and the attestation de PFMP as PDF (their text extracted), and
the attestation's on-screen signatures: tutor and establishment, each on the content they
saw; a change afterwards shows the signature as made on an earlier version."""
import pytest
from django.urls import reverse

from cpro_platform.pfmp.attestation import etat_des_signatures, signer_attestation
from cpro_platform.pfmp.models import QualiteSignataire, SignaturePFMP
from cpro_platform.pfmp.stages import DonneesStage, enregistrer_attestation, enregistrer_stage
from tests import factories as f
from tests.bilans_documents.factories import texte_pdf
from tests.pfmp.factories import atelier

pytestmark = pytest.mark.django_db


@pytest.fixture
def a():
    return atelier()


def _stage(a, debut: int, fin: int):
    periode = f.periode_pfmp(a.classe, debut=f.jours(debut), fin=f.jours(fin), titre="PFMP 1",
                             criteres=a.criteres[:2])
    s = enregistrer_stage(periode, a.eleve, DonneesStage(
        entreprise=a.entreprise, tuteur=a.tuteur, enseignant_referent=a.enseignant,
        debut=f.jours(debut), fin=f.jours(fin), horaires="8 h–12 h, 13 h 30–17 h",
        heures_hebdo=35, adresse="12 rue des Ateliers, Vénissieux"))
    return enregistrer_attestation(s, jours_absence=2, absences_detail="Malade deux jours",
                                   activites_realisees="Dépose et repose d’un pare-chocs",
                                   appreciation_tuteur="Apprenti sérieux et curieux.")


@pytest.fixture
def stage(a):
    """A placement that ended yesterday: its attestation is signed now (the tutor keeps
    access during the closing delay)."""
    return _stage(a, -28, -1)


def test_a_running_placements_attestation_is_provisional_and_not_signed_yet(client, a):
    en_cours = _stage(a, -7, 21)
    texte = _texte(client, a.enseignant, "pfmp:attestation_pdf", en_cours)
    assert f"Document provisoire : la PFMP se termine le {f.jours(21):%d/%m/%Y}" in texte
    client.force_login(a.tuteur.user)
    reponse = client.post(reverse("pfmp:signer", args=[en_cours.pk]), {"nom": "Jean Tuteur"})
    assert reponse.status_code == 422
    assert (f"L’attestation se signe à la fin de la PFMP : à partir du "
            f"{f.jours(21):%d/%m/%Y}") in reponse.content.decode()
    assert not SignaturePFMP.objects.exists()


def _texte(client, user, nom, stage) -> str:
    client.force_login(user)
    reponse = client.get(reverse(nom, args=[stage.pk]))
    assert reponse.status_code == 200 and reponse["Content-Type"] == "application/pdf"
    return " ".join(texte_pdf(reponse.content).split())


def test_convention_sheet_prints_who_where_when_and_the_criteres(client, a, stage):
    texte = _texte(client, a.enseignant, "pfmp:convention_pdf", stage)
    for attendu in [a.etablissement.nom, a.etablissement.uai, a.eleve.ine, a.classe.nom,
                    "Carrosserie Martin", a.entreprise.siret, "12 rue des Ateliers",
                    a.tuteur.user.get_full_name(), a.enseignant.get_full_name(),
                    "8 h–12 h", a.criteres[0].code, a.criteres[0].intitule,
                    a.criteres[0].competence.intitule]:
        assert attendu in texte, attendu
    assert a.criteres[3].code not in texte  # not targeted by this period


def test_attestation_pdf_blank_signature_lines_then_who_signed(client, a, stage):
    texte = _texte(client, a.eleve.user, "pfmp:attestation_pdf", stage)
    for attendu in ["Attestation de période de formation en milieu professionnel",
                    a.eleve.ine, "Carrosserie Martin", "Malade deux jours",
                    "Dépose et repose d’un pare-chocs", "Apprenti sérieux et curieux."]:
        assert attendu in texte, attendu
    assert "Signé électroniquement" not in texte and "Document provisoire" not in texte
    signer_attestation(stage, a.tuteur.user, "Jean Tuteur")
    signer_attestation(stage, a.ddfpt, "Nadia DDFPT")
    texte = _texte(client, a.enseignant, "pfmp:attestation_pdf", stage)
    assert "Signé électroniquement par Jean Tuteur (Tuteur)" in texte
    assert "Signé électroniquement par Nadia DDFPT (Chef d'établissement" in texte


def test_signatures_go_stale_when_the_attestation_changes(a, stage):
    signer_attestation(stage, a.tuteur.user, "Jean Tuteur")
    signer_attestation(stage, a.enseignant, "Marc Prof")
    assert [e.a_jour for e in etat_des_signatures(stage)] == [True, True]
    enregistrer_attestation(stage, jours_absence=3, absences_detail="Malade trois jours",
                            activites_realisees=stage.activites_realisees,
                            appreciation_tuteur=stage.appreciation_tuteur)
    etats = etat_des_signatures(stage)
    assert [e.perimee for e in etats] == [True, True]
    # Signing again makes it current; the former signature stays recorded.
    signer_attestation(stage, a.tuteur.user, "Jean Tuteur")
    assert [e.a_jour for e in etat_des_signatures(stage)] == [True, False]
    assert SignaturePFMP.objects.filter(qualite=QualiteSignataire.TUTEUR).count() == 2


def test_stale_signature_shows_on_the_page_and_in_the_pdf(client, a, stage):
    signer_attestation(stage, a.tuteur.user, "Jean Tuteur")
    stage.appreciation_tuteur = "Modifiée après signature."
    stage.save()
    client.force_login(a.enseignant)
    page = client.get(reverse("pfmp:stage", args=[stage.pk])).content.decode()
    assert "faite sur une version antérieure" in page
    texte = _texte(client, a.enseignant, "pfmp:attestation_pdf", stage)
    assert "faite sur une version antérieure : à renouveler" in texte


def test_signing_on_screen(client, a, stage):
    url = reverse("pfmp:signer", args=[stage.pk])
    client.force_login(a.tuteur.user)
    reponse = client.post(url, {"nom": "  "})
    assert reponse.status_code == 422
    assert "Tapez votre nom" in reponse.content.decode()
    assert not SignaturePFMP.objects.exists()
    assert client.post(url, {"nom": "Jean Tuteur"}).status_code == 302
    signature = SignaturePFMP.objects.get()
    assert (signature.qualite, signature.nom, signature.signataire) == (
        QualiteSignataire.TUTEUR, "Jean Tuteur", a.tuteur.user)
    # The same version twice: refused, said.
    reponse = client.post(url, {"nom": "Jean Tuteur"})
    assert reponse.status_code == 422 and "déjà signée" in reponse.content.decode()
    # A teacher of the class signs for the establishment.
    client.force_login(a.enseignant)
    assert client.post(url, {"nom": "Marc Prof"}).status_code == 302
    assert SignaturePFMP.objects.filter(qualite=QualiteSignataire.ENSEIGNANT).exists()
    # The learner reads, and signs nothing.
    client.force_login(a.eleve.user)
    assert client.post(url, {"nom": "Moi"}).status_code == 403
    assert SignaturePFMP.objects.count() == 2
