"""Access facts are asked once per request, and never outlive it."""
import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from cpro_platform.acces.faits import FaitsDeLaRequete
from cpro_platform.acces.politique import may
from cpro_platform.comptes.models import Role
from tests import factories as f

pytestmark = pytest.mark.django_db

PAGES = ["etablissements.view_mes_classes", "etablissements.view_mon_profil",
         "etablissements.view_mes_apprenants", "etablissements.view_gestion",
         "suivi.view_mes_situations", "livret.view_accueil_enseignant"]


def _dans_une_requete(vue):
    """Run ``vue()`` inside the middleware, as a page would."""
    resultat = {}

    def get_response(request):
        resultat["valeur"] = vue()
        return HttpResponse()

    FaitsDeLaRequete(get_response)(RequestFactory().get("/"))
    return resultat["valeur"]


def test_page_facts_are_one_query_per_request():
    lycee = f.etablissement()
    prof = f.enseignant(lycee, f.classe(lycee))

    def navigation():
        with CaptureQueriesContext(connection) as requetes:
            reponses = [may(prof, action) for action in PAGES * 2]
        return reponses, len(requetes)

    reponses, requetes = _dans_une_requete(navigation)
    assert reponses[0] is True  # "Mes classes"
    assert reponses[1] is False  # not a learner
    assert requetes == 1


def test_an_object_fetched_from_its_scope_is_not_asked_again(client):
    lycee = f.etablissement()
    classe = f.classe(lycee)
    prof = f.enseignant(lycee, classe)
    eleve = f.apprenant(lycee, classe)
    from cpro_platform.acces import faits
    from cpro_platform.livret import perimetres as lp

    def vue():
        objet = lp.apprenants_lisibles(prof).get(pk=eleve.pk)
        faits.noter_membre(prof, lp.apprenants_lisibles, objet)
        with CaptureQueriesContext(connection) as requetes:
            permis = may(prof, "livret.view_livret", objet)
        return permis, len(requetes)

    assert _dans_une_requete(vue) == (True, 0)


def test_outside_a_request_every_answer_reads_the_database():
    lycee = f.etablissement()
    prof = f.enseignant(lycee, f.classe(lycee))
    assert may(prof, "etablissements.view_mes_classes")
    Role.objects.filter(user=prof).delete()
    assert not may(prof, "etablissements.view_mes_classes")


def test_a_request_memo_does_not_leak_into_the_next_request():
    lycee = f.etablissement()
    prof = f.enseignant(lycee, f.classe(lycee))
    assert _dans_une_requete(lambda: may(prof, "etablissements.view_mes_classes"))
    Role.objects.filter(user=prof).delete()
    assert not _dans_une_requete(lambda: may(prof, "etablissements.view_mes_classes"))


def test_the_teachers_home_asks_its_navigation_in_one_query(client):
    lycee = f.etablissement()
    prof = f.enseignant(lycee, f.classe(lycee))
    client.force_login(prof)
    client.get("/")
    with CaptureQueriesContext(connection) as requetes:
        assert client.get("/").status_code == 200
    faits = [q["sql"] for q in requetes.captured_queries if '"a_des_classes"' in q["sql"]]
    assert len(faits) == 1, faits

