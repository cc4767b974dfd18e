"""Validation freezes a bilan: refused when incomplete (saying which compétences), signed and
dated; a validated bilan refuses every write — model, database, services, views (a French
message, never a 500); a correction is a new bilan that replaces it."""
import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from cpro_platform.bilans.lecture import dernier_bilan_valide
from cpro_platform.bilans.models import Bilan, BilanFige, NiveauBilan
from cpro_platform.bilans.validation import BilanIncomplet, corriger, valider

from . import factories as bf

pytestmark = pytest.mark.django_db

FIGE = "Ce bilan est validé : il ne peut plus être modifié."


@pytest.fixture
def p():
    return bf.classe()


def test_an_incomplete_bilan_is_not_validated_and_says_what_is_missing(p, client):
    campagne = bf.campagne(p)
    bilan = campagne.bilans.get(apprenant=p.apprenants[1])   # no evidence: nothing prefilled
    codes = [c.code for c in bf.competences(p)]
    with pytest.raises(BilanIncomplet) as erreur:
        valider(bilan, p.enseignant)
    assert erreur.value.codes == codes
    client.force_login(p.enseignant)
    response = client.post(reverse("bilans:valider", args=[bilan.pk]))
    assert response.status_code == 422
    assert (f"Le bilan ne peut pas être validé : 2 compétence(s) sans niveau "
            f"({', '.join(codes)})") in response.content.decode()
    bilan.refresh_from_db()
    assert not bilan.valide and bilan.valide_par is None


def test_validation_signs_dates_and_freezes(p):
    bilan = bf.bilan_valide(p)
    bilan.refresh_from_db()
    assert bilan.valide and bilan.valide_par == p.enseignant and bilan.valide_le
    bilan.appreciation = "changée"
    with pytest.raises(BilanFige):
        bilan.save()
    ligne = bilan.niveaux.first()
    ligne.niveau = 1
    with pytest.raises(BilanFige):
        ligne.save()
    with pytest.raises(BilanFige):
        valider(bilan, p.enseignant)


@pytest.mark.parametrize("sql", [
    "UPDATE bilans_bilan SET appreciation = 'piratée' WHERE id = %s",
    "UPDATE bilans_niveaubilan SET niveau = 1 WHERE bilan_id = %s",
])
def test_the_database_refuses_a_raw_update_of_a_validated_bilan(p, sql):
    bilan = bf.bilan_valide(p)
    niveaux = sorted(bilan.niveaux.values_list("competence_id", "niveau"))
    with pytest.raises(DatabaseError, match="bilan valide"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql, [bilan.pk])
    assert sorted(bilan.niveaux.values_list("competence_id", "niveau")) == niveaux
    assert Bilan.objects.get(pk=bilan.pk).appreciation == ""


def test_the_database_refuses_a_new_level_in_a_validated_bilan(p):
    bilan = bf.bilan_valide(p)
    with pytest.raises(DatabaseError, match="bilan valide"), transaction.atomic():
        NiveauBilan.objects.bulk_create([NiveauBilan(
            bilan=bilan, competence=bf.sf.criteres(p.classe.referentiel, 1)[0].competence,
            niveau=1, origine="saisie")])
    assert bilan.niveaux.count() == 2


def test_editing_a_validated_bilan_through_the_pages_is_refused_with_a_message(p, client):
    bilan = bf.bilan_valide(p)
    niveaux = sorted(bilan.niveaux.values_list("competence_id", "niveau"))
    competence = bf.competences(p)[0]
    client.force_login(p.enseignant)
    for url, data in [
        (reverse("bilans:modifier", args=[bilan.pk]),
         {f"niveau-{competence.pk}": "1", "appreciation": "changée"}),
        (reverse("bilans:valider", args=[bilan.pk]), {}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 409, url
        assert FIGE in response.content.decode()
    response = client.post(reverse("bilans:saisie", args=[bilan.campagne_id]),
                           {f"c-{bilan.pk}-{competence.pk}": "1",
                            f"v-{bilan.pk}-{competence.pk}": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert FIGE in response.content.decode()
    assert sorted(bilan.niveaux.values_list("competence_id", "niveau")) == niveaux
    assert Bilan.objects.get(pk=bilan.pk).appreciation == ""


def test_the_draft_form_saves_levels_comments_and_validates(p, client):
    bilan = bf.campagne(p).bilans.get(apprenant=p.apprenants[1])
    c1, c2 = bf.competences(p)
    client.force_login(p.enseignant)
    response = client.post(reverse("bilans:modifier", args=[bilan.pk]), {
        f"niveau-{c1.pk}": "3", f"commentaire-{c1.pk}": "Progrès nets en atelier.",
        f"niveau-{c2.pk}": "2", "appreciation": "Bon trimestre.", "valider": "1"},
        follow=True)
    assert response.status_code == 200
    assert "validé : il est archivé" in response.content.decode()
    bilan.refresh_from_db()
    assert bilan.valide and bilan.appreciation == "Bon trimestre."
    assert bilan.niveaux.get(competence=c1).commentaire == "Progrès nets en atelier."
    assert bilan.niveaux.get(competence=c1).origine == "saisie"


def test_a_correction_replaces_the_validated_bilan_which_stays_archived(p, client):
    original = bf.bilan_valide(p)
    client.force_login(p.enseignant)
    response = client.post(reverse("bilans:corriger", args=[original.pk]))
    correction = Bilan.objects.get(remplace=original)
    assert response.status_code == 302 and response["Location"] == reverse(
        "bilans:bilan", args=[correction.pk])
    assert not correction.valide and correction.date == original.date
    assert sorted(correction.niveaux.values_list("competence_id", "niveau")) == sorted(
        original.niveaux.values_list("competence_id", "niveau"))
    assert corriger(original, p.enseignant) == correction   # one correction at a time
    assert dernier_bilan_valide(p.apprenants[0]) == original
    NiveauBilan.objects.filter(bilan=correction).update(niveau=4)
    valider(correction, p.enseignant)
    assert dernier_bilan_valide(p.apprenants[0]) == correction
    page = client.get(reverse("bilans:bilan", args=[original.pk])).content.decode()
    assert "Remplacé par" in page and "Corriger ce bilan" not in page


def test_the_cycle_lists_bilans_by_date_and_marks_the_last_validated(p, client):
    bf.campagne(p, "Bilan P2", jours=-1)
    ancien = bf.bilan_valide(p, titre="Bilan P1")
    recent = bf.bilan_valide(p, titre="Bilan P2")
    bf.campagne(p, "Bilan P3", jours=-1)          # a draft: not shown to the learner
    assert dernier_bilan_valide(p.apprenants[0]) == recent
    client.force_login(p.apprenants[0].user)
    body = client.get(reverse("bilans:apprenant", args=[p.apprenants[0].pk])).content.decode()
    assert body.count("Dernier bilan validé") == 1
    assert body.index("Bilan P2") < body.index("Bilan P1") and "Bilan P3" not in body
    assert body.index("Dernier bilan validé") < body.index("Bilan P1")
    assert ancien.date < recent.date
