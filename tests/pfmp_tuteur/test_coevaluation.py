"""The tutor's co-evaluation cards: wording shown, levels saved through the grid (versions,
conflicts naming who changed what), refused clearly outside the placement."""
import pytest
from django.urls import reverse

from cpro_platform.etablissements.models import Encadrement
from cpro_platform.suivi.grille import Saisie, courantes, enregistrer_grille
from cpro_platform.suivi.models import Etat
from tests import factories as f
from tests.activites import aides

pytestmark = pytest.mark.django_db


@pytest.fixture
def o():
    return f.monde("A")


def url(stage) -> str:
    return reverse("pfmp_tuteur:evaluer", args=[stage.pk])


def valeurs(stage) -> dict:
    return {e.critere_id: (e.code, e.commentaire, e.auteur_id)
            for e in courantes(stage.periode.situation).values()
            if e.apprenant_id == stage.apprenant_id}


def test_one_card_per_targeted_critere_with_its_wording_and_indicators(client, o):
    stage = aides.stage(o)
    critere = stage.periode.situation.criteres.order_by("pk").first()
    critere.indicateurs.create(intitule="Les fixations sont repérées", provenance="officiel")
    client.force_login(o.tuteur.user)
    page = client.get(url(stage)).content.decode()
    assert page.count('class="cpro-carte') == 3
    assert critere.intitule in page and critere.competence.intitule in page
    assert "Les fixations sont repérées" in page
    assert "Bien maîtrisé" in page and "Non évalué" in page and "Absent" in page


def test_the_tutor_saves_levels_absent_and_a_comment_through_the_grid(client, o):
    stage = aides.stage(o)
    c1, c2, c3 = stage.periode.situation.criteres.order_by("pk")
    client.force_login(o.tuteur.user)
    response = client.post(url(stage), {
        f"valeur-{c1.pk}": "3", f"commentaire-{c1.pk}": "Travail soigné",
        f"valeur-{c2.pk}": "ABS", f"version-{c1.pk}": "0", f"version-{c2.pk}": "0"})
    assert response.status_code == 302
    assert valeurs(stage) == {c1.pk: ("3", "Travail soigné", o.tuteur.user_id),
                              c2.pk: ("ABS", "", o.tuteur.user_id)}
    page = client.get(url(stage)).content.decode()
    assert f'id="v-{c1.pk}-3" value="3" checked' in page


def test_a_level_off_the_scale_is_refused_and_nothing_is_saved(client, o):
    stage = aides.stage(o)
    c1, c2, _c3 = stage.periode.situation.criteres.order_by("pk")
    client.force_login(o.tuteur.user)
    response = client.post(url(stage), {f"valeur-{c1.pk}": "2", f"valeur-{c2.pk}": "9"})
    assert response.status_code == 422
    assert "n&#x27;est pas sur l&#x27;échelle du référentiel" in response.content.decode()
    assert valeurs(stage) == {}


def test_a_stale_card_tells_the_tutor_who_changed_what_and_saves_nothing(client, o):
    stage = aides.stage(o)
    c1 = stage.periode.situation.criteres.order_by("pk").first()
    client.force_login(o.tuteur.user)
    page = client.get(url(stage))
    assert page.status_code == 200
    # Meanwhile, the teacher evaluates the same critère in the PFMP situation.
    enseignant = o.user("enseignant")
    enregistrer_grille(stage.periode.situation, enseignant,
                       [Saisie(o.apprenant.pk, c1.pk, Etat.EVALUE, 2)], {})
    response = client.post(url(stage), {f"valeur-{c1.pk}": "4", f"version-{c1.pk}": "0"})
    assert response.status_code == 409
    body = response.content.decode()
    assert f"Modifié par {enseignant.get_full_name()} le" in body and " : 2." in body
    assert valeurs(stage)[c1.pk][0] == "2"
    # Saving again from the version shown replaces it knowingly.
    response = client.post(url(stage), {f"valeur-{c1.pk}": "4", f"version-{c1.pk}": "1"})
    assert response.status_code == 302
    assert valeurs(stage)[c1.pk][0] == "4"


@pytest.mark.parametrize("debut,fin,message", [
    (-30, -2, "Votre encadrement de cette PFMP a pris fin le"),
    (3, 20, "Cette PFMP commence le"),
])
def test_outside_the_placement_the_page_refuses_and_says_why(client, o, debut, fin, message):
    stage = aides.stage(o)
    Encadrement.objects.filter(pk=stage.encadrement_id).update(debut=f.jours(debut),
                                                               fin=f.jours(fin))
    client.force_login(o.tuteur.user)
    for methode, cible in (("get", url(stage)), ("post", url(stage)),
                           ("post", reverse("pfmp_tuteur:signer", args=[stage.pk]))):
        response = getattr(client, methode)(cible, {"nom": "Tuteur"} if "signer" in cible
                                            else {})
        assert response.status_code == 403
        assert message in response.content.decode()
    assert valeurs(stage) == {}
    assert not stage.signatures.exists()


def test_a_tutor_of_another_learner_gets_nothing(client, o):
    stage = aides.stage(o)
    autre = f.tuteur(o.entreprise, "autretuteur")
    f.encadrement(autre, f.apprenant(o.etablissement, o.classe))
    client.force_login(autre.user)
    assert client.get(url(stage)).status_code == 404
    assert client.post(url(stage), {}).status_code == 404
