"""The mastery scale: the referential's own, else the ``default_echelle`` hook (LSL Pro)."""
from cpro_platform.referentiel.catalogue import collect

ECHELLE = '''
[echelle]
provenance = "equipe"

  [[echelle.niveaux]]
  valeur = 0
  libelle = "Non acquis"

  [[echelle.niveaux]]
  valeur = 1
  libelle = "Acquis"
'''


def _labels(fourni):
    return [(n.valeur, n.libelle) for n in fourni.echelle]


def test_default_scale_is_the_four_lsl_pro_degrees(plugins, mini_toml):
    plugins.install("fixture_ok", toml=mini_toml)
    (fourni,) = collect(plugins.manager())
    assert _labels(fourni) == [(1, "Non maîtrisé"), (2, "Insuffisamment maîtrisé"),
                               (3, "Maîtrisé"), (4, "Bien maîtrisé")]


def test_referential_scale_wins(plugins, mini_toml):
    plugins.install("fixture_scale", toml=mini_toml + ECHELLE)
    (fourni,) = collect(plugins.manager())
    assert _labels(fourni) == [(0, "Non acquis"), (1, "Acquis")]


def test_a_plugin_can_replace_the_default_scale(plugins, mini_toml):
    plugins.install("fixture_ok", toml=mini_toml)
    plugins.install("fixture_default_echelle", source='''
        from cpro_platform import hookimpl
        from cpro_platform.referentiel.schema import Niveau

        @hookimpl
        def default_echelle(referentiel):
            return [Niveau(valeur=1, libelle="Débutant"), Niveau(valeur=2, libelle="Expert")]
    ''')
    (fourni,) = collect(plugins.manager())
    assert _labels(fourni) == [(1, "Débutant"), (2, "Expert")]


def test_scale_levels_must_increase(plugins, mini_toml):
    import pytest

    from cpro_platform.referentiel.catalogue import CatalogueInvalide

    plugins.install("fixture_bad_scale", toml=mini_toml + ECHELLE.replace("valeur = 1", "valeur = 0"))
    with pytest.raises(CatalogueInvalide, match="echelle.niveaux: level values must be distinct"):
        collect(plugins.manager())


def test_a_default_scale_rule_that_raises_is_named(plugins, mini_toml):
    import pytest

    from cpro_platform.plugins import PluginError

    plugins.install("fixture_ok", toml=mini_toml)
    plugins.install("fixture_echelle_cassee", version="0.2", source='''
        from cpro_platform import hookimpl

        @hookimpl
        def default_echelle(referentiel):
            raise KeyError("niveaux")
    ''')
    with pytest.raises(PluginError, match=r"'fixture_echelle_cassee' \(distribution "
                                          r"fixture-echelle-cassee 0.2\).*default_echelle.*"
                                          r"KeyError"):
        collect(plugins.manager())
