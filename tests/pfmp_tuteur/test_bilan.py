"""The PFMP bilan: the tutor's evaluations with their wording and appreciation, signed with a
typed name; a later change shows the signature as made on an earlier version. The teacher's
side-by-side view highlights where tutor and centre differ."""
import pytest
from django.urls import reverse

from cpro_platform.pfmp.models import DocumentSigne, QualiteSignataire, SignaturePFMP
from cpro_platform.suivi.grille import Saisie, enregistrer_grille
from cpro_platform.suivi.models import Etat, Lieu
from tests import factories as f
from tests.activites import aides
from tests.suivi import factories as sf

pytestmark = pytest.mark.django_db

A_JOUR = "porte sur ce bilan"
PERIMEE = "signé sur une version antérieure du bilan"


@pytest.fixture
def o():
    return f.monde("A")


def evaluer(stage, auteur, **niveaux):
    criteres = list(stage.periode.situation.criteres.order_by("pk"))
    saisies = [Saisie(stage.apprenant_id, criteres[int(k[1:])].pk, Etat.EVALUE, v)
               for k, v in niveaux.items()]
    from cpro_platform.suivi.grille import courantes

    versions = {cellule: e.version for cellule, e in courantes(stage.periode.situation).items()}
    assert enregistrer_grille(stage.periode.situation, auteur, saisies, versions).ok


def test_the_tutor_signs_the_bilan_and_a_later_change_makes_it_stale(client, o):
    stage = aides.stage(o)
    evaluer(stage, o.tuteur.user, c0=3)
    client.force_login(o.tuteur.user)
    bilan = reverse("pfmp_tuteur:bilan", args=[stage.pk])
    client.post(bilan, {"appreciation_tuteur": "Apprenant motivé"})
    page = client.get(bilan).content.decode()
    critere = stage.periode.situation.criteres.order_by("pk").first()
    assert critere.intitule in page and "Niveau 3" in page and "Apprenant motivé" in page
    assert "Pas encore signé." in page

    response = client.post(reverse("pfmp_tuteur:signer", args=[stage.pk]), {"nom": ""})
    assert response.status_code == 422
    assert "Tapez votre nom pour signer." in response.content.decode()

    client.post(reverse("pfmp_tuteur:signer", args=[stage.pk]), {"nom": "Jean Tuteur"})
    signature = SignaturePFMP.objects.get()
    assert (signature.document, signature.qualite, signature.signataire) == (
        DocumentSigne.BILAN, QualiteSignataire.TUTEUR, o.tuteur.user)
    page = client.get(bilan).content.decode()
    assert "Signé par Jean Tuteur" in page and A_JOUR in page and PERIMEE not in page

    evaluer(stage, o.tuteur.user, c0=4)  # an evaluation changes after signing
    page = client.get(bilan).content.decode()
    assert PERIMEE in page and A_JOUR not in page

    client.post(reverse("pfmp_tuteur:signer", args=[stage.pk]), {"nom": "Jean Tuteur"})
    page = client.get(bilan).content.decode()
    assert A_JOUR in page and PERIMEE in page  # the new one is on this version

    client.post(bilan, {"appreciation_tuteur": "Apprenant très motivé"})
    assert A_JOUR not in client.get(bilan).content.decode()


def test_nothing_to_sign_before_any_evaluation(client, o):
    stage = aides.stage(o)
    client.force_login(o.tuteur.user)
    response = client.post(reverse("pfmp_tuteur:signer", args=[stage.pk]), {"nom": "Jean"})
    assert response.status_code == 422
    assert "Évaluez au moins un critère avant de signer le bilan." in response.content.decode()
    assert not SignaturePFMP.objects.exists()


def test_the_teacher_reads_the_bilan_but_neither_signs_nor_writes(client, o):
    stage = aides.stage(o)
    client.force_login(o.user("enseignant"))
    page = client.get(reverse("pfmp_tuteur:bilan", args=[stage.pk])).content.decode()
    assert "Signer le bilan" not in page and 'name="appreciation_tuteur"' not in page
    response = client.post(reverse("pfmp_tuteur:bilan", args=[stage.pk]),
                           {"appreciation_tuteur": "x"})
    assert response.status_code == 403
    stage.refresh_from_db()
    assert stage.appreciation_tuteur == ""


def test_side_by_side_shows_the_latest_centre_level_and_highlights_the_difference(client, o):
    stage = aides.stage(o)
    c0, c1, c2 = stage.periode.situation.criteres.order_by("pk")
    evaluer(stage, o.tuteur.user, c0=4, c1=2)
    enseignant = o.user("enseignant")
    scenario = sf.scenario(o.classe)
    ancien = sf.situation(scenario, [c0, c1], "TP ancien", lieu=Lieu.CENTRE)
    recent = sf.situation(scenario, [c0], "TP carrosserie", lieu=Lieu.CENTRE)
    enregistrer_grille(ancien, enseignant, [Saisie(o.apprenant.pk, c0.pk, Etat.EVALUE, 1),
                                            Saisie(o.apprenant.pk, c1.pk, Etat.EVALUE, 2)], {})
    enregistrer_grille(recent, enseignant, [Saisie(o.apprenant.pk, c0.pk, Etat.EVALUE, 2)], {})
    client.force_login(enseignant)
    page = client.get(reverse("pfmp_tuteur:comparer", args=[stage.pk])).content.decode()
    ligne0 = page[page.index(f"{c0.code} <span"):page.index(f"{c1.code} <span")]
    assert "<td>4</td>" in ligne0 and "2 <span" in ligne0 and "TP carrosserie" in ligne0
    assert '<td class="cpro-ecart">+2</td>' in ligne0
    ligne1 = page[page.index(f"{c1.code} <span"):page.index(f"{c2.code} <span")]
    assert "TP ancien" in ligne1 and "<td>0</td>" in ligne1 and "cpro-ecart" not in ligne1
