"""A learner's grid: layout frozen from the rule, proposed mark from the degrees and the
pondérations (with "pourquoi"), ±2 modulation with a reason, signature of a complete grid,
reasoned reopening — and every refusal says why and writes nothing."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cpro_platform.bilans.ponderations import enregistrer_ponderation
from cpro_platform.certification import grilles as services
from cpro_platform.certification import grilles_signature as signature
from cpro_platform.certification.models import (
    Commission, EtatCommission, EtatGrille, GrilleCCF, ReouvertureGrille, StatutCandidat)

from . import factories as cf

pytestmark = pytest.mark.django_db


def test_grid_freezes_the_layout_of_the_rule():
    s = cf.session(nb_competences=2)
    g = cf.grille(s)
    lignes = g.structure["lignes"]
    assert [ligne["competence"] for ligne in lignes] == [c.code for c in s.competences]
    c1 = s.competences[0]
    criteres = [f"{k.code} {k.intitule}" for k in c1.criteres.order_by("ordre")]
    assert lignes[0]["criteres"] == criteres
    assert lignes[0]["indicateurs"] == [f"Indicateur de {k.code}" for k in
                                        c1.criteres.order_by("ordre")]
    assert [d["valeur"] for d in g.structure["degres"]] == [1, 2, 3, 4]
    assert g.structure["degres"][2]["libelle"] == "Maîtrisé"
    assert g.situation == s.situation and g.date == s.situation.debut
    # Frozen: a later change of the referential does not move an existing grid.
    c1.intitule = "Renommée"
    c1.save()
    g.refresh_from_db()
    assert lignes[0]["intitule"] != "Renommée" == services.structure(
        s.epreuve, services.Notation.pour(s.session, []).bareme).lignes[0].intitule


def test_proposed_mark_from_degrees_and_declared_ponderations():
    s = cf.session(nb_competences=3, poids=[35, 40, 25])
    g = cf.remplir(s, cf.grille(s), [3, 4, 2])
    # 20 × (35 × 2/3 + 40 × 1 + 25 × 1/3) ÷ 100 = 14,33 (docs/plugin_hooks.md)
    assert g.note_calculee == Decimal("14.33") and g.note == Decimal("14.33")
    assert g.explication["calcul"] == "20 × (35 × 2/3 + 40 × 1 + 25 × 1/3) ÷ 100 = 14,33"
    assert [t["points"] for t in g.explication["termes"]] == ["4.67", "8.00", "1.67"]
    assert g.explication["ponderation"]["origine"] == "referentiel"


def test_the_learners_own_ponderation_is_used():
    s = cf.session(nb_competences=2, poids=[50, 50])
    c1, c2 = s.competences
    enregistrer_ponderation(s.apprenants[0], s.epreuve, {c1.code: Decimal(100)}, s.enseignant)
    g = cf.remplir(s, cf.grille(s), [4, 1])
    assert g.note_calculee == Decimal("20.00")
    assert g.explication["ponderation"]["origine"] == "apprenant"


def test_modulation_with_reason_within_two_points():
    s = cf.session(nb_competences=2, poids=[50, 50])
    g = cf.remplir(s, cf.grille(s), [3, 3], modulation="1,5", motif="Très bon oral.")
    assert (g.note_calculee, g.modulation, g.note) == (
        Decimal("13.33"), Decimal("1.5"), Decimal("14.83"))


@pytest.mark.parametrize("modulation,motif,message", [
    ("2,5", "Raison", "limitée à ±2 points"),
    ("-3", "Raison", "limitée à ±2 points"),
    ("1", "", "doit être motivée"),
    ("0,001", "Raison", "au centième"),
    ("abc", "Raison", "n’est pas un nombre"),
])
def test_bad_modulation_is_refused_and_nothing_is_written(modulation, motif, message):
    s = cf.session(nb_competences=2, poids=[50, 50])
    g = cf.remplir(s, cf.grille(s), [3, None])
    with pytest.raises(ValidationError, match=message):
        cf.remplir(s, g, [3, 4], modulation=modulation, motif=motif)
    g.refresh_from_db()
    assert g.modulation == 0 and services.profil(g)[s.competences[1].code] is None


def test_mark_outside_0_20_is_refused():
    s = cf.session(nb_competences=1)
    g = cf.remplir(s, cf.grille(s), [4])
    assert g.note_calculee == 20
    with pytest.raises(ValidationError, match="doit rester entre 0 et 20"):
        cf.remplir(s, g, [4], modulation="1", motif="Excellent.")
    g = cf.remplir(s, g, [1], modulation="-0", motif="")
    with pytest.raises(ValidationError, match="doit rester entre 0 et 20"):
        cf.remplir(s, g, [1], modulation="-0,5", motif="Absent à l’oral.")


def test_degree_off_the_scale_is_refused():
    s = cf.session(nb_competences=2)
    with pytest.raises(ValidationError, match="Degré hors de l’échelle .* : C.*= 7"):
        cf.remplir(s, cf.grille(s), [7, 3])


def test_signing_needs_every_degree_and_says_which_are_missing():
    s = cf.session(nb_competences=3)
    g = cf.remplir(s, cf.grille(s), [3, None, None])
    c2, c3 = s.competences[1].code, s.competences[2].code
    with pytest.raises(ValidationError) as refus:
        signature.signer(g, s.enseignant, "Paul Martin")
    assert f"degré manquant pour {c2}, {c3}" in " ".join(refus.value.messages)
    g.refresh_from_db()
    assert g.etat == EtatGrille.BROUILLON and g.signee_par is None


def test_signing_needs_the_professional_and_the_date():
    s = cf.session(nb_competences=1)
    g = cf.remplir(s, cf.grille(s), [3], date=None)
    with pytest.raises(ValidationError) as refus:
        signature.signer(g, s.enseignant, "  ")
    assert "co-signe la grille : saisissez son nom" in " ".join(refus.value.messages)
    assert "date de l’évaluation" in " ".join(refus.value.messages)


def test_a_signed_grid_is_locked_for_the_services():
    s = cf.session(nb_competences=2)
    g = cf.signee(s)
    assert g.etat == EtatGrille.SIGNEE and g.signee_par == s.enseignant
    assert g.signature_professionnel == "Paul Martin" and g.note == Decimal("13.33")
    with pytest.raises(ValidationError, match="Cette grille est signée"):
        cf.remplir(s, g, [4, 4])
    with pytest.raises(ValidationError, match="Cette grille est signée"):
        signature.signer(g, s.enseignant, "Paul Martin")
    g.refresh_from_db()
    assert services.profil(g) == {c.code: 3 for c in s.competences}


def test_reopening_needs_a_reason_and_keeps_the_signed_grid():
    s = cf.session(nb_competences=2)
    g = cf.signee(s)
    with pytest.raises(ValidationError, match="motif de la réouverture"):
        signature.rouvrir(g, "  ", s.enseignant)
    assert not ReouvertureGrille.objects.exists()
    r = signature.rouvrir(g, "Erreur de saisie sur C2.", s.enseignant)
    g.refresh_from_db()
    assert g.etat == EtatGrille.BROUILLON and g.signee_par is None and not g.signature_professionnel
    assert r.avant["note"] == "13.33" and r.avant["signature_professionnel"] == "Paul Martin"
    assert r.avant["degres"] == {c.code: 3 for c in s.competences}
    g = cf.remplir(s, g, [4, 3])
    assert g.note == Decimal("16.67")
    quoi = [e.quoi for e in signature.historique(g)]
    assert "rouverte" in quoi and any(q.startswith("signée") for q in quoi)


def test_reopening_an_unsigned_grid_is_refused():
    s = cf.session(nb_competences=1)
    with pytest.raises(ValidationError, match="n’est pas signée"):
        signature.rouvrir(cf.grille(s), "Pourquoi pas.", s.enseignant)


def test_nothing_moves_once_the_commission_validated():
    s = cf.session(nb_competences=1)
    g = cf.signee(s)
    brouillon = cf.remplir(s, cf.grille(s, s.apprenants[1]), [2])
    Commission.objects.create(session=s.session, etat=EtatCommission.VALIDEE,
                              validee_par=s.enseignant, validee_le=timezone.now(), archive={})
    with pytest.raises(ValidationError, match="commission d’évaluation de cette session est"):
        signature.rouvrir(g, "Trop tard.", s.enseignant)
    with pytest.raises(ValidationError, match="commission d’évaluation de cette session est"):
        cf.remplir(s, brouillon, [3])
    assert not ReouvertureGrille.objects.exists()


@pytest.mark.parametrize("statut", [StatutCandidat.DISPENSE, StatutCandidat.ABSENT])
def test_no_grid_for_a_learner_with_a_status(statut):
    s = cf.session(nb_competences=1)
    cf.statut(s, s.apprenants[0], statut)
    with pytest.raises(ValidationError, match="Pas de grille pour un candidat"):
        cf.grille(s)
    assert not GrilleCCF.objects.exists()


def test_session_overview_shows_states_and_statuses():
    s = cf.session(apprenants=4, nb_competences=1)
    a, b, c, d = sorted(s.apprenants, key=lambda x: (x.nom, x.prenom, x.pk))
    cf.signee(s, a)
    cf.remplir(s, cf.grille(s, b), [2])
    cf.statut(s, c, StatutCandidat.BENEFICE, note_conservee=Decimal("12.5"),
              session_origine=2026)
    [bloc] = services.grilles_de_session(s.session)
    assert [case.etat for case in bloc.cases] == ["signee", "en_cours", "statut", "aucune"]
    assert (bloc.signees, bloc.en_cours, bloc.avec_statut, bloc.aucune) == (1, 1, 1, 1)
    assert bloc.cases[2].abrege == "bénéfice"
