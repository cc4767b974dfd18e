"""``sync_referentiels``: idempotent upsert by (code, version), never half-done, never deletes."""
import pytest

from cpro_platform.referentiel.catalogue import CatalogueInvalide
from cpro_platform.referentials import models as m
from cpro_platform.referentials.sync import sync_referentiels

pytestmark = pytest.mark.django_db


def test_first_sync_copies_everything(plugins, mini_toml):
    plugins.install("fixture_ok", toml=mini_toml, version="1.2.0")
    rapport = sync_referentiels(plugins.manager())
    assert rapport.crees == ["MINI 2024"]
    ref = m.Referentiel.objects.get(code="MINI", version="2024")
    assert (ref.plugin, ref.distribution, ref.distribution_version) == (
        "fixture_ok", "fixture-ok", "1.2.0")
    assert ref.provenance == "officiel" and "annexe I" in ref.provenance_detail
    assert [b.code for b in ref.blocs.all()] == ["B1", "B2"]
    assert ref.blocs.get(code="B1").unite.code == "U31"
    c1 = ref.competences.get(code="C1")
    assert c1.provenance == "officiel"
    critere = c1.criteres.get()
    assert critere.provenance == "provisoire"
    assert critere.provenance_detail == "Written by the test authors; not an official text."
    assert [i.intitule for i in critere.indicateurs.all()] == ["Le dossier est rempli"]
    e3 = ref.epreuves.get(code="E3")
    assert e3.coefficient == 4.5  # sum of its sous-épreuves
    e31 = e3.sous_epreuves.get()
    assert (e31.code, e31.mode, e31.formes) == ("E31", "ccf", ["pratique", "orale"])
    assert {p.competence.code: float(p.pourcentage) for p in e31.ponderations.all()} == {
        "C1": 40, "C2": 60}
    assert [n.libelle for n in ref.niveaux.all()][0] == "Non maîtrisé"
    activite = ref.poles.get().activites.get()
    assert sorted(c.code for c in activite.competences.all()) == ["C1", "C2"]


def test_second_sync_changes_nothing(plugins, mini_toml):
    plugins.install("fixture_ok", toml=mini_toml)
    pm = plugins.manager()
    sync_referentiels(pm)
    before = m.Referentiel.objects.get().synchronise_le
    rapport = sync_referentiels(pm)
    assert not rapport.changed and rapport.inchanges == ["MINI 2024"]
    assert m.Referentiel.objects.get().synchronise_le == before


def test_changed_file_updates_in_place_and_keeps_ids(plugins, mini_toml):
    package = plugins.install("fixture_ok", toml=mini_toml)
    pm = plugins.manager()
    sync_referentiels(pm)
    critere_id = m.Critere.objects.get(code="C1.a").pk
    (package / "referentiel.toml").write_text(
        mini_toml.replace("Les informations sont complètes", "Les informations sont exactes")
                 .replace('''    [[blocs.competences.criteres]]
    code = "C2.a"''', '''    [[blocs.competences.criteres]]
    code = "C2.b"
    intitule = "Le poste est rangé"
    provenance = "equipe"

    [[blocs.competences.criteres]]
    code = "C2.a"'''), encoding="utf-8")
    rapport = sync_referentiels(pm)
    assert rapport.mis_a_jour == ["MINI 2024"]
    critere = m.Critere.objects.get(code="C1.a")
    assert critere.pk == critere_id and critere.intitule == "Les informations sont exactes"
    assert list(m.Critere.objects.filter(competence__code="C2").values_list("code", flat=True)) \
        == ["C2.b", "C2.a"]


def test_removed_elements_are_removed(plugins, mini_toml):
    package = plugins.install("fixture_ok", toml=mini_toml)
    pm = plugins.manager()
    sync_referentiels(pm)
    without_pole = mini_toml.split("[[poles]]")[0] + "[[blocs]]" + \
        mini_toml.split("[[poles]]")[1].split("[[blocs]]", 1)[1]
    (package / "referentiel.toml").write_text(without_pole, encoding="utf-8")
    sync_referentiels(pm)
    assert not m.Pole.objects.exists() and not m.Activite.objects.exists()


def test_referential_no_longer_provided_becomes_inactive_not_deleted(plugins, mini_toml):
    plugins.install("fixture_ok", toml=mini_toml)
    sync_referentiels(plugins.manager())
    rapport = sync_referentiels(plugins.manager(allow=[]))
    assert rapport.desactives == ["MINI 2024"]
    ref = m.Referentiel.objects.get()
    assert not ref.actif and ref.competences.count() == 3
    rapport = sync_referentiels(plugins.manager())
    assert rapport.reactives == ["MINI 2024"] and m.Referentiel.objects.get().actif


def test_a_bad_plugin_leaves_the_database_untouched(plugins, mini_toml):
    package = plugins.install("fixture_ok", toml=mini_toml)
    sync_referentiels(plugins.manager())
    (package / "referentiel.toml").write_text(
        mini_toml.replace("Bac pro de démonstration", "Nouveau titre"), encoding="utf-8")
    plugins.install("fixture_bad", toml=mini_toml.replace('version = "2024"', 'version = "2025"')
                    .replace("C3 = 100", "C3 = 10"))
    with pytest.raises(CatalogueInvalide, match="fixture_bad"):
        sync_referentiels(plugins.manager())
    assert list(m.Referentiel.objects.values_list("code", "version", "intitule")) == [
        ("MINI", "2024", "Bac pro de démonstration")]


def test_strict_sync_refuses_provisional_content(plugins, mini_toml):
    plugins.install("fixture_ok", toml=mini_toml)
    with pytest.raises(CatalogueInvalide, match="refused in strict mode"):
        sync_referentiels(plugins.manager(), strict=True)
    assert not m.Referentiel.objects.exists()
