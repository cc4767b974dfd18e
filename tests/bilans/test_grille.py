"""The class view of a campaign: who is done and who is missing, keyboard-grid saves (changed
cells only, versions, conflicts, refused values), and a query count that does not grow with
the class or the referential."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpro_platform.bilans.models import NiveauBilan
from cpro_platform.bilans.validation import valider
from tests import factories as f
from tests.suivi import factories as sf

from . import factories as bf

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return bf.classe()


def _cle(bilan, competence) -> str:
    return f"{bilan.pk}-{competence.pk}"


def test_the_class_view_says_who_is_done_and_who_is_missing(p, client):
    campagne = bf.campagne(p)
    fait = bf.bilan_valide(p)
    reste = campagne.bilans.get(apprenant=p.apprenants[1])
    client.force_login(p.enseignant)
    body = " ".join(client.get(reverse("bilans:campagne", args=[campagne.pk])).content
                    .decode().split())
    assert "1 bilan(s) validé(s) sur 2." in body
    assert f"Restent à valider : <a href=\"{reverse('bilans:bilan', args=[reste.pk])}\">" \
           f"{reste.apprenant.nom} {reste.apprenant.prenom}</a> (2 compétences sans niveau ni « NE »)" \
        in body
    assert f'name="c-{_cle(reste, bf.competences(p)[0])}"' in body     # draft: editable
    assert f'name="c-{_cle(fait, bf.competences(p)[0])}"' not in body  # validated: read-only
    # The DDFPT reads validated bilans only.
    ddfpt = f.personne()
    f.role(ddfpt, p.etablissement, "ddfpt")
    client.force_login(ddfpt)
    body = client.get(reverse("bilans:campagne", args=[campagne.pk])).content.decode()
    assert "Seuls les bilans validés sont affichés." in body and 'name="c-' not in body


def test_changed_cells_are_saved_and_answer_their_new_versions(p, client):
    campagne = bf.campagne(p)
    bilan = campagne.bilans.get(apprenant=p.apprenants[1])
    c1, c2 = bf.competences(p)
    client.force_login(p.enseignant)
    response = client.post(reverse("bilans:saisie", args=[campagne.pk]), {
        f"c-{_cle(bilan, c1)}": "3", f"v-{_cle(bilan, c1)}": "1",
        f"c-{_cle(bilan, c2)}": "4", f"v-{_cle(bilan, c2)}": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "(2 niveaux modifiés)" in body and f'id="v-{_cle(bilan, c1)}"' in body
    assert dict(bilan.niveaux.values_list("competence_id", "niveau")) == {c1.pk: 3, c2.pk: 4}
    assert set(bilan.niveaux.values_list("origine", "version")) == {("saisie", 2)}
    valider(bilan, p.enseignant)


def test_a_colleagues_change_is_a_conflict_and_nothing_is_saved(p, client):
    campagne = bf.campagne(p)
    bilan = campagne.bilans.get(apprenant=p.apprenants[1])
    c1, c2 = bf.competences(p)
    NiveauBilan.objects.filter(bilan=bilan, competence=c1).update(niveau=2, version=2)
    client.force_login(p.enseignant)
    response = client.post(reverse("bilans:saisie", args=[campagne.pk]), {
        f"c-{_cle(bilan, c1)}": "3", f"v-{_cle(bilan, c1)}": "1",
        f"c-{_cle(bilan, c2)}": "4", f"v-{_cle(bilan, c2)}": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "un collègue a enregistré « 2 » pendant votre saisie de « 3 »" in (
        response.content.decode())
    assert dict(bilan.niveaux.values_list("competence_id", "niveau")) == {c1.pk: 2, c2.pk: None}


def test_ne_typed_in_the_grid_marks_the_competence_not_assessed_and_delete_undoes_it(p, client):
    campagne = bf.campagne(p)
    bilan = campagne.bilans.get(apprenant=p.apprenants[1])
    c1, c2 = bf.competences(p)
    url = reverse("bilans:saisie", args=[campagne.pk])
    client.force_login(p.enseignant)
    response = client.post(url, {f"c-{_cle(bilan, c1)}": "NE", f"v-{_cle(bilan, c1)}": "1",
                                 f"c-{_cle(bilan, c2)}": "3", f"v-{_cle(bilan, c2)}": "1"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "(2 niveaux modifiés)" in response.content.decode()
    assert set(bilan.niveaux.values_list("competence_id", "niveau", "origine")) == {
        (c1.pk, None, "non_evalue"), (c2.pk, 3, "saisie")}
    # The grid shows it back, and the count of what is left to decide leaves it out.
    body = " ".join(client.get(reverse("bilans:campagne", args=[campagne.pk])).content
                    .decode().split())
    assert f'name="c-{_cle(bilan, c1)}" value="NE"' in body
    assert 'data-speciaux="NE" data-suppr="efface"' in body
    nom = f"{bilan.apprenant.nom} {bilan.apprenant.prenom}</a>"
    assert f"{nom} (prêt à valider)" in body
    # NE again changes nothing; an empty cell returns it to "undecided".
    response = client.post(url, {f"c-{_cle(bilan, c1)}": "ne", f"v-{_cle(bilan, c1)}": "2"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and bilan.niveaux.get(competence=c1).version == 2
    client.post(url, {f"c-{_cle(bilan, c1)}": "", f"v-{_cle(bilan, c1)}": "2"},
                HTTP_HX_REQUEST="true")
    assert bilan.niveaux.get(competence=c1).code == ""


def test_a_colleagues_ne_is_a_conflict_shown_as_ne(p, client):
    campagne = bf.campagne(p)
    bilan = campagne.bilans.get(apprenant=p.apprenants[1])
    c1 = bf.competences(p)[0]
    NiveauBilan.objects.filter(bilan=bilan, competence=c1).update(origine="non_evalue",
                                                                  version=2)
    client.force_login(p.enseignant)
    response = client.post(reverse("bilans:saisie", args=[campagne.pk]), {
        f"c-{_cle(bilan, c1)}": "3", f"v-{_cle(bilan, c1)}": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    body = response.content.decode()
    assert "un collègue a enregistré « NE » pendant votre saisie de « 3 »" in body
    assert 'data-prendre="%s" data-code="NE"' % _cle(bilan, c1) in body


@pytest.mark.parametrize("code,message", [("7", "« 7 » n’est pas un niveau de l’échelle"),
                                          ("ABS", "« ABS » n’est pas un niveau")])
def test_a_value_off_the_scale_refuses_the_batch(p, client, code, message):
    campagne = bf.campagne(p)
    bilan = campagne.bilans.get(apprenant=p.apprenants[1])
    c1, c2 = bf.competences(p)
    client.force_login(p.enseignant)
    response = client.post(reverse("bilans:saisie", args=[campagne.pk]), {
        f"c-{_cle(bilan, c1)}": "3", f"v-{_cle(bilan, c1)}": "1",
        f"c-{_cle(bilan, c2)}": code, f"v-{_cle(bilan, c2)}": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422 and message in response.content.decode()
    assert set(bilan.niveaux.values_list("niveau", flat=True)) == {None}


def test_a_cell_of_another_campaign_is_refused(p, client):
    c1 = bf.campagne(p, "Bilan P1")
    autre = bf.campagne(p, "Bilan P2", jours=-1)
    bilan = autre.bilans.get(apprenant=p.apprenants[1])
    competence = bf.competences(p)[0]
    client.force_login(p.enseignant)
    response = client.post(reverse("bilans:saisie", args=[c1.pk]), {
        f"c-{_cle(bilan, competence)}": "3", f"v-{_cle(bilan, competence)}": "1"},
        HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "n’appartiennent à aucun bilan de cette campagne" in response.content.decode()


def _requetes(client, campagne) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("bilans:campagne", args=[campagne.pk])).status_code == 200
    return len(ctx.captured_queries)


def test_the_campaign_page_query_count_is_constant_and_at_most_15(client):
    petite = bf.classe(apprenants=2, nb_criteres=4)
    grande = bf.classe(apprenants=12, nb_criteres=8)
    sf.criteres(grande.classe.referentiel, 8)            # more compétences, another bloc
    campagnes = [bf.campagne(petite), bf.campagne(grande)]
    bf.bilan_valide(grande, grande.apprenants[3])
    comptes = []
    for p, campagne in zip((petite, grande), campagnes):
        client.force_login(p.enseignant)
        _requetes(client, campagne)                      # warm-up (sessions, caches)
        comptes.append(_requetes(client, campagne))
    assert comptes[0] == comptes[1] <= 15, comptes


def test_provisional_referential_content_is_badged(p, client):
    campagne = bf.campagne(p)
    competence = bf.competences(p)[0]
    client.force_login(p.enseignant)
    url = reverse("bilans:campagne", args=[campagne.pk])
    assert "contenu provisoire" not in client.get(url).content.decode()
    competence.provenance = "provisoire"
    competence.save()
    body = client.get(url).content.decode()
    assert "contenu provisoire, en attente du texte officiel" in body
    assert f"{competence.intitule} (provisoire)" in body
    bilan = campagne.bilans.first()
    body = client.get(reverse("bilans:bilan", args=[bilan.pk])).content.decode()
    assert "contenu provisoire, en attente du texte officiel" in body
