"""CCF situations d'évaluation: planned, edited, deleted by the class's teacher; every bad
input refused with a French message and nothing written."""
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cpro_platform.certification.models import (
    Commission, EtatCommission, GrilleCCF, SituationEvaluation)
from cpro_platform.suivi.models import TypeSituation
from tests import factories as f
from tests.suivi import factories as sf

from . import factories as cf

pytestmark = pytest.mark.django_db


def texte(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def donnees(lycee):
    """A valid posting: E31 in centre, the teacher and a typed professional, all learners."""
    return {"epreuve": lycee.epreuves["E31"].pk, "intitule": "Réparation d'une aile",
            "lieu": "centre", "debut": "2026-03-02", "fin": "2026-03-03",
            "evaluateur": lycee.enseignant.pk, "professionnel_nom": "Jean Morel",
            "professionnel_fonction": "Chef d'atelier",
            "apprenants": [a.pk for a in lycee.apprenants]}


def creer(client, session, data):
    return client.post(reverse("certification:situation_creer", args=[session.pk]), data)


def test_plan_a_situation_with_every_learner_checked_by_default(prof, lycee, session, donnees):
    url = reverse("certification:situation_creer", args=[session.pk])
    page = texte(prof.get(url + f"?epreuve={lycee.epreuves['E31'].pk}"))
    for apprenant in lycee.apprenants:
        assert f'value="{apprenant.pk}"' in page
    for apprenant in lycee.apprenants:
        case = re.search(rf'<input type="checkbox" name="apprenants" value="{apprenant.pk}"'
                         r'[^>]*>', page)[0]
        assert " checked" in case
    assert "INTRUS" not in page                              # another class's learner
    options = page.split('name="epreuve"')[1].split("</select>")[0]
    assert "E31" in options and "E32" in options and "E2 " not in options
    r = creer(prof, session, donnees)
    situation = SituationEvaluation.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("certification:session",
                                                             args=[session.pk])
    assert set(situation.apprenants.all()) == set(lycee.apprenants)
    assert situation.history.first().history_user == lycee.enseignant
    page = texte(prof.get(reverse("certification:session", args=[session.pk])))
    assert "Réparation d'une aile" in page and "Jean Morel (Chef d'atelier)" in page


def test_edit_a_situation_in_company_with_the_learners_tutor(prof, lycee, session, donnees):
    situation = cf.situation(session, lycee.enseignant, lycee.apprenants)
    avant = situation.history.count()
    r = prof.post(reverse("certification:situation_modifier", args=[situation.pk]), {
        **donnees, "lieu": "entreprise", "professionnel": lycee.tuteur.pk,
        "professionnel_nom": "", "professionnel_fonction": "",
        "apprenants": [lycee.apprenants[0].pk]})
    assert r.status_code == 302
    situation.refresh_from_db()
    assert situation.lieu == "entreprise" and situation.professionnel == lycee.tuteur
    assert list(situation.apprenants.all()) == [lycee.apprenants[0]]
    derniere = situation.history.first()                 # audited, learners included
    assert situation.history.count() > avant and derniere.history_user == lycee.enseignant
    assert [m.apprenant for m in derniere.apprenants.all()] == [lycee.apprenants[0]]


@pytest.mark.parametrize("change,champ,message", [
    ({"fin": "2026-03-01"}, "fin", "La date de fin précède la date de début."),
    ({"epreuve": "E2"}, "epreuve", "E2 n'est pas une sous-épreuve en CCF (mode : Ponctuel)"),
    ({"epreuve": "E3"}, "epreuve", "E3 n'est pas une sous-épreuve en CCF"),
    ({"lieu": "entreprise", "professionnel_nom": "", "professionnel_fonction": ""},
     "professionnel", "En entreprise, un professionnel évalue avec l'enseignant"),
    ({"professionnel_fonction": ""}, "professionnel_fonction",
     "Indiquez la fonction du professionnel."),
    ({"apprenants": []}, "apprenants", "Cochez au moins un apprenant concerné."),
    ({"debut": ""}, "debut", "Champ requis."),
])
def test_bad_input_is_refused_and_nothing_written(prof, lycee, session, donnees, change,
                                                  champ, message):
    if "epreuve" in change:
        change = {"epreuve": lycee.epreuves[change["epreuve"]].pk}
    r = creer(prof, session, {**donnees, **change})
    assert r.status_code == 422
    assert message in texte(r)
    assert champ in r.context["form"].errors
    assert not SituationEvaluation.objects.exists()


def test_learner_of_another_class_is_refused(prof, lycee, session, donnees):
    intrus = lycee.autre_classe.inscriptions.get().apprenant
    r = creer(prof, session, {**donnees, "apprenants": [lycee.apprenants[0].pk, intrus.pk]})
    assert r.status_code == 422
    assert "Cet apprenant n'est pas inscrit dans la classe de la session." in texte(r)
    assert not SituationEvaluation.objects.exists()


def test_evaluators_come_from_the_class(prof, lycee, session, donnees):
    e = lycee.classe.etablissement
    autre_prof = f.enseignant(e, lycee.autre_classe)
    etranger = f.tuteur(f.entreprise(e))
    r = creer(prof, session, {**donnees, "evaluateur": autre_prof.pk})
    assert r.status_code == 422 and "un enseignant de la classe" in texte(r)
    r = creer(prof, session, {**donnees, "professionnel": etranger.pk,
                              "professionnel_nom": "", "professionnel_fonction": ""})
    assert r.status_code == 422 and "n'encadre aucun apprenant de la classe" in texte(r)
    r = creer(prof, session, {**donnees, "professionnel": lycee.tuteur.pk})
    assert r.status_code == 422 and "pas les deux" in texte(r)
    assert not SituationEvaluation.objects.exists()


def test_linked_training_situation_has_the_same_epreuve(prof, lycee, session, donnees):
    scenario = sf.scenario(lycee.classe)
    e32 = lycee.epreuves["E32"]
    criteres = list(e32.competences.first().criteres.all())
    tp = sf.situation(scenario, criteres, "TP certificatif E32",
                      type=TypeSituation.CERTIFICATIVE, epreuve=e32)
    r = creer(prof, session, {**donnees, "situation": tp.pk})
    assert r.status_code == 422
    assert "« TP certificatif E32 » est rattachée à l'épreuve E32, pas à E31" in texte(r)
    assert creer(prof, session, {**donnees, "situation": tp.pk,
                                 "epreuve": e32.pk}).status_code == 302
    assert SituationEvaluation.objects.get().situation == tp


def test_delete_only_while_no_grid_refers_to_it(prof, lycee, session):
    libre = cf.situation(session, lycee.enseignant, lycee.apprenants, intitule="Libre")
    notee = cf.situation(session, lycee.enseignant, lycee.apprenants, intitule="Notée")
    GrilleCCF.objects.create(session=session, apprenant=lycee.apprenants[0],
                             epreuve=notee.epreuve, situation=notee, structure={})
    r = prof.post(reverse("certification:situation_supprimer", args=[notee.pk]), follow=True)
    assert "La situation « Notée » a déjà 1 grille(s) d'évaluation" in texte(r)
    assert SituationEvaluation.objects.filter(pk=notee.pk).exists()
    r = prof.post(reverse("certification:situation_supprimer", args=[libre.pk]), follow=True)
    assert "Situation d'évaluation « Libre » supprimée." in texte(r)
    assert not SituationEvaluation.objects.filter(pk=libre.pk).exists()
    assert libre.history.model.objects.filter(id=libre.pk, history_type="-").exists()


def test_a_validated_commission_freezes_the_planning(prof, lycee, session, donnees):
    situation = cf.situation(session, lycee.enseignant, lycee.apprenants, intitule="Avant")
    Commission.objects.create(session=session, etat=EtatCommission.VALIDEE, archive={},
                              validee_par=lycee.ddfpt, validee_le=timezone.now())
    figee = "la session est figée, plus rien n'y est modifié"
    r = creer(prof, session, donnees)
    assert r.status_code == 302
    assert figee in texte(prof.get(r["Location"]))
    r = prof.post(reverse("certification:situation_modifier", args=[situation.pk]),
                  {**donnees, "intitule": "Après"}, follow=True)
    assert figee in texte(r)
    r = prof.post(reverse("certification:situation_supprimer", args=[situation.pk]),
                  follow=True)
    assert figee in texte(r)
    situation.refresh_from_db()
    assert situation.intitule == "Avant" and SituationEvaluation.objects.count() == 1
    page = texte(prof.get(reverse("certification:session", args=[session.pk])))
    assert "Planifier une situation" not in page and "figée et archivée" in page

