"""The CCF class grid saves from grille.js's JSON body at its realistic maximum size (36
candidates × 12 grid lines), refuses a foreign cell with nothing written, and a stale
version is a conflict as before."""
import html

import pytest
from django.urls import reverse

from cpro_platform.certification.models import DegreGrille, GrilleCCF
from cpro_platform.suivi.envoi import corps_json

from . import factories as cf

pytestmark = pytest.mark.django_db


def envoyer(client, s, corps: bytes):
    return client.post(reverse("certification:saisie_grilles",
                               args=[s.session.pk, s.epreuve.pk]), corps,
                       content_type="application/json")


def texte(reponse) -> str:
    return html.unescape(" ".join(reponse.content.decode().split()))


def test_a_36_by_12_ccf_grid_saves_in_one_json_post(client):
    s = cf.session(apprenants=36, nb_competences=12, indicateurs=False)
    client.force_login(s.enseignant)
    voulu = {(a.pk, c.pk): str(1 + (a.pk + c.pk) % 4) for a in s.apprenants
             for c in s.competences}
    r = envoyer(client, s, corps_json(voulu))
    assert r.status_code == 200 and "(432 degrés modifiés)" in texte(r)
    assert GrilleCCF.objects.filter(session=s.session).count() == 36
    assert {(d.grille.apprenant_id, d.competence_id): str(d.degre)
            for d in DegreGrille.objects.select_related("grille")} == voulu


def test_a_foreign_cell_or_a_stale_version_writes_nothing(client):
    s = cf.session(apprenants=2, nb_competences=2)
    a, c = s.apprenants[0], s.competences[0]
    etranger = cf.session(apprenants=1).apprenants[0]
    client.force_login(s.enseignant)
    r = envoyer(client, s, corps_json({(a.pk, c.pk): "3", (etranger.pk, c.pk): "2"}))
    assert r.status_code == 422
    assert "Saisie refusée, rien n’a été enregistré" in texte(r)
    assert "n’appartiennent à aucun candidat" in texte(r)
    assert not GrilleCCF.objects.exists()
    assert envoyer(client, s, corps_json({(a.pk, c.pk): "3"})).status_code == 200
    r = envoyer(client, s, corps_json({(a.pk, c.pk): "1"}))     # read before the 3
    assert r.status_code == 409
    assert "un collègue a enregistré « 3 » pendant votre saisie de « 1 »" in texte(r)
    assert list(DegreGrille.objects.values_list("degre", flat=True)) == [3]
