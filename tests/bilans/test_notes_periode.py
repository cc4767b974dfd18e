"""Notes de période: asked for by the teacher for a campaign's class, the épreuves' marks at
each learner's validated bilan weighted by their coefficients — the worked example of
docs/bilans.md to the hundredth through the pages; optional (nothing computed on its own);
modulated within ±2 with a reason, append-only; outdated when an épreuve mark changes; a
failing plugin named, nothing written."""
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from cpro_platform import hookimpl, plugins
from cpro_platform.bilans import notes
from cpro_platform.bilans.models import Note, NoteDePeriode
from cpro_platform.plugins import PluginInfo, get_plugin_manager
from tests.bilans_documents.factories import texte_pdf

from . import factories as bf

pytestmark = pytest.mark.django_db

MOTIF = "Très bonne implication en PFMP."


def texte(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def periode():
    """docs/bilans.md, "Note de période": E32 (coefficient 3; C2.1 35 %, C2.2 40 %, C2.3 25 %),
    E2 (coefficient 2; C2.1 50 %, C2.2 50 %), E33 (coefficient 1; C2.4). The first learner's
    bilan: 3, 4, 2 and C2.4 "non évaluée à cette date"; the second one: 1, 2, 3, 4. E32's
    mark of the first learner is computed (14.33) and modulated +0.67 → 15.00."""
    p = bf.classe(apprenants=2, nb_criteres=8)
    competences = bf.competences(p)
    for competence, code in zip(competences, ["C2.1", "C2.2", "C2.3", "C2.4"]):
        competence.code = code
        competence.save()
    c21, c22, c23, c24 = competences
    p.e32 = bf.epreuve(p, {c21: 35, c22: 40, c23: 25}, code="E32")
    p.e2 = bf.epreuve(p, {c21: 50, c22: 50}, code="E2")
    p.e33 = bf.epreuve(p, {c24: 100}, code="E33")
    for epreuve, coefficient, ordre, liste in ((p.e32, 3, 1, [c21, c22, c23]),
                                               (p.e2, 2, 2, [c21, c22]), (p.e33, 1, 3, [c24])):
        epreuve.coefficient, epreuve.ordre = coefficient, ordre
        epreuve.save()
        epreuve.competences.set(liste)
    p.campagne = bf.campagne(p, "Bilan de 1re période")
    client = Client()
    client.force_login(p.enseignant)
    for apprenant, niveaux in zip(p.apprenants, [("3", "4", "2", "NE"), ("1", "2", "3", "4")]):
        bilan = p.campagne.bilans.get(apprenant=apprenant)
        reponse = client.post(reverse("bilans:modifier", args=[bilan.pk]), {
            "valider": "1", **{f"niveau-{c.pk}": n for c, n in zip(competences, niveaux)}})
        assert reponse.status_code == 302, reponse.content.decode()
    p.bilans = [p.campagne.bilans.get(apprenant=a) for a in p.apprenants]
    note = notes.calculer(p.bilans[0], p.e32, p.enseignant)
    notes.moduler(note, Decimal("0.67"), MOTIF, p.enseignant)
    p.client = client
    return p


def _courante(bilan) -> int:
    """The id of the period mark the page shows (posted back by its modulation form)."""
    return NoteDePeriode.objects.get(bilan=bilan, courante=True).pk


def _demander(p, client=None):
    return (client or p.client).post(reverse("bilans:notes_periode", args=[p.campagne.pk]),
                                     follow=True)


def test_the_worked_example_to_the_hundredth(periode):
    p = periode
    reponse = _demander(p)
    assert ("2 notes de période calculées. 4 notes d’épreuve qui manquaient ont été "
            "calculées au passage.") in texte(reponse)
    premiere = NoteDePeriode.objects.get(bilan=p.bilans[0], courante=True)
    assert premiere.note_calculee == premiere.note == Decimal("15.67")   # 78.34 / 5
    explication = premiere.explication
    assert explication["calcul"] == "(15,00 × 3 + 16,67 × 2) ÷ 5 = 15,67"
    assert [(x["epreuve"], x["note"], x["coefficient"], x["points"])
            for x in explication["parts"]] == [("E32", "15.00", "3.00", "9.00"),
                                               ("E2", "16.67", "2.00", "6.67")]
    assert [x["epreuve"] for x in explication["laissees"]] == ["E33"]
    # E2 was computed on the way (not modulated): 20 × (50 × 2/3 + 50 × 1) ÷ 100.
    assert notes.notes_courantes(p.bilans[0])[p.e2.pk].note == Decimal("16.67")
    # The second learner: E32 6.00, E2 3.33, E33 20.00 → (18 + 6.66 + 20) ÷ 6 = 7.44.
    assert NoteDePeriode.objects.get(bilan=p.bilans[1]).note == Decimal("7.44")


def test_why_this_period_mark_is_shown_to_the_learner(periode, client):
    p = periode
    _demander(p)
    a = p.apprenants[0]
    client.force_login(a.user)
    page = texte(client.get(reverse("bilans:note_periode", args=[p.bilans[0].pk])))
    for attendu in ["Pourquoi cette note", "Note retenue : 15,67 / 20", "Pas de modulation.",
                    "E32 – Épreuve E32 15,00 / 20 (calculée 14,33, modulée de +0,67) 3 9,00",
                    "E2 – Épreuve E2 16,67 / 20 2 6,67",
                    "Épreuves sans note à ce bilan, laissées de côté : E33 (Épreuve E33)",
                    "(15,00 × 3 + 16,67 × 2) ÷ 5 = 15,67",
                    "note de période = Σ (note de l’épreuve × coefficient)"]:
        assert attendu in page, (attendu, page[page.find("Note de période"):][:2500])
    assert "Moduler la note" not in page                 # read-only for the learner
    bilans = texte(client.get(reverse("bilans:apprenant", args=[a.pk])))
    assert "Note de période" in bilans and "15,67 / 20" in bilans


def test_the_period_mark_is_optional_and_never_computed_on_its_own(periode, client):
    p = periode
    client.force_login(p.enseignant)
    page = texte(client.get(reverse("bilans:campagne", args=[p.campagne.pk])))
    assert "Calculer les notes de période de la classe" in page
    assert page.count("pas de note de période") == 2
    client.get(reverse("bilans:note_periode", args=[p.bilans[0].pk]))
    client.get(reverse("bilans:apprenant", args=[p.apprenants[0].pk]))
    client.get(reverse("bilans_documents:bilan_pdf", args=[p.bilans[0].pk]))
    assert not NoteDePeriode.objects.exists()
    assert Note.objects.count() == 2                      # E32 computed, then modulated
    autre = Client()
    autre.force_login(p.apprenants[0].user)
    assert "l’équipe pédagogique ne l’a pas demandée" in texte(
        autre.get(reverse("bilans:note_periode", args=[p.bilans[0].pk])))


def test_the_campaign_view_lists_the_period_marks(periode):
    p = periode
    _demander(p)
    page = texte(p.client.get(reverse("bilans:campagne", args=[p.campagne.pk])))
    a, b = p.apprenants
    assert f"{a.nom} {a.prenom} 15,67 / 20 15,67 —" in page
    assert f"{b.nom} {b.prenom} 7,44 / 20 7,44 —" in page


@pytest.mark.parametrize("modulation,motif,message", [
    ("2.5", "Effort", "La modulation est limitée à ±2 points : 2.5 est refusé."),
    ("1", "", "Une modulation doit être motivée : indiquez la raison."),
    ("5", "", "La modulation est limitée à ±2 points"),
])
def test_a_bad_modulation_is_refused_and_nothing_is_written(periode, modulation, motif,
                                                           message):
    p = periode
    _demander(p)
    reponse = p.client.post(reverse("bilans:moduler_periode", args=[p.bilans[0].pk]),
                            {"note": _courante(p.bilans[0]), "modulation": modulation,
                             "motif": motif})
    assert reponse.status_code == 422 and message in reponse.content.decode()
    assert list(NoteDePeriode.objects.filter(bilan=p.bilans[0]).values_list(
        "note", "courante")) == [(Decimal("15.67"), True)]


def test_a_modulation_adds_a_row_and_asking_again_keeps_it(periode):
    p = periode
    _demander(p)
    url = reverse("bilans:moduler_periode", args=[p.bilans[0].pk])
    reponse = p.client.post(url, {"note": _courante(p.bilans[0]), "modulation": "-1,67",
                                  "motif": "Absences répétées."}, follow=True)
    assert "Note de période retenue pour" in texte(reponse)
    page = texte(reponse)
    assert "Note retenue : 14,00 / 20" in page
    assert "Modulation : −1,67 point(s) — motif : « Absences répétées. »" in page
    assert list(NoteDePeriode.objects.filter(bilan=p.bilans[0]).order_by("pk").values_list(
        "note_calculee", "modulation", "note", "courante")) == [
        (Decimal("15.67"), Decimal("0"), Decimal("15.67"), False),
        (Decimal("15.67"), Decimal("-1.67"), Decimal("14.00"), True)]
    # Asking again for the class: both marks are up to date, the modulation stays.
    message = texte(_demander(p))
    assert "2 notes de période déjà à jour, conservées (avec leur modulation)." in message
    assert "notes de période calculées" not in message
    assert NoteDePeriode.objects.get(bilan=p.bilans[0], courante=True).note == Decimal("14")


def test_a_period_mark_recalculated_meanwhile_is_not_modulated(periode):
    p = periode
    _demander(p)
    page = p.client.get(reverse("bilans:note_periode", args=[p.bilans[0].pk])).content.decode()
    vue = re.search(r'name="note" value="(\d+)"', page).group(1)
    # Meanwhile a colleague changes an épreuve mark and asks again for the class's marks.
    e2 = notes.notes_courantes(p.bilans[0])[p.e2.pk]
    notes.moduler(e2, Decimal("-2"), "Dossier incomplet.", p.enseignant)
    _demander(p)
    reponse = p.client.post(reverse("bilans:moduler_periode", args=[p.bilans[0].pk]),
                            {"note": vue, "modulation": "1", "motif": "Assiduité."})
    assert reponse.status_code == 422
    assert "Cette note a été recalculée ou modulée par quelqu’un d’autre" in texte(reponse)
    courante = NoteDePeriode.objects.get(bilan=p.bilans[0], courante=True)
    assert (courante.note, courante.modulation) == (Decimal("14.87"), Decimal("0"))
    # The page shown again carries the new mark: posting from it now works.
    assert f'name="note" value="{courante.pk}"' in reponse.content.decode()


def test_a_changed_epreuve_mark_makes_the_period_mark_outdated(periode):
    p = periode
    _demander(p)
    e2 = notes.notes_courantes(p.bilans[0])[p.e2.pk]
    notes.moduler(e2, Decimal("-2"), "Dossier incomplet.", p.enseignant)   # 16.67 → 14.67
    page = texte(p.client.get(reverse("bilans:campagne", args=[p.campagne.pk])))
    assert "15,67 / 20 à recalculer" in page
    assert "À recalculer : une note d’épreuve de ce bilan" in texte(
        p.client.get(reverse("bilans:note_periode", args=[p.bilans[0].pk])))
    assert ("1 note de période calculée. 1 note de période déjà à jour, conservée (avec sa "
            "modulation).") in texte(_demander(p))
    nouvelle = NoteDePeriode.objects.get(bilan=p.bilans[0], courante=True)
    assert nouvelle.note == Decimal("14.87")              # (45 + 29.34) ÷ 5 = 14.868
    assert "E2 – Épreuve E2 14,67 / 20 (calculée 16,67, modulée de −2,00) 2 5,87" in texte(
        p.client.get(reverse("bilans:note_periode", args=[p.bilans[0].pk])))
    assert NoteDePeriode.objects.filter(bilan=p.bilans[0]).count() == 2


def test_without_a_validated_bilan_nothing_is_computed(periode):
    p = periode
    autre = bf.campagne(p, "Bilan de 2e période", jours=-1)
    reponse = p.client.post(reverse("bilans:notes_periode", args=[autre.pk]), follow=True)
    assert "Aucun bilan validé dans cette campagne" in texte(reponse)
    assert "Calculer les notes de période de la classe" not in texte(reponse)
    assert not NoteDePeriode.objects.exists()


class PeriodeCassee:
    @hookimpl
    def compute_note_periode(self, referentiel, epreuves):
        raise RuntimeError("coefficients introuvables")


def test_a_failing_period_rule_is_named_and_nothing_is_written(periode, monkeypatch):
    pm = get_plugin_manager(entry_points=[])
    pm.infos["fixture_periode"] = PluginInfo("fixture_periode", "cpro-fixture-periode", "2.0")
    pm.register(PeriodeCassee(), name="fixture_periode")
    monkeypatch.setattr(plugins, "_cached", pm)
    p = periode
    reponse = _demander(p)
    assert ("Le plugin fixture_periode (distribution cpro-fixture-periode version 2.0) a "
            "échoué : RuntimeError: coefficients introuvables Rien n’a été enregistré.") \
        in texte(reponse)
    assert not NoteDePeriode.objects.exists()
    assert Note.objects.count() == 2                      # no épreuve mark half-written


def test_the_bilan_pdf_prints_the_period_mark_and_why(periode):
    p = periode
    _demander(p)
    p.client.post(reverse("bilans:moduler_periode", args=[p.bilans[0].pk]),
                  {"note": _courante(p.bilans[0]), "modulation": "0,33",
                   "motif": "Assiduité exemplaire."})
    reponse = p.client.get(reverse("bilans_documents:bilan_pdf", args=[p.bilans[0].pk]))
    pdf = " ".join(texte_pdf(reponse.content).split())
    assert "Note de période 16,00 / 20 — note calculée 15,67, modulée de +0,33 point(s) : " \
           "Assiduité exemplaire." in pdf
    assert "(15,00 × 3 + 16,67 × 2) ÷ 5 = 15,67" in pdf
    assert "E32 15,00 × 3 → 9,00 ; E2 16,67 × 2 → 6,67" in pdf
    assert "Épreuves sans note à ce bilan, laissées de côté : E33" in pdf


def test_the_period_mark_of_a_corrected_bilan_is_no_longer_modulated(periode):
    from django.utils import timezone

    from cpro_platform.bilans.models import Bilan, EtatBilan
    p = periode
    _demander(p)
    ancien = p.bilans[0]
    Bilan.objects.create(apprenant=ancien.apprenant, campagne=ancien.campagne,
                         referentiel=ancien.referentiel, date=ancien.date, remplace=ancien,
                         etat=EtatBilan.VALIDE, cree_par=p.enseignant,
                         valide_par=p.enseignant, valide_le=timezone.now())
    # the page no longer offers the form
    assert 'name="modulation"' not in p.client.get(
        reverse("bilans:note_periode", args=[ancien.pk])).content.decode()
    assert 'name="modulation"' in p.client.get(
        reverse("bilans:note_periode", args=[p.bilans[1].pk])).content.decode()
    reponse = p.client.post(reverse("bilans:moduler_periode", args=[ancien.pk]),
                            {"note": _courante(ancien), "modulation": "1",
                             "motif": "Après coup."})
    assert reponse.status_code == 422
    assert "remplacé par une correction" in reponse.content.decode()
    assert list(NoteDePeriode.objects.filter(bilan=ancien).values_list(
        "note", "courante")) == [(Decimal("15.67"), True)]
