"""Opening a campaign: one draft per learner enrolled at the date, prefilled from what was known
at that date (positionnement first, else the suggestion from evaluations up to the date), with
the evidence; refused campaigns write nothing."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cpro_platform.bilans.campagnes import ouvrir_campagne
from cpro_platform.bilans.etats import etats_a_la_date
from cpro_platform.bilans.models import Bilan, Campagne, OrigineNiveau
from tests import factories as f

from . import factories as bf

pytestmark = pytest.mark.django_db


def test_the_state_at_a_date_ignores_what_came_after():
    p = bf.classe()
    a = p.apprenants[0]
    c1, c2 = bf.competences(p)
    bf.positionner(p, a, c2, 1, jours=-15)
    bf.positionner(p, a, c2, 4, jours=-1)          # after the date: ignored
    etats = etats_a_la_date([a.pk], p.classe.referentiel, f.jours(-10))
    par_code = {e.competence: e for e in etats.par_apprenant[a.pk]}
    # Only "TP ancien" (level 2 on both critères) is before the date.
    assert par_code[c1.code].suggestion.niveau == 2
    assert par_code[c1.code].positionnement is None
    assert par_code[c2.code].positionnement.niveau == 1


def test_opening_prefills_each_learner_with_the_evidence():
    p = bf.classe()
    a, b = p.apprenants
    c1, c2 = bf.competences(p)
    bf.positionner(p, a, c2, 1, jours=-15)
    campagne, incidents = ouvrir_campagne(p.classe, titre="Bilan P1", date=f.jours(-10),
                                          auteur=p.enseignant)
    assert not incidents
    bilan_a = campagne.bilans.get(apprenant=a)
    niveaux = {n.competence_id: n for n in bilan_a.niveaux.all()}
    assert (niveaux[c1.pk].niveau, niveaux[c1.pk].origine) == (2, OrigineNiveau.SUGGESTION)
    assert (niveaux[c2.pk].niveau, niveaux[c2.pk].origine) == (1, OrigineNiveau.POSITIONNEMENT)
    assert "positionnement du" in niveaux[c2.pk].raison
    assert niveaux[c2.pk].niveau_propose == 1
    # The other learner has no evidence: no level, said so.
    assert set(campagne.bilans.get(apprenant=b).niveaux.values_list("niveau", "origine")) == {
        (None, OrigineNiveau.AUCUN)}
    assert not bilan_a.valide and bilan_a.date == f.jours(-10)


@pytest.mark.parametrize("titre,jours,message", [
    ("", -10, "Donnez un titre"),
    ("Bilan P1", -10, "a déjà une campagne « Bilan P1 »"),
    ("Bilan d’avant", -400, "Aucun apprenant n’est inscrit"),
])
def test_a_refused_campaign_writes_nothing(client, titre, jours, message):
    p = bf.classe()
    bf.campagne(p, "Bilan P1")
    avant = (Campagne.objects.count(), Bilan.objects.count())
    client.force_login(p.enseignant)
    response = client.post(reverse("bilans:ouvrir", args=[p.classe.pk]),
                           {"titre": titre, "date": f.jours(jours).isoformat()})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert (Campagne.objects.count(), Bilan.objects.count()) == avant
    with pytest.raises(ValidationError):
        ouvrir_campagne(p.classe, titre=titre, date=f.jours(jours), auteur=p.enseignant)


def test_the_teacher_opens_a_campaign_from_the_class_page(client):
    p = bf.classe()
    client.force_login(p.enseignant)
    classe_page = client.get(reverse("etablissements:classe", args=[p.classe.pk])).content
    assert reverse("bilans:campagnes", args=[p.classe.pk]).encode() in classe_page
    response = client.post(reverse("bilans:ouvrir", args=[p.classe.pk]),
                           {"titre": "Fin de période 1", "date": f.jours(-1).isoformat()},
                           follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Campagne « Fin de période 1 » ouverte : 2 bilans en brouillon" in body
    assert "0 bilan(s) validé(s) sur 2" in body
