"""The tutor's or master's review: confirm, or send back "à revoir" with a comment; every
change kept; never another learner's sheet, never after the Encadrement ended."""
import pytest
from django.urls import reverse

from cpro_platform.activites.models import EtatFiche, FicheActivite
from cpro_platform.etablissements.models import Encadrement
from tests import factories as f

from . import aides

pytestmark = pytest.mark.django_db


@pytest.fixture
def o():
    return f.monde("A")


def relire(client, user, fiche, **donnees):
    client.force_login(user)
    return client.post(reverse("activites:relire", args=[fiche.pk]), donnees)


def test_the_tutor_sends_back_then_confirms_and_the_history_keeps_each_step(client, o):
    fiche = aides.fiche(o)
    client.force_login(o.tuteur.user)
    a_relire = client.get(reverse("activites:a_relire")).content.decode()
    assert "Dépose du pare-chocs avant" in a_relire

    response = relire(client, o.tuteur.user, fiche, etat=EtatFiche.A_REVOIR)
    assert response.status_code == 422
    assert "le commentaire est obligatoire" in response.content.decode()
    fiche.refresh_from_db()
    assert fiche.etat == EtatFiche.DECLAREE

    relire(client, o.tuteur.user, fiche, etat=EtatFiche.A_REVOIR,
           commentaire="Précise les outils utilisés")
    fiche.refresh_from_db()
    assert (fiche.etat, fiche.commentaire_tuteur, fiche.relue_par) == (
        EtatFiche.A_REVOIR, "Précise les outils utilisés", o.tuteur.user)

    # The learner sees the comment, edits: the sheet goes back to the tutor.
    client.force_login(o.apprenant.user)
    page = client.get(reverse("activites:modifier", args=[fiche.pk])).content.decode()
    assert "Précise les outils utilisés" in page
    client.post(reverse("activites:modifier", args=[fiche.pk]), {
        "date": str(fiche.date), "description": "Dépose au pistolet pneumatique"})
    fiche.refresh_from_db()
    assert fiche.etat == EtatFiche.DECLAREE

    relire(client, o.tuteur.user, fiche, etat=EtatFiche.CONFIRMEE, commentaire="Bien")
    fiche.refresh_from_db()
    assert fiche.etat == EtatFiche.CONFIRMEE
    etats = list(fiche.history.order_by("history_date").values_list("etat", flat=True))
    assert etats[-4:] == [EtatFiche.DECLAREE, EtatFiche.A_REVOIR, EtatFiche.DECLAREE,
                          EtatFiche.CONFIRMEE]
    page = client.get(reverse("activites:fiche", args=[fiche.pk])).content.decode()
    assert "« Précise les outils utilisés »" in page  # the history shows the earlier comment

    # Confirmed is final, for the tutor too.
    response = relire(client, o.tuteur.user, fiche, etat=EtatFiche.A_REVOIR, commentaire="x")
    assert "Cette fiche est déjà confirmée." in response.content.decode()


def test_the_master_reviews_the_apprentice_sheet(client, o):
    fiche = aides.fiche(o, apprenti=True)
    response = relire(client, o.user("maitre"), fiche, etat=EtatFiche.CONFIRMEE)
    assert response.status_code == 302
    fiche.refresh_from_db()
    assert fiche.etat == EtatFiche.CONFIRMEE


def test_a_tutor_cannot_review_another_learners_sheet(client, o):
    autre = f.apprenant(o.etablissement, o.classe, nom="AUTRE")
    autre_tuteur = f.tuteur(o.entreprise, "autretuteur")
    stage = aides.stage(o, apprenant=autre, tuteur=autre_tuteur)
    fiche = FicheActivite.objects.create(apprenant=autre, stage=stage, date=f.jours(-1),
                                         description="x", auteur=o.user("enseignant"))
    response = relire(client, o.tuteur.user, fiche, etat=EtatFiche.CONFIRMEE)
    assert response.status_code == 404
    fiche.refresh_from_db()
    assert fiche.etat == EtatFiche.DECLAREE


def test_the_review_ends_with_the_encadrement(client, o):
    fiche = aides.fiche(o)
    Encadrement.objects.filter(pk=fiche.stage.encadrement_id).update(
        debut=f.jours(-30), fin=f.jours(-2))
    response = relire(client, o.tuteur.user, fiche, etat=EtatFiche.CONFIRMEE)
    assert response.status_code == 404
    fiche.refresh_from_db()
    assert fiche.etat == EtatFiche.DECLAREE
