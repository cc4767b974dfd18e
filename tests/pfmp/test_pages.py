"""The PFMP pages as a teacher, a tutor and a learner use them: the class page with weeks,
totals and alerts (and no fabricated shortfall when the referential gives no duration), the
period, placement and visit forms (bad input: 422, French messages on the fields, nothing
written)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpro_platform.etablissements.models import Niveau
from cpro_platform.pfmp.models import PeriodePFMP, StagePFMP, TypeVisite, Visite
from tests import factories as f
from tests.pfmp.factories import atelier

pytestmark = pytest.mark.django_db


@pytest.fixture
def a():
    return atelier()


def _page(client, user, nom, *args, **kw):
    client.force_login(user)
    reponse = client.get(reverse(nom, args=args), **kw)
    assert reponse.status_code == 200
    return reponse.content.decode()


def test_class_page_weeks_totals_and_alerts(client, a):
    a.classe.niveau = Niveau.TERMINALE  # last year: the end shortfall is shown
    a.classe.save()
    ref = a.classe.referentiel
    ref.pfmp_semaines, ref.pfmp_provenance = 22, "provisoire"
    ref.pfmp_provenance_detail = "Reprise du prédécesseur."
    ref.save()
    passee = f.periode_pfmp(a.classe, debut=f.jours(-60), fin=f.jours(-33), semaines=4,
                            titre="PFMP 1")
    f.periode_pfmp(a.classe, debut=f.jours(30), fin=f.jours(50), semaines=3, titre="PFMP 2")
    stage = f.stage_pfmp(passee, a.eleve, a.tuteur)
    stage.jours_absence = 10
    stage.save()
    page = _page(client, a.enseignant, "pfmp:classe", a.classe.pk)
    assert "22 semaines sur le cycle" in page and "Provisoire" in page
    assert "Reprise du prédécesseur." in page
    assert "Carrosserie Martin" in page and "PFMP 1" in page and "PFMP 2" in page
    # The other learner did none of the 4 weeks already due: behind, and short at the end.
    assert "4 sem. de retard" in page
    assert "manquera" in page
    assert "2 apprenants en dessous des semaines attendues." in page
    # In première, the same plan is not complete yet: no end shortfall, the delay stays.
    a.classe.niveau = Niveau.PREMIERE
    a.classe.save()
    page = _page(client, a.enseignant, "pfmp:classe", a.classe.pk)
    assert "4 sem. de retard" in page and "manquera" not in page
    assert "n’est signalé qu’en dernière année du cycle" in page


def test_no_required_weeks_is_said_and_no_shortfall_is_made_up(client, a):
    assert a.classe.referentiel.pfmp_semaines is None
    f.periode_pfmp(a.classe, debut=f.jours(30), fin=f.jours(50), titre="PFMP 1")
    page = _page(client, a.enseignant, "pfmp:classe", a.classe.pk)
    assert "Le référentiel ne fixe pas de durée de PFMP" in page
    assert "manquera" not in page and "sem. de retard" not in page
    assert "en dessous des semaines attendues" not in page


def test_class_page_queries_do_not_grow_with_the_class(client, a):
    periode = f.periode_pfmp(a.classe, debut=f.jours(-7), fin=f.jours(21))
    f.stage_pfmp(periode, a.eleve, a.tuteur)
    client.force_login(a.enseignant)
    url = reverse("pfmp:classe", args=[a.classe.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as petite:
        client.get(url)
    for _ in range(5):
        eleve = f.apprenant(a.etablissement, a.classe)
        f.stage_pfmp(periode, eleve, a.tuteur)
    with CaptureQueriesContext(connection) as grande:
        assert client.get(url).status_code == 200
    assert len(grande) == len(petite)


def test_period_form_refuses_then_creates(client, a):
    client.force_login(a.enseignant)
    url = reverse("pfmp:periode_ajouter", args=[a.classe.pk])
    page = _page(client, a.enseignant, "pfmp:periode_ajouter", a.classe.pk)
    critere = a.criteres[0]
    assert critere.intitule in page and critere.competence.intitule in page
    f.periode_pfmp(a.classe, debut=f.jours(0), fin=f.jours(20), titre="PFMP 1")
    reponse = client.post(url, {"titre": "PFMP 2", "debut": f.jours(10).isoformat(),
                                "fin": f.jours(30).isoformat(), "criteres": [critere.pk]})
    assert reponse.status_code == 422
    assert "chevauchent la période « PFMP 1 »" in reponse.content.decode()
    assert PeriodePFMP.objects.count() == 1
    reponse = client.post(url, {"titre": "PFMP 2", "debut": f.jours(40).isoformat(),
                                "fin": f.jours(60).isoformat(), "criteres": [critere.pk]})
    assert reponse.status_code == 302
    periode = PeriodePFMP.objects.get(titre="PFMP 2")
    assert list(periode.situation.criteres.all()) == [critere]


def test_placement_form_refuses_a_tutor_of_another_company(client, a):
    periode = f.periode_pfmp(a.classe, debut=f.jours(-7), fin=f.jours(21))
    client.force_login(a.ddfpt)
    url = reverse("pfmp:stage_ajouter", args=[periode.pk])
    donnees = {"apprenant": a.eleve.pk, "entreprise": a.entreprise.pk,
               "tuteur": a.autre_tuteur.pk, "enseignant_referent": a.enseignant.pk,
               "debut": periode.debut.isoformat(), "fin": periode.fin.isoformat()}
    reponse = client.post(url, donnees)
    assert reponse.status_code == 422
    assert "pas chez Carrosserie Martin" in reponse.content.decode()
    assert not StagePFMP.objects.exists()
    reponse = client.post(url, {**donnees, "tuteur": a.tuteur.pk})
    stage = StagePFMP.objects.get()
    assert reponse.status_code == 302 and reponse["Location"] == reverse("pfmp:stage",
                                                                          args=[stage.pk])
    assert stage.encadrement.tuteur == a.tuteur


def test_visit_form_by_the_teacher(client, a):
    periode = f.periode_pfmp(a.classe, debut=f.jours(-7), fin=f.jours(21))
    stage = f.stage_pfmp(periode, a.eleve, a.tuteur, enseignant_referent=a.enseignant)
    client.force_login(a.enseignant)
    url = reverse("pfmp:visite_ajouter", args=[stage.pk])
    reponse = client.post(url, {"type": TypeVisite.VISITE, "date": f.jours(5).isoformat(),
                                "notes": "Prévue"})
    assert reponse.status_code == 422 and "dans le futur" in reponse.content.decode()
    reponse = client.post(url, {"type": TypeVisite.MI_PARCOURS, "date": f.jours(-2).isoformat(),
                                "avec": "M. Durand, chef d’atelier",
                                "notes": "Bonne intégration dans l’équipe."})
    assert reponse.status_code == 302
    visite = Visite.objects.get()
    assert visite.auteur == a.enseignant and visite.type == TypeVisite.MI_PARCOURS
    page = _page(client, a.eleve.user, "pfmp:stage", stage.pk)
    assert "Bilan de mi-période" in page and "Bonne intégration" in page
    # The learner reads their placement but has no form.
    assert "Signer l’attestation" not in page and "Modifier la PFMP" not in page


def test_learner_and_tutor_reach_the_placement_from_the_learner_page(client, a):
    periode = f.periode_pfmp(a.classe, debut=f.jours(-7), fin=f.jours(21), titre="PFMP 1")
    stage = f.stage_pfmp(periode, a.eleve, a.tuteur)
    fiche = _page(client, a.eleve.user, "etablissements:mon_profil")
    assert reverse("pfmp:apprenant", args=[a.eleve.pk]) in fiche
    page = _page(client, a.tuteur.user, "pfmp:apprenant", a.eleve.pk)
    assert reverse("pfmp:stage", args=[stage.pk]) in page
    classe = _page(client, a.enseignant, "etablissements:classe", a.classe.pk)
    assert reverse("pfmp:classe", args=[a.classe.pk]) in classe


def test_the_following_teacher_records_visits_even_without_teaching_the_class(client, a):
    periode = f.periode_pfmp(a.classe, debut=f.jours(-7), fin=f.jours(21))
    suiveur = f.enseignant(a.etablissement)       # teaches another class, or none
    autre = f.enseignant(a.etablissement)
    stage = f.stage_pfmp(periode, a.eleve, a.tuteur, enseignant_referent=suiveur)
    url = reverse("pfmp:visite_ajouter", args=[stage.pk])
    visite = {"type": TypeVisite.CONTACT, "date": f.jours(0).isoformat(),
              "notes": "Appel au tuteur : tout va bien."}
    client.force_login(autre)
    assert client.post(url, visite).status_code == 404
    client.force_login(suiveur)
    assert client.get(reverse("pfmp:stage", args=[stage.pk])).status_code == 200
    assert client.post(url, visite).status_code == 302
    assert Visite.objects.get().auteur == suiveur
