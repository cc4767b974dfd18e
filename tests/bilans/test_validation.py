"""Validation freezes a bilan: refused when incomplete (saying which compétences), signed and
dated; a validated bilan refuses every write — model, database, services, views (a French
message, never a 500); a correction is a new bilan that replaces it."""
import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from cpro_platform.bilans.lecture import dernier_bilan_valide, profil, profil_evalue
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
    assert (f"Le bilan ne peut pas être validé : 2 compétence(s) sans niveau ni décision "
            f"({', '.join(codes)}). Donnez un niveau à chacune, ou marquez-la « non évaluée à "
            f"cette date » : « NE » dans la liste du niveau, touche « N » dans la grille de la "
            f"classe.") in response.content.decode()
    bilan.refresh_from_db()
    assert not bilan.valide and bilan.valide_par is None


def _non_evaluee(bilan, competence) -> None:
    NiveauBilan.objects.filter(bilan=bilan, competence=competence).update(
        niveau=None, origine="non_evalue")


def test_a_bilan_with_competences_not_assessed_yet_is_validated(p):
    """Mid-cycle: a level or "non évaluée à cette date" on each line is complete; what is
    neither is listed."""
    bilan = bf.campagne(p).bilans.get(apprenant=p.apprenants[1])
    c1, c2 = bf.competences(p)
    _non_evaluee(bilan, c1)
    with pytest.raises(BilanIncomplet) as erreur:
        valider(bilan, p.enseignant)
    assert erreur.value.codes == [c2.code]
    NiveauBilan.objects.filter(bilan=bilan, competence=c2).update(niveau=3)
    assert valider(bilan, p.enseignant).valide
    # Outside the profile: the rules never see it, duplication does not count it.
    assert dict(profil(bilan)) == {c2.code: 3}
    assert profil_evalue(bilan) == {c2.code}


def test_the_database_still_refuses_a_raw_update_of_a_validated_bilan_with_ne(p):
    bilan = bf.campagne(p).bilans.get(apprenant=p.apprenants[1])
    c1, c2 = bf.competences(p)
    _non_evaluee(bilan, c1)
    NiveauBilan.objects.filter(bilan=bilan, competence=c2).update(niveau=3)
    valider(bilan, p.enseignant)
    for sql in ["UPDATE bilans_niveaubilan SET niveau = 4, origine = 'saisie' "
                "WHERE bilan_id = %s AND origine = 'non_evalue'",
                "UPDATE bilans_bilan SET etat = 'brouillon' WHERE id = %s"]:
        with pytest.raises(DatabaseError, match="bilan valide"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [bilan.pk])
    assert bilan.niveaux.get(competence=c1).non_evalue
    assert Bilan.objects.get(pk=bilan.pk).valide


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


def test_the_draft_form_offers_and_saves_ne(p, client):
    bilan = bf.campagne(p).bilans.get(apprenant=p.apprenants[1])
    c1, c2 = bf.competences(p)
    client.force_login(p.enseignant)
    page = client.get(reverse("bilans:bilan", args=[bilan.pk])).content.decode()
    assert '<option value="NE">NE — non évaluée à cette date</option>' in page
    response = client.post(reverse("bilans:modifier", args=[bilan.pk]), {
        f"niveau-{c1.pk}": "NE", f"niveau-{c2.pk}": "2", "appreciation": "Début de cycle.",
        "valider": "1"}, follow=True)
    body = response.content.decode()
    assert "validé : il est archivé" in body
    assert set(bilan.niveaux.values_list("competence_id", "niveau", "origine")) == {
        (c1.pk, None, "non_evalue"), (c2.pk, 2, "saisie")}
    assert f"Non évaluée à cette date : {c1.code}." in body
    assert '<abbr title="Non évaluée à cette date">NE</abbr>' in body
    # The learner's list of bilans counts them.
    liste = client.get(reverse("bilans:apprenant", args=[bilan.apprenant_id])).content.decode()
    assert "1 évaluée(s), 1 non évaluée(s) à cette date" in liste


def test_a_ne_option_is_selected_back_and_can_be_undone(p, client):
    bilan = bf.campagne(p).bilans.get(apprenant=p.apprenants[1])
    c1, _c2 = bf.competences(p)
    _non_evaluee(bilan, c1)
    client.force_login(p.enseignant)
    page = client.get(reverse("bilans:bilan", args=[bilan.pk])).content.decode()
    assert '<option value="NE" selected>' in page
    client.post(reverse("bilans:modifier", args=[bilan.pk]), {f"niveau-{c1.pk}": ""})
    ligne = bilan.niveaux.get(competence=c1)
    assert (ligne.niveau, ligne.non_evalue) == (None, False)


def test_a_correction_keeps_the_competences_not_assessed(p):
    bilan = bf.campagne(p).bilans.get(apprenant=p.apprenants[1])
    c1, c2 = bf.competences(p)
    _non_evaluee(bilan, c1)
    NiveauBilan.objects.filter(bilan=bilan, competence=c2).update(niveau=3)
    valider(bilan, p.enseignant)
    correction = corriger(bilan, p.enseignant)
    assert {(n.competence_id, n.code) for n in correction.niveaux.all()} == {
        (c1.pk, "NE"), (c2.pk, "3")}
    assert valider(correction, p.enseignant).valide   # complete as it was


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
