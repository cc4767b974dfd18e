"""The class view's maintained summary (``livret.resume``): after every write path it equals a
full recomputation, agrees with the livret, and the class view reads it in queries that do
not grow with the years of history."""
import io
import random

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpro_platform import hookimpl, plugins
from cpro_platform.etablissements.models import Inscription
from cpro_platform.livret.lecture import lire_livret
from cpro_platform.livret.models import ResumeApprenant, ResumeCompetence
from cpro_platform.livret.resume import calculer, differences
from cpro_platform.plugins import PluginInfo, get_plugin_manager
from cpro_platform.regles import Suggestion
from cpro_platform.suivi.models import Lieu, TypeSituation
from tests import factories as f
from tests.livret.factories import noter, parcours
from tests.suivi import factories as sf

pytestmark = pytest.mark.django_db

CODES = ["1", "2", "3", "4", "1", "2", "3", "4", "ABS", "NE"]


def au_hasard(p, graine: int, situations: int, *, depuis: int = 300) -> list:
    """``situations`` situations in the centre over the last ``depuis`` days (one in four
    certificative), most cells of ``p.criteres[2:]`` filled at random."""
    rng = random.Random(graine)
    out = []
    for i in range(situations):
        certificative = rng.random() < .25
        situation = p.situation(
            f"TP {graine}.{i}", f.jours(-rng.randrange(1, depuis)), criteres=p.criteres[2:],
            type=TypeSituation.CERTIFICATIVE if certificative else TypeSituation.FORMATIVE)
        noter(situation, p.enseignant, {(a, c): rng.choice(CODES) for a in p.apprenants
                                        for c in p.criteres[2:] if rng.random() < .8})
        out.append(situation)
    return out


@pytest.fixture
def p():
    """Four learners, three compétences of two critères; random history on the last two
    compétences. On the first one, learner 0 got 4 in an older certificative situation A then
    1 in a formative one B: the rule weighs A (×2) and suggests 3, or 2 once A counts as
    formative or as the older of two formative ones (see ``core_plugins``)."""
    p = parcours(apprenants=4, nb_criteres=6)
    au_hasard(p, 11, 5)
    a0, c0, c1 = p.apprenants[0], p.criteres[0], p.criteres[1]
    p.a = p.situation("A", f.jours(-50), criteres=[c0, c1], type=TypeSituation.CERTIFICATIVE)
    p.b = p.situation("B", f.jours(-10), criteres=[c0, c1])
    noter(p.a, p.enseignant, {(a0, c0): "4", (a0, c1): "4", (p.apprenants[1], c0): "2"})
    noter(p.b, p.enseignant, {(a0, c0): "1", (a0, c1): "1"})
    return p


def assert_a_jour(p) -> None:
    """The stored rows equal a full recomputation, field by field, and the livret's."""
    ids = [a.pk for a in p.apprenants]
    stockees = list(ResumeCompetence.objects.filter(apprenant_id__in=ids))
    assert differences(stockees, calculer(ids)) == []
    par_cle = {(r.apprenant_id, r.competence_id): r for r in stockees}
    for apprenant in p.apprenants:
        for ligne in lire_livret(apprenant).competences:
            resume = par_cle.get((apprenant.pk, ligne.competence.pk))
            if resume is None:  # no evaluation on it: nothing in the livret either
                assert ligne.suggestion is None and ligne.situations == 0
                continue
            assert resume.echec is None
            assert (resume.niveau, resume.regle) == (ligne.suggestion.niveau,
                                                     ligne.suggestion.regle)
            assert (resume.situations, set(resume.lieux)) == (ligne.situations, ligne.lieux)


def cellule(client, p, apprenant, competence) -> str:
    """The class view's heatmap cell of ``apprenant`` on ``competence``."""
    client.force_login(p.enseignant)
    vue = client.get(reverse("livret:classe", args=[p.classe.pk])).context["vue"]
    ligne = next(ligne for ligne in vue.lignes if ligne.apprenant == apprenant)
    case = ligne.cases[[c.pk for c in vue.competences].index(competence.pk)]
    return f'<td class="{case.css}">{"" if case.niveau is None else case.niveau}</td>'


def test_the_grid_save_writes_the_summary(p):
    assert ResumeCompetence.objects.exists()
    assert_a_jour(p)
    a0, comp0 = p.apprenants[0], p.criteres[0].competence
    resume = ResumeCompetence.objects.get(apprenant=a0, competence=comp0)
    assert (resume.niveau, resume.situations, resume.evaluations) == (3, 2, 4)
    assert resume.points == [4.0, 1.0] and resume.lieux == ["centre"]
    assert (resume.premiere, resume.derniere) == (f.jours(-50), f.jours(-10))
    assert resume.couverture == {str(p.criteres[0].pk): [p.a.pk, p.b.pk],
                                 str(p.criteres[1].pk): [p.a.pk, p.b.pk]}


def test_a_correction_updates_the_summary(client, p):
    a0, c0, c1 = p.apprenants[0], p.criteres[0], p.criteres[1]
    assert cellule(client, p, a0, c0.competence) == '<td class="cpro-niv-3">3</td>'
    noter(p.b, p.enseignant, {(a0, c0): "4", (a0, c1): "4"})
    au_hasard(p, 12, 1)  # and more random corrections elsewhere
    noter(p.a, p.enseignant, {(p.apprenants[1], c0): "ABS", (p.apprenants[2], c1): "3"})
    assert_a_jour(p)
    assert cellule(client, p, a0, c0.competence) == '<td class="cpro-niv-4">4</td>'


@pytest.mark.parametrize("changement", ["date", "type", "lieu"])
def test_a_situation_edit_the_rule_sees_updates_the_summary(client, p, changement):
    a0, comp0 = p.apprenants[0], p.criteres[0].competence
    if changement == "date":       # A is now the newer one
        p.a.debut = f.jours(-5)
    elif changement == "type":
        p.a.type = TypeSituation.FORMATIVE
    else:
        p.a.lieu = Lieu.ENTREPRISE
    p.a.save()
    assert_a_jour(p)
    resume = ResumeCompetence.objects.get(apprenant=a0, competence=comp0)
    attendu = {"date": ("3", [1.0, 4.0]), "type": ("2", [4.0, 1.0]),
               "lieu": ("3", [4.0, 1.0])}[changement]
    assert cellule(client, p, a0, comp0) == f'<td class="cpro-niv-{attendu[0]}">{attendu[0]}</td>'
    assert resume.points == attendu[1]
    assert set(resume.lieux) == ({"centre", "entreprise"} if changement == "lieu"
                                 else {"centre"})


def test_the_situation_edit_form_updates_the_summary(client, p):
    client.force_login(p.enseignant)
    url = reverse("suivi:situation_modifier", args=[p.a.pk])
    form = client.get(url).context["form"]
    donnees = {k: v for k, v in form.initial.items() if v is not None}
    donnees |= {"criteres": [c.pk for c in p.a.criteres.all()], "enseignants": [],
                "type": TypeSituation.FORMATIVE, "epreuve": ""}
    donnees["debut"] = str(p.a.debut)
    response = client.post(url, donnees)
    assert response.status_code == 302, response.context["form"].errors
    assert_a_jour(p)
    assert cellule(client, p, p.apprenants[0], p.criteres[0].competence) == \
        '<td class="cpro-niv-2">2</td>'


def test_the_targeted_criteres_are_not_an_input(p):
    """Un-targeting a critère keeps its evaluations in the livret and in the summary."""
    p.b.criteres.remove(p.criteres[1])
    assert_a_jour(p)


def test_a_new_learner_is_summarised_on_enrolment(client, p):
    nouveau = f.apprenant(p.etablissement, p.classe)
    p.apprenants.append(nouveau)
    assert ResumeApprenant.objects.filter(apprenant=nouveau).exists()
    assert cellule(client, p, nouveau, p.criteres[0].competence) == '<td class=""></td>'
    au_hasard(p, 13, 2)
    assert_a_jour(p)


def test_a_removed_enrolment_updates_the_summary(client, p):
    """Learner 0 also followed another class (of the same referential), evaluated there; the
    enrolment removed, its situation no longer counts as theirs (as in the livret)."""
    a0, c0 = p.apprenants[0], p.criteres[0]
    autre = f.classe(p.etablissement, referentiel=p.classe.referentiel)
    enseignant = f.enseignant(p.etablissement, autre)
    Inscription.objects.create(apprenant=a0, classe=autre, debut=f.jours(-200))
    tp = sf.situation(sf.scenario(autre), [c0, p.criteres[1]], "TP ailleurs", debut=f.jours(-1))
    noter(tp, enseignant, {(a0, c0): "4", (a0, p.criteres[1]): "4"})
    assert cellule(client, p, a0, c0.competence) == '<td class="cpro-niv-3">3</td>'
    assert ResumeCompetence.objects.get(apprenant=a0, competence=c0.competence).situations == 3
    Inscription.objects.get(apprenant=a0, classe=autre).delete()
    assert_a_jour(p)
    assert ResumeCompetence.objects.get(apprenant=a0, competence=c0.competence).situations == 2


class Plafond:
    """A positioning rule always suggesting the top of the scale."""

    @hookimpl
    def suggest_positionnement(self, referentiel, competence, evaluations, echelle):
        return Suggestion(niveau=max(echelle), regle="Plafond : toujours le niveau maximal.")


def test_a_new_rule_plugin_makes_the_rows_stale_and_the_class_view_recomputes_them(
        client, p, monkeypatch):
    a0, comp0 = p.apprenants[0], p.criteres[0].competence
    pm = get_plugin_manager(entry_points=[])
    pm.infos["fixture_plafond"] = PluginInfo("fixture_plafond", "cpro-fixture-plafond", "1.0")
    pm.register(Plafond(), name="fixture_plafond")
    monkeypatch.setattr(plugins, "_cached", pm)
    with pytest.raises(CommandError):  # stored with the previous rules: the check says so
        call_command("recalculer_resumes", "--verifier", "--classe", p.classe.pk)
    assert cellule(client, p, a0, comp0) == '<td class="cpro-niv-4">4</td>'
    assert ResumeCompetence.objects.get(apprenant=a0, competence=comp0).regle.startswith(
        "Plafond")
    assert_a_jour(p)


def test_the_command_finds_a_corrupted_row_and_rebuilds_it(capsys, p):
    call_command("recalculer_resumes", "--verifier")
    assert "matches a full recomputation" in capsys.readouterr().out
    a0, comp0 = p.apprenants[0], p.criteres[0].competence
    ResumeCompetence.objects.filter(apprenant=a0, competence=comp0).update(niveau=1)
    ResumeCompetence.objects.filter(apprenant=p.apprenants[3]).first().delete()
    with pytest.raises(CommandError) as erreur:
        call_command("recalculer_resumes", "--verifier")
    assert erreur.value.returncode == 1
    sortie = capsys.readouterr().out
    assert f"apprenant {a0.pk} × compétence {comp0.pk}: niveau 1 ≠ 3" in sortie
    assert f"apprenant {p.apprenants[3].pk} × compétence" in sortie and ": missing" in sortie
    call_command("recalculer_resumes", "--classe", p.classe.pk)
    assert "rows for 4 learners" in capsys.readouterr().out
    assert_a_jour(p)
    assert ResumeApprenant.objects.filter(apprenant__in=p.apprenants).count() == 4


def _requetes_de_la_vue(client, p) -> list[str]:
    client.force_login(p.enseignant)
    url = reverse("livret:classe", args=[p.classe.pk])
    client.get(url)  # warm-up (the first view may build a missing summary)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_the_class_view_reads_the_summary_in_queries_flat_in_the_years(client, p):
    une_annee = _requetes_de_la_vue(client, p)
    au_hasard(p, 14, 8, depuis=1000)  # two more years of history
    trois_annees = _requetes_de_la_vue(client, p)
    assert len(trois_annees) == len(une_annee) <= 15
    assert not [sql for sql in trois_annees if "suivi_evaluation" in sql]


def test_the_demo_leaves_every_summary_built(capsys):
    call_command("sync_referentiels", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert ResumeCompetence.objects.count() > 100
    call_command("recalculer_resumes", "--verifier")
    assert "matches a full recomputation" in capsys.readouterr().out
