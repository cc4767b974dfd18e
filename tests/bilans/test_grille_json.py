"""The campaign's class grid saves from grille.js's JSON body at its realistic maximum size
(36 learners × 20 compétences, more than a plain form post may carry), refuses a foreign cell
with nothing written, and a stale version is a conflict as before."""
import html

import pytest
from django.urls import reverse

from cpro_platform.bilans.models import NiveauBilan
from cpro_platform.suivi.envoi import corps_json

from . import factories as bf

pytestmark = pytest.mark.django_db


def envoyer(client, campagne, corps: bytes):
    return client.post(reverse("bilans:saisie", args=[campagne.pk]), corps,
                       content_type="application/json")


def texte(reponse) -> str:
    return html.unescape(" ".join(reponse.content.decode().split()))


def test_a_36_by_20_campaign_grid_saves_in_one_json_post(client):
    p = bf.classe(apprenants=36, nb_criteres=40)     # 2 critères a compétence: 20
    campagne = bf.campagne(p)
    lignes = list(NiveauBilan.objects.filter(bilan__campagne=campagne))
    assert len(lignes) == 36 * 20
    # every cell changes: 2 where the campaign suggested another level, else 1
    voulu = {(n.bilan_id, n.competence_id): "1" if n.code == "2" else "2" for n in lignes}
    client.force_login(p.enseignant)
    r = envoyer(client, campagne, corps_json(
        voulu, {(n.bilan_id, n.competence_id): n.version for n in lignes}))
    assert r.status_code == 200 and "(720 niveaux modifiés)" in texte(r)
    enregistre = {(n.bilan_id, n.competence_id): n.code
                  for n in NiveauBilan.objects.filter(bilan__campagne=campagne)}
    assert enregistre == voulu


def test_a_foreign_cell_or_a_stale_version_writes_nothing(client):
    p = bf.classe(apprenants=2)
    campagne, autre = bf.campagne(p, "Bilan P1"), bf.campagne(p, "Bilan P2", jours=-1)
    bilan, etranger = (c.bilans.get(apprenant=p.apprenants[1]) for c in (campagne, autre))
    c1, c2 = bf.competences(p)
    avant = sorted(NiveauBilan.objects.values_list("pk", "niveau", "origine", "version"))
    client.force_login(p.enseignant)
    r = envoyer(client, campagne, corps_json({(bilan.pk, c1.pk): "3", (etranger.pk, c1.pk): "3"},
                                             {(bilan.pk, c1.pk): 1, (etranger.pk, c1.pk): 1}))
    assert r.status_code == 422
    assert "Saisie refusée, rien n’a été enregistré" in texte(r)
    assert "n’appartiennent à aucun bilan de cette campagne" in texte(r)
    assert sorted(NiveauBilan.objects.values_list("pk", "niveau", "origine", "version")) == avant
    NiveauBilan.objects.filter(bilan=bilan, competence=c2).update(niveau=2, version=2)
    r = envoyer(client, campagne, corps_json({(bilan.pk, c1.pk): "3", (bilan.pk, c2.pk): "4"},
                                             {(bilan.pk, c1.pk): 1, (bilan.pk, c2.pk): 1}))
    assert r.status_code == 409
    assert "un collègue a enregistré « 2 » pendant votre saisie de « 4 »" in texte(r)
    assert dict(bilan.niveaux.values_list("competence_id", "niveau")) == {c1.pk: None, c2.pk: 2}
