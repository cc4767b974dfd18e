"""Bad input: people outside the learner's circle get a 404, whatever the id they try."""
import pytest
from django.urls import reverse

from tests import factories as f
from tests.livret.factories import noter, parcours

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    p = parcours()
    noter(p.situation("TP secret", f.jours(-3)), p.enseignant,
          {(p.apprenants[0], p.criteres[0]): "3"})
    return p


def test_a_teacher_of_another_class_reads_neither_livret_nor_class_view(client, p):
    autre_classe = f.classe(p.etablissement)
    intrus = f.enseignant(p.etablissement, autre_classe)
    client.force_login(intrus)
    apprenant = p.apprenants[0]
    for url in [reverse("livret:livret", args=[apprenant.pk]),
                reverse("livret:livret_pdf", args=[apprenant.pk]),
                reverse("livret:tableau_de_bord", args=[apprenant.pk]),
                reverse("livret:positionnements", args=[apprenant.pk]),
                reverse("livret:classe", args=[p.classe.pk])]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"TP secret" not in response.content and apprenant.nom.encode() not in (
            response.content)
    assert client.get(reverse("livret:classe", args=[autre_classe.pk])).status_code == 200


def test_a_tutor_reads_the_livret_only_during_the_encadrement(client, p):
    apprenant = p.apprenants[0]
    tuteur = f.tuteur(f.entreprise(p.etablissement))
    periode = f.encadrement(tuteur, apprenant)
    client.force_login(tuteur.user)
    url = reverse("livret:livret", args=[apprenant.pk])
    assert b"TP secret" in client.get(url).content
    periode.terminer()
    assert client.get(url).status_code == 404


def test_a_learner_reads_only_their_own_livret(client, p):
    moi, autre = p.apprenants
    client.force_login(moi.user)
    assert client.get(reverse("livret:livret", args=[moi.pk])).status_code == 200
    assert client.get(reverse("livret:livret", args=[autre.pk])).status_code == 404
    assert client.get(reverse("livret:classe", args=[p.classe.pk])).status_code == 404
