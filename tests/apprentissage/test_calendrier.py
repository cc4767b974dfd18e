"""The alternance calendar: weeks inside the contract only, the pattern, the copy, the counts
and the stretches of company weeks the master writes about."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cpro_platform.apprentissage.calendrier import (
    decomptes, calendrier, enregistrer_semaines, lundi_de, lundis, periodes_entreprise)
from cpro_platform.apprentissage.models import SemaineAlternance
from cpro_platform.etablissements.models import Statut
from tests import factories as f

pytestmark = pytest.mark.django_db
SEMAINE = datetime.timedelta(days=7)


def _url(nom, contrat):
    return reverse(f"apprentissage:{nom}", args=[contrat.pk])


def test_one_row_per_week_from_the_first_monday_to_the_last(cas):
    contrat = cas["contrat"]
    semaines = lundis(contrat)
    assert semaines[0] == lundi_de(contrat.debut) and semaines[-1] == lundi_de(contrat.fin)
    assert all(b - a == SEMAINE for a, b in zip(semaines, semaines[1:]))
    assert all(lundi.weekday() == 0 for lundi in semaines)


def test_a_week_outside_the_contract_is_refused_and_nothing_is_written(client, cas):
    contrat = cas["contrat"]
    dedans, dehors = lundi_de(contrat.debut), lundi_de(contrat.debut) - SEMAINE
    client.force_login(cas["formateur"])
    response = client.post(_url("calendrier", contrat), {
        f"s-{dedans.isoformat()}": "cfa", f"s-{dehors.isoformat()}": "entreprise"})
    assert response.status_code == 422
    texte = response.content.decode()
    assert f"La semaine du {dehors:%d/%m/%Y} est hors du contrat" in texte
    assert not contrat.semaines.exists()
    with pytest.raises(ValidationError, match="hors du contrat"):
        enregistrer_semaines(contrat, {lundi_de(contrat.fin) + SEMAINE: "cfa"})
    with pytest.raises(ValidationError, match="hors du contrat"):  # not a Monday
        enregistrer_semaines(contrat, {dedans + datetime.timedelta(days=2): "cfa"})


def test_the_trainer_saves_weeks_and_clears_one(client, cas):
    contrat = cas["contrat"]
    a, b = lundis(contrat)[:2]
    client.force_login(cas["formateur"])
    response = client.post(_url("calendrier", contrat), {f"s-{a}": "cfa", f"s-{b}": "conge"})
    assert response.status_code == 302
    assert dict(contrat.semaines.values_list("lundi", "lieu")) == {a: "cfa", b: "conge"}
    client.post(_url("calendrier", contrat), {f"s-{a}": ""})
    assert dict(contrat.semaines.values_list("lundi", "lieu")) == {b: "conge"}
    page = client.get(_url("calendrier", contrat)).content.decode()
    assert f'name="s-{b}"' in page and "calendrier.js" in page


def test_the_pattern_fills_two_cfa_two_company_weeks_to_the_end_and_counts_them(client, cas):
    contrat = cas["contrat"]
    depuis = lundis(contrat)[4]
    client.force_login(cas["formateur"])
    response = client.post(_url("motif", contrat), {
        "depuis": depuis.isoformat(), "cfa": 2, "entreprise": 2, "premier": "cfa"})
    assert response.status_code == 302
    semaines = [s for s in calendrier(contrat) if s.lundi >= depuis]
    attendu = ["cfa", "cfa", "entreprise", "entreprise"]
    assert [s.lieu for s in semaines] == [attendu[i % 4] for i in range(len(semaines))]
    assert all(not s.lieu for s in calendrier(contrat) if s.lundi < depuis)
    compte = decomptes(calendrier(contrat))
    assert compte["cfa"] + compte["entreprise"] == len(semaines)
    assert compte["vide"] == 4
    page = client.get(_url("calendrier", contrat)).content.decode()
    assert f'<span data-decompte="entreprise">{compte["entreprise"]}</span>' in page


def test_the_calendar_is_copied_from_another_contract_of_the_class(client, cas):
    autre = f.contrat(f.apprenant(cas["e"], cas["classe"], nom="VOISIN",
                                  statut=Statut.APPRENTI, debut=f.jours(-200)),
                      cas["maitre"], debut=cas["contrat"].debut - SEMAINE * 4,
                      fin=cas["contrat"].debut + SEMAINE * 3)
    premiere = lundi_de(autre.debut)
    for i, lundi in enumerate(lundis(autre)):
        SemaineAlternance.objects.create(contrat=autre, lundi=lundi,
                                         lieu="cfa" if i % 2 else "entreprise")
    client.force_login(cas["formateur"])
    page = client.get(_url("calendrier", cas["contrat"])).content.decode()
    assert "VOISIN" in page
    response = client.post(_url("copier", cas["contrat"]), {"source": autre.pk})
    assert response.status_code == 302
    copie = dict(cas["contrat"].semaines.values_list("lundi", "lieu"))
    # Only the weeks within this contract are copied.
    assert premiere not in copie
    assert copie == {lundi: lieu for lundi, lieu in autre.semaines.values_list("lundi", "lieu")
                     if lundi >= lundi_de(cas["contrat"].debut)}


def test_a_contract_of_another_class_cannot_be_copied(client, cas):
    ailleurs = f.classe(cas["e"], "T AUTRE")
    autre = f.contrat(f.apprenant(cas["e"], ailleurs, statut=Statut.APPRENTI,
                                  debut=f.jours(-200)), cas["maitre"])
    client.force_login(cas["ddfpt"])
    response = client.post(_url("copier", cas["contrat"]), {"source": autre.pk})
    assert response.status_code == 422
    assert not cas["contrat"].semaines.exists()


def test_consecutive_company_weeks_make_one_stretch_clipped_to_the_contract(cas):
    contrat = cas["contrat"]
    semaines = lundis(contrat)
    lieux = {semaines[0]: "entreprise", semaines[1]: "entreprise", semaines[2]: "cfa",
             semaines[3]: "entreprise", semaines[4]: "conge", semaines[5]: "entreprise"}
    enregistrer_semaines(contrat, lieux)
    periodes = periodes_entreprise(contrat)
    assert [(p.debut, p.fin, p.semaines) for p in periodes] == [
        (contrat.debut, semaines[1] + datetime.timedelta(days=6), 2),
        (semaines[3], semaines[3] + datetime.timedelta(days=6), 1),
        (semaines[5], semaines[5] + datetime.timedelta(days=6), 1)]
