"""A certificative situation only targets critères of the compétences of its épreuve (for an
épreuve divided into sous-épreuves, theirs): refused on every write path, with a message naming
the offending critères and the épreuve's compétences."""
import html

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from cpro_platform.suivi.models import Situation, TypeSituation
from tests.suivi import factories as sf

pytestmark = pytest.mark.django_db


def texte(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def scenario(lycee):
    return sf.scenario(lycee.classe)


def criteres_de(epreuve) -> list:
    return [c for comp in epreuve.competences.all() for c in comp.criteres.all()]


def donnees(epreuve, criteres, **extra) -> dict:
    return {"titre": "CCF", "ordre": 1, "lieu": "centre", "type": "certificative",
            "epreuve": epreuve.pk, "criteres": [c.pk for c in criteres], **extra}


def test_critere_of_another_epreuve_is_refused_by_the_form(prof, lycee, scenario):
    e31, e32 = lycee.epreuves["E31"], lycee.epreuves["E32"]
    intrus = criteres_de(e32)[0]
    r = prof.post(reverse("suivi:situation_creer", args=[scenario.pk]),
                  donnees(e31, [criteres_de(e31)[0], intrus]))
    assert r.status_code == 200
    message = r.context["form"].errors["criteres"][0]
    assert "ne vise que des critères des compétences de son épreuve E31" in message
    assert f"Ces critères n'en relèvent pas : {intrus.code}." in message
    for competence in e31.competences.all():
        assert f"{competence.code} {competence.intitule}" in message
    assert message in texte(r)
    assert not Situation.objects.filter(titre="CCF").exists()


def test_critères_of_the_epreuve_or_of_its_sous_epreuves_are_accepted(prof, lycee, scenario):
    e3, e31, e32 = (lycee.epreuves[c] for c in ("E3", "E31", "E32"))
    url = reverse("suivi:situation_creer", args=[scenario.pk])
    assert prof.post(url, donnees(e31, criteres_de(e31))).status_code == 302
    r = prof.post(url, donnees(e3, [criteres_de(e31)[0], criteres_de(e32)[0]], titre="E3"))
    assert r.status_code == 302
    assert Situation.objects.get(titre="E3").criteres.count() == 2
    # The ponctuel E2's critères are not E3's.
    r = prof.post(url, donnees(e3, criteres_de(lycee.epreuves["E2"])[:1], titre="X"))
    assert r.status_code == 200 and "épreuve E3" in r.context["form"].errors["criteres"][0]


def test_a_formative_situation_turned_certificative_is_checked(prof, lycee, scenario):
    e31, e32 = lycee.epreuves["E31"], lycee.epreuves["E32"]
    situation = sf.situation(scenario, criteres_de(e32), "TP")
    url = reverse("suivi:situation_modifier", args=[situation.pk])
    r = prof.post(url, donnees(e31, criteres_de(e32), titre="TP"))
    assert r.status_code == 200 and "épreuve E31" in r.context["form"].errors["criteres"][0]
    situation.refresh_from_db()
    assert situation.type == TypeSituation.FORMATIVE
    # Changing the épreuve and the critères together is fine.
    assert prof.post(url, donnees(e31, criteres_de(e31), titre="TP")).status_code == 302
    situation.refresh_from_db()
    assert situation.epreuve == e31 and set(situation.criteres.all()) == set(criteres_de(e31))


def test_every_write_path_keeps_the_rule(lycee, scenario):
    e31, e32 = lycee.epreuves["E31"], lycee.epreuves["E32"]
    situation = sf.situation(scenario, criteres_de(e31), type=TypeSituation.CERTIFICATIVE,
                             epreuve=e31)
    intrus = criteres_de(e32)[0]
    with pytest.raises(ValidationError, match=intrus.code), transaction.atomic():
        situation.criteres.add(intrus)
    with pytest.raises(ValidationError, match="épreuve E31"), transaction.atomic():
        intrus.situations.add(situation)
    assert set(situation.criteres.all()) == set(criteres_de(e31))
    # A change of épreuve through the model is checked against the critères already saved.
    situation.epreuve = e32
    with pytest.raises(ValidationError, match="épreuve E32"):
        situation.full_clean()
