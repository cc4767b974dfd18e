"""Candidates' statuses (absent, dispensé, bénéfice) and the class matrix."""
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from cpro_platform.certification.models import (
    Candidature, Commission, EtatCommission, StatutCandidat)

from . import factories as cf

pytestmark = pytest.mark.django_db


def texte(response) -> str:
    return html.unescape(response.content.decode())


def poster(client, session, **data):
    return client.post(reverse("certification:statut", args=[session.pk]), data)


def test_record_change_and_remove_a_status_audited(prof, lycee, session):
    a, e32 = lycee.apprenants[0], lycee.epreuves["E32"]
    r = poster(prof, session, apprenant=a.pk, epreuve=e32.pk,
               statut=StatutCandidat.ABSENT_JUSTIFIE, motif="Certificat médical")
    assert r.status_code == 302 and r["Location"] == reverse("certification:candidats",
                                                             args=[session.pk])
    c = Candidature.objects.get()
    assert (c.apprenant, c.epreuve, c.statut, c.auteur) == (
        a, e32, StatutCandidat.ABSENT_JUSTIFIE, lycee.enseignant)
    # The matrix cell links to the form, prefilled with the current status.
    url = reverse("certification:statut", args=[session.pk])
    form = texte(prof.get(f"{url}?apprenant={a.pk}&epreuve={e32.pk}"))
    assert "Certificat médical" in form
    r = poster(prof, session, apprenant=a.pk, epreuve=e32.pk, statut=StatutCandidat.BENEFICE,
               note_conservee="14.5", session_origine=session.annee - 1)
    c.refresh_from_db()
    assert r.status_code == 302 and Candidature.objects.count() == 1
    assert (c.statut, c.note_conservee, c.session_origine) == (
        StatutCandidat.BENEFICE, 14.5, session.annee - 1)
    r = prof.post(reverse("certification:statut_retirer", args=[c.pk]), follow=True)
    assert "est présent(e) en E32" in texte(r) and not Candidature.objects.exists()
    assert [h.history_type for h in Candidature.history.order_by("history_date")] == [
        "+", "~", "-"]
    assert Candidature.history.first().history_user == lycee.enseignant


@pytest.mark.parametrize("data,champ,message", [
    ({"statut": "benefice", "session_origine": 2020}, "note_conservee",
     "Un bénéfice conserve une note"),
    ({"statut": "benefice", "note_conservee": "12"}, "session_origine",
     "Un bénéfice vient d'une session antérieure"),
    ({"statut": "benefice", "note_conservee": "21", "session_origine": 2020},
     "note_conservee", "La note conservée est sur 20 : entre 0 et 20, pas 21"),
    ({"statut": "benefice", "note_conservee": "-1", "session_origine": 2020},
     "note_conservee", "La note conservée est sur 20"),
    ({"statut": "benefice", "note_conservee": "12", "session_origine": 2999},
     "session_origine", "sessions qui précèdent la session"),
    # typos the database would refuse with a 500, or that no bénéfice can be
    ({"statut": "benefice", "note_conservee": "12", "session_origine": -3},
     "session_origine", "sessions qui précèdent la session"),
    ({"statut": "benefice", "note_conservee": "12", "session_origine": 5},
     "session_origine", "sessions qui précèdent la session"),
    ({"statut": "dispense"}, "motif", "Indiquez le motif ou la pièce justificative."),
    ({"statut": "absent_justifie", "motif": "  "}, "motif", "Indiquez le motif"),
    ({"statut": "present"}, "statut", "Sélectionnez un choix valide"),
])
def test_bad_status_is_refused_and_nothing_written(prof, lycee, session, data, champ,
                                                   message):
    r = poster(prof, session, apprenant=lycee.apprenants[0].pk,
               epreuve=lycee.epreuves["E31"].pk, **data)
    assert r.status_code == 422
    assert message in texte(r) and champ in r.context["form"].errors
    assert not Candidature.objects.exists()


def test_learner_or_epreuve_outside_the_session_is_refused(prof, lycee, session):
    intrus = lycee.autre_classe.inscriptions.get().apprenant
    r = poster(prof, session, apprenant=intrus.pk, epreuve=lycee.epreuves["E31"].pk,
               statut="absent")
    assert r.status_code == 422
    assert "Cet apprenant n'est pas inscrit dans la classe de la session." in texte(r)
    r = poster(prof, session, apprenant=lycee.apprenants[0].pk,
               epreuve=lycee.epreuves["E3"].pk, statut="absent")
    assert r.status_code == 422 and "Ce n'est pas une sous-épreuve notée" in texte(r)
    assert not Candidature.objects.exists()


def test_the_mark_of_a_status_other_than_benefice_is_not_kept(prof, lycee, session):
    poster(prof, session, apprenant=lycee.apprenants[0].pk, epreuve=lycee.epreuves["E31"].pk,
           statut="absent", note_conservee="12", session_origine=2020)
    c = Candidature.objects.get()
    assert c.note_conservee is None and c.session_origine is None


def test_matrix_shows_statuses_and_planned_situations(prof, lycee, session,
                                                      django_assert_max_num_queries):
    a0, a1, a2 = lycee.apprenants
    cf.situation(session, lycee.enseignant, [a0, a1], intitule="Aile avant")
    Candidature.objects.create(session=session, apprenant=a2, epreuve=lycee.epreuves["E32"],
                               statut=StatutCandidat.DISPENSE, motif="Décision rectorale",
                               auteur=lycee.enseignant)
    url = reverse("certification:candidats", args=[session.pk])
    with django_assert_max_num_queries(30) as requetes:
        page = texte(prof.get(url))
    lignes = {a.nom: page.split(f"<th scope=\"row\">{a.nom} ")[1].split("</tr>")[0]
              for a in lycee.apprenants}
    assert "Aile avant" in lignes["ELEVE0"] and "Aile avant" in lignes["ELEVE1"]
    assert "Aile avant" not in lignes["ELEVE2"]
    assert "Dispensé" in lignes["ELEVE2"] and "Décision rectorale" in lignes["ELEVE2"]
    assert "INTRUS" not in page
    for code in ("E2", "E31", "E32"):
        assert f">{code}</abbr>" in page
    for i in range(4):   # more situations and statuses: the same number of queries
        cf.situation(session, lycee.enseignant, lycee.apprenants, code="E32",
                     intitule=f"S{i}")
    Candidature.objects.create(session=session, apprenant=a0, epreuve=lycee.epreuves["E2"],
                               statut=StatutCandidat.ABSENT, auteur=lycee.enseignant)
    with django_assert_max_num_queries(len(requetes.captured_queries)):
        prof.get(url)


def test_a_validated_commission_freezes_the_statuses(prof, lycee, session):
    c = Candidature.objects.create(session=session, apprenant=lycee.apprenants[0],
                                   epreuve=lycee.epreuves["E31"], statut="absent",
                                   auteur=lycee.enseignant)
    Commission.objects.create(session=session, etat=EtatCommission.VALIDEE, archive={},
                              validee_par=lycee.ddfpt, validee_le=timezone.now())
    r = poster(prof, session, apprenant=lycee.apprenants[1].pk,
               epreuve=lycee.epreuves["E31"].pk, statut="absent")
    assert r.status_code == 302
    assert "la session est figée" in texte(prof.get(r["Location"]))
    r = prof.post(reverse("certification:statut_retirer", args=[c.pk]), follow=True)
    assert "la session est figée" in texte(r)
    assert list(Candidature.objects.all()) == [c]
    assert "Saisir un statut" not in texte(prof.get(reverse("certification:candidats",
                                                            args=[session.pk])))


def test_a_crafted_cell_link_opens_an_empty_form(prof, session):
    url = reverse("certification:statut", args=[session.pk])
    reponse = prof.get(f"{url}?apprenant=99999999999999999999&epreuve=%C2%B2")
    assert reponse.status_code == 200   # not a 500: nothing preselected
