"""The referential's optional ``[pfmp]`` table: validated like the rest (errors name the
plugin, the file and the field), stored by the sync, absent when the text gives none; the two
plugins give their value as provisional only."""
from pathlib import Path

import pytest

import cpro_carrosserie
import cpro_construction_vehicules
from cpro_platform.referentiel import ReferentielInvalide, load
from cpro_platform.referentials.models import Referentiel

MINI = Path(__file__).parent.parent / "fixtures" / "mini.toml"

PFMP = """
[sources.pfmp_test]
statut = "provisoire"
note = "Valeur de test."

[pfmp]
semaines = {semaines}
detail = "Dont 14 en première et terminale."
provenance = "{provenance}"
"""


def avec_pfmp(tmp_path, semaines="22", provenance="pfmp_test") -> Path:
    path = tmp_path / "ref.toml"
    path.write_text(MINI.read_text(encoding="utf-8")
                    + PFMP.format(semaines=semaines, provenance=provenance), encoding="utf-8")
    return path


def test_pfmp_table_is_read(tmp_path):
    ref = load(avec_pfmp(tmp_path))
    assert ref.pfmp.semaines == 22 and ref.pfmp.detail.startswith("Dont 14")
    assert load(MINI).pfmp is None


@pytest.mark.parametrize("semaines,provenance,loc", [
    ("0", "pfmp_test", "pfmp.semaines"),
    ("\"vingt\"", "pfmp_test", "pfmp.semaines"),
    ("22", "inconnue", "pfmp.provenance"),
])
def test_bad_pfmp_table_names_plugin_file_and_field(tmp_path, semaines, provenance, loc):
    path = avec_pfmp(tmp_path, semaines, provenance)
    with pytest.raises(ReferentielInvalide) as erreur:
        load(path, plugin="cpro_test")
    message = str(erreur.value)
    assert "plugin cpro_test" in message and str(path) in message
    assert any(p.loc == loc for p in erreur.value.problemes), message


def test_strict_mode_refuses_a_provisional_duration(tmp_path):
    with pytest.raises(ReferentielInvalide) as erreur:
        load(avec_pfmp(tmp_path), strict=True)
    assert any(p.loc == "pfmp.provenance" for p in erreur.value.problemes)


@pytest.mark.django_db
def test_sync_stores_the_required_weeks_and_clears_them(tmp_path, sync_files):
    path = avec_pfmp(tmp_path)
    sync_files(path)
    ref = Referentiel.objects.get(code="MINI")
    assert ref.pfmp_semaines == 22 and ref.pfmp_provisoire
    assert ref.pfmp_provenance_detail == "Valeur de test."
    path.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    sync_files(path)
    ref.refresh_from_db()
    assert ref.pfmp_semaines is None and ref.pfmp_provenance == "" and not ref.pfmp_provisoire


@pytest.mark.parametrize("plugin", [cpro_carrosserie, cpro_construction_vehicules])
def test_plugins_give_the_duration_as_provisional_only(plugin):
    ref = load(plugin.REFERENTIEL)
    source = ref.sources[ref.pfmp.provenance]
    assert ref.pfmp.semaines == 22
    assert source.statut == "provisoire"
    assert "non trouvée" in source.note and "Construction des carrosseries" in source.note


@pytest.mark.django_db
def test_referential_page_shows_the_duration_or_says_it_is_not_given(client, tmp_path,
                                                                      sync_files):
    path = avec_pfmp(tmp_path)
    sync_files(path)
    url = Referentiel.objects.get(code="MINI").get_absolute_url()
    page = client.get(url).content.decode()
    assert "22 semaines sur le cycle" in page and "Valeur de test." in page
    path.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    sync_files(path)
    assert "non précisée par le référentiel" in client.get(url).content.decode()
