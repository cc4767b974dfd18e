"""Scopes compiled once per person and day: the same answers as the ORM, never stale."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpro_platform.acces import compilees, faits
from cpro_platform.acces import perimetres as p
from cpro_platform.comptes.models import Role
from cpro_platform.etablissements.models import Apprenant, Enseignement
from tests import factories as f

from .test_matrice import _application_views

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vide():
    compilees.vider()
    yield
    compilees.vider()


def _perimetres_des_vues() -> dict:
    out = {}
    for name, callback in _application_views():
        regle = getattr(callback, "acces", None)
        if getattr(regle, "perimetre", None) is not None:
            out.setdefault(regle.perimetre, name)
    return out


def test_every_scope_of_a_view_and_every_page_fact_compiles_without_reading_data():
    """A scope that read the database while being built would bake data into its SQL: none
    does (and ``compilees`` would refuse to keep one that did)."""
    lycee = f.etablissement()
    prof = f.enseignant(lycee, f.classe(lycee))
    perimetres = {**_perimetres_des_vues(), **{v: k for k, v in faits.FAITS_DE_PAGE.items()}}
    assert len(perimetres) > 20
    for perimetre, nom in perimetres.items():
        with CaptureQueriesContext(connection) as requetes:
            perimetre(prof).values("pk").query.sql_with_params()
        assert not requetes.captured_queries, nom
        assert compilees.sql_des_pks(perimetre, prof) is not None, nom
    assert not compilees._dynamiques


def test_the_compiled_scope_returns_what_the_orm_returns():
    lycee, autre = f.etablissement(), f.etablissement()
    classe, classe_autre = f.classe(lycee), f.classe(autre)
    prof = f.enseignant(lycee, classe)
    eleves = [f.apprenant(lycee, classe) for _ in range(3)]
    f.apprenant(autre, classe_autre)
    attendus = set(p.apprenants_visibles(prof).values_list("pk", flat=True))
    assert attendus == {e.pk for e in eleves}
    assert set(compilees.dans_le_perimetre(p.apprenants_visibles, prof)
               .values_list("pk", flat=True)) == attendus
    assert all(compilees.contient(p.apprenants_visibles, prof, pk)
               for pk in Apprenant.objects.values_list("pk", flat=True)
               if pk in attendus)
    assert not any(compilees.contient(p.apprenants_visibles, prof, pk)
                   for pk in Apprenant.objects.exclude(pk__in=attendus)
                   .values_list("pk", flat=True))


def test_a_role_given_or_taken_is_seen_at_the_next_request(client):
    """The SQL is kept, not the answer: a class given to a teacher opens its learners' livrets
    at once, and taking it back closes them at once."""
    lycee = f.etablissement()
    classe, autre_classe = f.classe(lycee), f.classe(lycee)
    prof = f.enseignant(lycee, classe)
    eleve = f.apprenant(lycee, autre_classe)
    client.force_login(prof)
    url = reverse("livret:livret", args=[eleve.pk])
    assert client.get(url).status_code == 404
    Enseignement.objects.create(classe=autre_classe, enseignant=prof)
    assert client.get(url).status_code == 200
    Role.objects.filter(user=prof).update(fin=datetime.date(2000, 1, 2),
                                          debut=datetime.date(2000, 1, 1))
    assert client.get(url).status_code == 404
    assert client.get(reverse("etablissements:mes_classes")).status_code == 403


def test_an_account_deactivated_is_not_served_from_its_active_sql():
    lycee = f.etablissement()
    classe = f.classe(lycee)
    prof = f.enseignant(lycee, classe)
    eleve = f.apprenant(lycee, classe)
    assert compilees.contient(p.apprenants_visibles, prof, eleve.pk)
    prof.is_active = False
    assert not compilees.contient(p.apprenants_visibles, prof, eleve.pk)
    assert not compilees.dans_le_perimetre(p.apprenants_visibles, prof).exists()


def test_a_scope_that_reads_data_while_built_is_never_compiled():
    lycee = f.etablissement()
    classe = f.classe(lycee)
    prof = f.enseignant(lycee, classe)
    premier = f.apprenant(lycee, classe)

    def dernier_inscrit(user):
        # reads the database to build its filter: its SQL depends on the data
        return Apprenant.objects.filter(pk=Apprenant.objects.order_by("-pk").first().pk)

    assert compilees.contient(dernier_inscrit, prof, premier.pk)
    second = f.apprenant(lycee, classe)
    assert not compilees.contient(dernier_inscrit, prof, premier.pk)
    assert compilees.contient(dernier_inscrit, prof, second.pk)
    assert list(compilees.dans_le_perimetre(dernier_inscrit, prof)) == [second]
    assert dernier_inscrit in compilees._dynamiques


def test_a_second_request_builds_no_scope(client, monkeypatch):
    """Second request of the same person: the scopes' SQL is reused, none is built again
    through the ORM (building one raises here), and the page is whole."""
    lycee = f.etablissement()
    classe = f.classe(lycee)
    prof = f.enseignant(lycee, classe)
    eleve = f.apprenant(lycee, classe)
    client.force_login(prof)
    urls = [reverse("livret:classe", args=[classe.pk]),
            reverse("livret:livret", args=[eleve.pk])]
    for url in urls:
        assert client.get(url).status_code == 200

    def construit(*args, **kwargs):
        raise AssertionError("a scope was built through the ORM again")

    monkeypatch.setattr(p, "classes_enseignees", construit)
    monkeypatch.setattr(p, "etablissements_ou", construit)
    for url in urls:
        reponse = client.get(url)
        assert reponse.status_code == 200
        assert eleve.nom in reponse.content.decode()


def test_the_cache_is_bounded(monkeypatch):
    lycee = f.etablissement()
    profs = [f.enseignant(lycee, f.classe(lycee)) for _ in range(5)]
    monkeypatch.setattr(compilees, "TAILLE", 3)
    for prof in profs:
        compilees.sql_des_pks(p.classes_visibles, prof)
    assert len(compilees._cache) == 3
