"""Declaring and editing activity sheets: every rule, as the learner (or teacher) sees it."""
import pytest
from django.urls import reverse

from cpro_platform.activites.models import EtatFiche, FicheActivite
from cpro_platform.pfmp.models import DocumentSigne, QualiteSignataire, SignaturePFMP
from tests import factories as f

from . import aides

pytestmark = pytest.mark.django_db


@pytest.fixture
def o():
    return f.monde("A")


def poster(client, o, user=None, apprenant=None, **donnees):
    client.force_login(user or o.apprenant.user)
    return client.post(reverse("activites:declarer", args=[(apprenant or o.apprenant).pk]),
                       {"date": str(f.jours(-1)), "vehicule": "Clio IV",
                        "description": "Dépose du pare-chocs", **donnees})


def test_the_learner_declares_a_sheet_on_their_placement_with_the_proposed_competences(
        client, o):
    stage = aides.stage(o)
    rap = aides.rap(o.classe.referentiel)
    response = poster(client, o, activites=[rap.activites[0].pk])
    fiche = FicheActivite.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("activites:fiche", args=[fiche.pk])
    assert (fiche.stage, fiche.contrat, fiche.etat) == (stage, None, EtatFiche.DECLAREE)
    assert fiche.auteur == o.apprenant.user
    # No compétence ticked: those of the chosen activity are kept.
    assert list(fiche.competences.all()) == [rap.activites[0].competences.get()]
    page = client.get(response["Location"]).content.decode()
    assert "Dépose du pare-chocs" in page and rap.activites[0].intitule in page


def test_the_form_lists_the_rap_activities_by_pole_with_their_competences(client, o):
    aides.stage(o)
    rap = aides.rap(o.classe.referentiel)
    client.force_login(o.apprenant.user)
    page = client.get(reverse("activites:declarer", args=[o.apprenant.pk])).content.decode()
    assert "Pôle 1 — Réparation" in page
    competence = rap.activites[0].competences.get()
    assert f'data-competences="{competence.pk}"' in page
    assert f'id="competences-{competence.pk}"' in page


@pytest.mark.parametrize("cas,date,message", [
    ("sans date", "", "Indiquez la date de l&#x27;activité."),
    ("avant la PFMP", "-30", "Aucune PFMP ni aucun contrat d&#x27;apprentissage ne couvre"),
    ("future", "+2", "Cette date est dans le futur"),
])
def test_a_sheet_without_a_covering_placement_is_refused_and_nothing_is_written(
        client, o, cas, date, message):
    aides.stage(o)
    date = str(f.jours(int(date))) if date else ""
    response = poster(client, o, date=date, photos=[aides.televerse()])
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not FicheActivite.objects.exists()


def test_a_closed_period_takes_no_sheet(client, o):
    aides.stage(o, debut=f.jours(-60), fin=f.jours(-20))
    response = poster(client, o, date=str(f.jours(-25)))
    assert response.status_code == 422
    assert "Cette période s&#x27;est terminée le" in response.content.decode()
    assert not FicheActivite.objects.exists()


def test_a_signed_attestation_closes_the_placement(client, o):
    stage = aides.stage(o)
    SignaturePFMP.objects.create(stage=stage, document=DocumentSigne.ATTESTATION,
                                 qualite=QualiteSignataire.CHEF, signataire=o.user("ddfpt"),
                                 nom="Chef", empreinte="0" * 64)
    response = poster(client, o)
    assert response.status_code == 422
    assert "L&#x27;attestation de cette PFMP est signée" in response.content.decode()
    assert not FicheActivite.objects.exists()


def test_an_apprentice_sheet_goes_on_the_contract(client, o):
    contrat = aides.contrat(o)
    o.apprenti.user = f.personne("apprenti_a")
    o.apprenti.save()
    response = poster(client, o, user=o.apprenti.user, apprenant=o.apprenti)
    assert response.status_code == 302
    fiche = FicheActivite.objects.get()
    assert (fiche.stage, fiche.contrat) == (None, contrat)


def test_a_teacher_declares_on_the_learners_behalf_and_the_sheet_says_so(client, o):
    aides.stage(o)
    enseignant = o.user("enseignant")
    client.force_login(enseignant)
    page = client.get(reverse("activites:declarer", args=[o.apprenant.pk])).content.decode()
    assert "la fiche indiquera que vous en êtes l’auteur" in page
    response = poster(client, o, user=enseignant)
    fiche = FicheActivite.objects.get()
    assert response.status_code == 302 and fiche.auteur == enseignant
    assert "(pour l’apprenant)" in client.get(response["Location"]).content.decode()


def test_the_learner_edits_while_declared_but_never_after_confirmation(client, o):
    fiche = aides.fiche(o)
    client.force_login(o.apprenant.user)
    url = reverse("activites:modifier", args=[fiche.pk])
    response = client.post(url, {"date": str(fiche.date), "description": "Nouveau texte"})
    assert response.status_code == 302
    fiche.refresh_from_db()
    assert fiche.description == "Nouveau texte"

    FicheActivite.objects.filter(pk=fiche.pk).update(etat=EtatFiche.CONFIRMEE)
    response = client.post(url, {"date": str(fiche.date), "description": "Trop tard"},
                            follow=True)
    assert "Cette fiche a été confirmée par le tuteur : elle ne peut plus être modifiée." \
        in response.content.decode()
    fiche.refresh_from_db()
    assert fiche.description == "Nouveau texte"
    assert "Modifier la fiche" not in client.get(
        reverse("activites:fiche", args=[fiche.pk])).content.decode()


def test_the_service_refuses_an_edit_after_confirmation():
    from django.core.exceptions import ValidationError

    from cpro_platform.activites import fiches

    o = f.monde("B")
    fiche = aides.fiche(o, etat=EtatFiche.CONFIRMEE)
    with pytest.raises(ValidationError, match="confirmée"):
        fiches.modifier(fiche, o.apprenant.user,
                        fiches.Contenu(date=fiche.date, description="x"))


def test_the_teacher_filters_the_class_sheets(client, o):
    declaree = aides.fiche(o)
    revoir = aides.fiche(o, etat=EtatFiche.A_REVOIR)
    FicheActivite.objects.filter(pk=revoir.pk).update(vehicule="Master III")
    client.force_login(o.user("enseignant"))
    url = reverse("activites:classe", args=[o.classe.pk])
    tout = client.get(url).content.decode()
    assert "Clio IV" in tout and "Master III" in tout
    filtre = client.get(url, {"etat": EtatFiche.A_REVOIR, "apprenant": o.apprenant.pk,
                              "periode": declaree.stage.periode_id}).content.decode()
    assert "Master III" in filtre and "Clio IV" not in filtre
