"""Marks from the last validated bilan: the worked example of docs/plugin_hooks.md to the
hundredth through the mark service; pondérations (model, own, sum = 100, duplicate to the
same profile); modulation within ±2 with a reason; a failing plugin named, nothing written."""
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from cpro_platform import hookimpl, plugins
from cpro_platform.bilans import notes, ponderations
from cpro_platform.bilans.models import Note, NiveauBilan, PonderationApprenant
from cpro_platform.bilans.validation import valider
from cpro_platform.plugins import PluginInfo, get_plugin_manager

from . import factories as bf

pytestmark = pytest.mark.django_db


@pytest.fixture
def e32():
    """The worked example: C2.1 35 %, C2.2 40 %, C2.3 25 %; the first learner at 3, 4, 2."""
    p = bf.classe(apprenants=3, nb_criteres=6)
    competences = bf.competences(p)
    for competence, code in zip(competences, ["C2.1", "C2.2", "C2.3"]):
        competence.code = code
        competence.save()
    epreuve = bf.epreuve(p, dict(zip(competences, [35, 40, 25])), code="E32")
    campagne = bf.campagne(p)
    for apprenant, niveaux in zip(p.apprenants, [(3, 4, 2), (1, 2, 3), (4, 4, 4)]):
        bilan = campagne.bilans.get(apprenant=apprenant)
        for competence, niveau in zip(competences, niveaux):
            NiveauBilan.objects.filter(bilan=bilan, competence=competence).update(niveau=niveau)
        valider(bilan, p.enseignant)
    p.e32, p.campagne = epreuve, campagne
    return p


def _bilan(p, i=0):
    return p.campagne.bilans.get(apprenant=p.apprenants[i])


def test_the_worked_example_to_the_hundredth(e32):
    note = notes.calculer(_bilan(e32), e32.e32, e32.enseignant)
    assert note.note_calculee == note.note == Decimal("14.33") and note.courante
    assert [t["points"] for t in note.explication["termes"]] == ["4.67", "8.00", "1.67"]
    assert note.explication["calcul"] == "20 × (35 × 2/3 + 40 × 1 + 25 × 1/3) ÷ 100 = 14,33"
    assert note.ponderation == {"origine": "referentiel",
                                "poids": {"C2.1": "35.00", "C2.2": "40.00", "C2.3": "25.00"}}


@pytest.fixture
def e32_mi_parcours():
    """The worked example mid-cycle: C2.3 not assessed yet for the first and third learners
    (their bilans validated with it "non évaluée à cette date"), the second one complete."""
    p = bf.classe(apprenants=3, nb_criteres=6)
    competences = bf.competences(p)
    for competence, code in zip(competences, ["C2.1", "C2.2", "C2.3"]):
        competence.code = code
        competence.save()
    p.e32 = bf.epreuve(p, dict(zip(competences, [35, 40, 25])), code="E32")
    p.campagne = bf.campagne(p)
    client = Client()
    client.force_login(p.enseignant)
    for apprenant, niveaux in zip(p.apprenants, [("3", "4", "NE"), ("1", "2", "3"),
                                                 ("4", "4", "NE")]):
        bilan = p.campagne.bilans.get(apprenant=apprenant)
        reponse = client.post(reverse("bilans:modifier", args=[bilan.pk]), {
            "valider": "1", **{f"niveau-{c.pk}": n for c, n in zip(competences, niveaux)}})
        assert reponse.status_code == 302, reponse.content.decode()
    return p


def test_a_competence_not_assessed_is_left_aside_as_in_the_worked_example(e32_mi_parcours,
                                                                          client):
    """docs/plugin_hooks.md, second half: without C2.3 the mark is 16.89."""
    p = e32_mi_parcours
    note = notes.calculer(_bilan(p), p.e32, p.enseignant)
    assert note.note == Decimal("16.89")
    assert note.explication["manquantes"] == ["C2.3"]
    assert [t["competence"] for t in note.explication["termes"]] == ["C2.1", "C2.2"]
    assert note.explication["calcul"] == "20 × (35 × 2/3 + 40 × 1) ÷ 75 = 16,89"
    client.force_login(p.apprenants[0].user)
    body = " ".join(client.get(reverse("bilans:note", args=[p.apprenants[0].pk, p.e32.pk]))
                    .content.decode().split())
    assert ("Compétences pondérées non évaluées à la date du bilan, laissées de côté : C2.3. "
            "La note porte sur les compétences évaluées") in body
    assert '<abbr title="Non évaluée à cette date">NE</abbr>' in body


def test_duplication_tells_apart_the_profiles_of_evaluated_competences(e32_mi_parcours,
                                                                       client):
    p = e32_mi_parcours
    a, b, c = p.apprenants
    assert ponderations.meme_profil(a, p.classe) == [c]
    assert ponderations.meme_profil(b, p.classe) == []
    client.force_login(p.enseignant)
    body = " ".join(client.get(reverse("bilans:note", args=[a.pk, p.e32.pk])).content
                    .decode().split())
    assert ("Profil de l’apprenant : C2.1, C2.2.") in body
    assert f"Même profil : {c.nom_complet}." in body
    assert "sans celles marquées « non évaluée à cette date »" in body
    client.post(reverse("bilans:ponderation", args=[a.pk, p.e32.pk]), {
        "code": ["C2.1", "C2.2", "C2.3"], "poids-C2.1": "50", "poids-C2.2": "30",
        "poids-C2.3": "20"})
    client.post(reverse("bilans:dupliquer", args=[a.pk, p.e32.pk]))
    assert ponderations.ponderation_propre(c, p.e32).copie_de.apprenant == a
    assert ponderations.ponderation_propre(b, p.e32) is None


def test_why_this_mark_shows_levels_weights_formula_and_modulation(e32, client):
    a = e32.apprenants[0]
    note = notes.calculer(_bilan(e32), e32.e32, e32.enseignant)
    notes.moduler(note, Decimal("0.67"), "Très bonne implication en PFMP.", e32.enseignant)
    client.force_login(a.user)   # the learner reads it
    body = client.get(reverse("bilans:note", args=[a.pk, e32.e32.pk])).content.decode()
    for attendu in ["Pourquoi cette note", "15,00 / 20", "Note calculée : 14,33",
                    "+0,67", "Très bonne implication en PFMP.", "2/3", "35 %", "4,67",
                    "20 × (35 × 2/3 + 40 × 1 + 25 × 1/3) ÷ 100 = 14,33", "note = 20 × Σ"]:
        assert attendu in body, (attendu, re.sub(r"\s+", " ", body[body.find("<h1"):])[:3000])
    assert "Calculer la note" not in body and "Moduler" not in body   # read-only


@pytest.mark.parametrize("modulation,motif,message", [
    ("2.5", "Effort", "La modulation est limitée à ±2 points : 2.5 est refusé."),
    ("-3", "Effort", "La modulation est limitée à ±2 points"),
    ("1", "", "Une modulation doit être motivée : indiquez la raison."),
    ("deux", "Effort", "« deux » n’est pas un nombre de points."),
])
def test_a_bad_modulation_is_refused_and_nothing_is_written(e32, client, modulation, motif,
                                                           message):
    a = e32.apprenants[0]
    note = notes.calculer(_bilan(e32), e32.e32, e32.enseignant)
    client.force_login(e32.enseignant)
    response = client.post(reverse("bilans:moduler", args=[a.pk, e32.e32.pk]),
                           {"note": note.pk, "modulation": modulation, "motif": motif})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert list(Note.objects.values_list("note", "courante")) == [(Decimal("14.33"), True)]


def test_modulation_adds_a_row_and_keeps_the_previous_one(e32, client):
    a = e32.apprenants[0]
    client.force_login(e32.enseignant)
    client.post(reverse("bilans:calculer", args=[a.pk, e32.e32.pk]))
    page = client.get(reverse("bilans:note", args=[a.pk, e32.e32.pk])).content.decode()
    note_affichee = re.search(r'name="note" value="(\d+)"', page).group(1)
    response = client.post(reverse("bilans:moduler", args=[a.pk, e32.e32.pk]),
                           {"note": note_affichee, "modulation": "-1,5",
                            "motif": "Dossier rendu en retard."})
    assert response.status_code == 302
    assert list(Note.objects.order_by("pk").values_list(
        "note_calculee", "modulation", "note", "courante")) == [
        (Decimal("14.33"), Decimal("0"), Decimal("14.33"), False),
        (Decimal("14.33"), Decimal("-1.5"), Decimal("12.83"), True)]
    assert notes.notes_courantes(_bilan(e32))[e32.e32.pk].motif == "Dossier rendu en retard."


def test_a_modulation_of_a_mark_recalculated_meanwhile_is_refused(e32, client):
    """Two teachers: one opens the page, the other modulates the mark; the first one's
    modulation would stack on a mark they never saw: refused, nothing written."""
    a = e32.apprenants[0]
    vue = notes.calculer(_bilan(e32), e32.e32, e32.enseignant)
    notes.moduler(vue, Decimal("1"), "Collègue : bonne implication.", e32.enseignant)
    client.force_login(e32.enseignant)
    response = client.post(reverse("bilans:moduler", args=[a.pk, e32.e32.pk]),
                           {"note": vue.pk, "modulation": "-1,5", "motif": "Retard."})
    assert response.status_code == 422
    assert "Cette note a été recalculée ou modulée par quelqu’un d’autre" in \
        response.content.decode()
    assert notes.notes_courantes(_bilan(e32))[e32.e32.pk].note == Decimal("15.33")
    assert Note.objects.count() == 2


def test_pondérations_not_summing_to_100_are_refused(e32, client):
    a = e32.apprenants[0]
    client.force_login(e32.enseignant)
    response = client.post(reverse("bilans:ponderation", args=[a.pk, e32.e32.pk]), {
        "code": ["C2.1", "C2.2", "C2.3"], "poids-C2.1": "30", "poids-C2.2": "40",
        "poids-C2.3": "20"})
    assert response.status_code == 422
    assert ("Les pondérations doivent totaliser 100 % ; leur somme est 90 %. Rien n’a été "
            "enregistré.") in response.content.decode()
    assert not PonderationApprenant.objects.exists()


def test_own_pondération_is_used_and_duplicated_to_the_same_profile(e32, client):
    a, b, c = e32.apprenants
    # c's last validated bilan is on fewer compétences: another profile.
    competence = bf.competences(e32)[2]
    autre = bf.campagne(e32, "Bilan P2", jours=-1)
    for apprenant in (a, b):
        autre.bilans.get(apprenant=apprenant).delete()
    bilan_c = autre.bilans.get(apprenant=c)
    bilan_c.niveaux.filter(competence=competence).delete()
    bf.remplir(bilan_c)
    valider(bilan_c, e32.enseignant)
    assert ponderations.meme_profil(a, e32.classe) == [b]

    client.force_login(e32.enseignant)
    client.post(reverse("bilans:ponderation", args=[a.pk, e32.e32.pk]), {
        "code": ["C2.1", "C2.2", "C2.3"], "poids-C2.1": "50", "poids-C2.2": "50",
        "poids-C2.3": "0"})
    response = client.post(reverse("bilans:dupliquer", args=[a.pk, e32.e32.pk]), follow=True)
    assert f"Pondération recopiée à 1 apprenant(s) au profil identique : {b.nom_complet}" in (
        response.content.decode())
    assert ponderations.ponderation_propre(c, e32.e32) is None
    copie = ponderations.ponderation_propre(b, e32.e32)
    assert copie.poids == {"C2.1": "50", "C2.2": "50"} and copie.copie_de.apprenant == a
    # a: 20 × (50 × 2/3 + 50 × 1) / 100 = 16.67
    assert notes.calculer(_bilan(e32), e32.e32, e32.enseignant).note == Decimal("16.67")


class NoteCassee:
    @hookimpl
    def compute_note(self, referentiel, epreuve, profil, ponderation, echelle):
        raise RuntimeError("barème introuvable")


@pytest.fixture
def casse(monkeypatch):
    pm = get_plugin_manager(entry_points=[])
    pm.infos["fixture_note"] = PluginInfo("fixture_note", "cpro-fixture-note", "1.2")
    pm.register(NoteCassee(), name="fixture_note")
    monkeypatch.setattr(plugins, "_cached", pm)


def test_a_failing_mark_rule_is_named_and_the_page_stays_usable(e32, client, casse):
    a = e32.apprenants[0]
    client.force_login(e32.enseignant)
    url = reverse("bilans:note", args=[a.pk, e32.e32.pk])
    page = client.get(url)
    assert page.status_code == 200
    alerte = ("Le plugin fixture_note (distribution cpro-fixture-note version 1.2) a échoué : "
              "RuntimeError: barème introuvable")
    assert alerte in page.content.decode()
    assert "Pondérations" in page.content.decode()   # the rest still renders
    response = client.post(reverse("bilans:calculer", args=[a.pk, e32.e32.pk]), follow=True)
    assert alerte + " Rien n’a été enregistré." in response.content.decode()
    assert not Note.objects.exists()
