"""The ``grille_epreuve`` hook: the default layout built from the referential data, a plugin
with an unusual grid changing only its plugin, and a failing or unusable plugin named by the
gateway while the pages still render."""
import pytest
from django.urls import reverse

from cpro_platform import hookimpl, plugins
from cpro_platform.certification.models import GrilleCCF
from cpro_platform.plugins import PluginInfo, get_plugin_manager
from cpro_platform.regles import (
    CompetenceObservee, CritereObserve, Degre, EpreuveObservee, ErreurDeRegle,
    GrilleStructure, Groupe, LigneGrille, ReferentielRef, Regles, Rubrique)

from . import factories as cf

REF = ReferentielRef("CAV", "2024", "cpro_construction_vehicules")
E31 = EpreuveObservee("E31", "Fabrication et assemblage", 4, ("C2.1", "C2.2"))
BLOC = Groupe("bloc", "B2", "Fabriquer")
COMPETENCES = (
    CompetenceObservee("C2.1", "Préparer", (
        CritereObserve("C2.1.1", "Le poste est préparé", ("Outillage complet", "Zone propre")),
        CritereObserve("C2.1.2", "Les consignes sont lues", (), provisoire=True)), BLOC),
    CompetenceObservee("C2.2", "Assembler", (CritereObserve("C2.2.1", "Cotes respectées"),),
                       BLOC),
)
ECHELLE = (Degre(1, "Non maîtrisé"), Degre(2, "Insuffisamment maîtrisé"), Degre(3, "Maîtrisé"),
           Degre(4, "Bien maîtrisé"))


def test_default_layout_from_the_referential():
    grille = Regles(get_plugin_manager(entry_points=[])).grille(REF, E31, COMPETENCES, ECHELLE)
    assert grille.epreuve == "E31" and grille.intitule == "Fabrication et assemblage"
    assert grille.degres == ECHELLE and grille.rubriques == (Rubrique("B2", "Fabriquer"),)
    premiere, seconde = grille.lignes
    assert premiere == LigneGrille(
        "C2.1", "Préparer", ("C2.1.1 Le poste est préparé", "C2.1.2 Les consignes sont lues"),
        ("Outillage complet", "Zone propre"), "B2", provisoire=True)
    assert seconde.competence == "C2.2" and not seconde.provisoire
    assert "à partir du référentiel" in grille.regle


class GrilleNationale:
    """A referential whose national grid has one line per compétence with its own wording and
    a single rubrique, and only three degree columns."""

    @hookimpl
    def grille_epreuve(self, referentiel, epreuve, competences, echelle):
        if referentiel.code != "MINI":
            return None
        return GrilleStructure(
            epreuve=epreuve.code, intitule="Grille nationale " + epreuve.code,
            lignes=tuple(LigneGrille(c.code, "Savoir-faire " + c.code, ("Selon la fiche",),
                                     (), "R") for c in competences),
            degres=tuple(echelle[1:]), rubriques=(Rubrique("R", "Réalisation"),),
            regle="Grille nationale du plugin.")


class Casse:
    @hookimpl
    def grille_epreuve(self, referentiel, epreuve, competences, echelle):
        raise RuntimeError("grille nationale introuvable")


class Etrangere:
    @hookimpl
    def grille_epreuve(self, referentiel, epreuve, competences, echelle):
        return GrilleStructure(epreuve.code, "x", (LigneGrille("ZZ9", "?"),), tuple(echelle))


def _installer(monkeypatch, plugin, nom="fixture_grille"):
    pm = get_plugin_manager(entry_points=[])
    pm.infos[nom] = PluginInfo(nom, "cpro-fixture-grille", "3.1")
    pm.register(plugin, name=nom)
    monkeypatch.setattr(plugins, "_cached", pm)
    return pm


@pytest.mark.django_db
def test_a_plugin_changes_the_grid_and_the_page_shows_it(client, monkeypatch):
    _installer(monkeypatch, GrilleNationale())
    s = cf.session(nb_competences=2)
    g = cf.grille(s)
    assert g.structure["intitule"] == "Grille nationale E31"
    assert [d["valeur"] for d in g.structure["degres"]] == [2, 3, 4]
    client.force_login(s.enseignant)
    body = client.get(reverse("certification:grille", args=[g.pk])).content.decode()
    assert "Savoir-faire " + s.competences[0].code in body and "R – Réalisation" in body
    assert f'name="degre-{s.competences[0].code}" value="1"' not in body


def test_a_line_outside_the_epreuve_is_refused_naming_the_plugin(monkeypatch):
    pm = _installer(monkeypatch, Etrangere())
    with pytest.raises(ErreurDeRegle) as erreur:
        Regles(pm).grille(REF, E31, COMPETENCES, ECHELLE)
    assert erreur.value.plugin.name == "fixture_grille"
    assert "compétences the épreuve does not evaluate: ZZ9" in str(erreur.value)


ALERTE = ("Le plugin fixture_grille (distribution cpro-fixture-grille version 3.1) a échoué : "
          "RuntimeError: grille nationale introuvable")


@pytest.mark.django_db
def test_a_failing_grid_rule_is_named_and_the_pages_still_render(client, monkeypatch):
    _installer(monkeypatch, Casse())
    s = cf.session(nb_competences=2)
    client.force_login(s.enseignant)
    page = client.get(reverse("certification:grilles_epreuve",
                              args=[s.session.pk, s.epreuve.pk]))
    assert page.status_code == 200 and ALERTE in page.content.decode()
    a, c = s.apprenants[0], s.competences[0]
    refus = client.post(reverse("certification:saisie_grilles",
                                args=[s.session.pk, s.epreuve.pk]),
                        {f"c-{a.pk}-{c.pk}": "3", f"v-{a.pk}-{c.pk}": "0"})
    assert refus.status_code == 422 and ALERTE in refus.content.decode()
    assert not GrilleCCF.objects.exists()
    assert client.get(reverse("certification:grilles_session", args=[s.session.pk])
                      ).status_code == 200
