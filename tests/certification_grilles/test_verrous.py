"""A signed grid is locked at every layer: the services (test_grilles), the model
(``CertificationFigee``) and the database (triggers of migration 0002), which also keeps the
reopenings append-only and refuses one once the commission validated."""
import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone

from cpro_platform.certification import grilles_signature as signature
from cpro_platform.certification.models import (
    CertificationFigee, Commission, DegreGrille, EtatCommission, EtatGrille, GrilleCCF,
    ReouvertureGrille)
from cpro_platform.referentials.models import Competence

from . import factories as cf

pytestmark = pytest.mark.django_db


def _autre_competence(g):
    """A compétence of the referential the grid has no line for (a valid row otherwise)."""
    modele = g.degres.first().competence
    return Competence.objects.create(referentiel=modele.referentiel, bloc=modele.bloc,
                                     code=modele.code + "9", intitule="Autre",
                                     provenance="officiel")


@pytest.fixture
def signee():
    s = cf.session(nb_competences=2)
    return s, cf.signee(s)


def test_the_model_refuses_to_change_a_signed_grid(signee):
    s, g = signee
    g.appreciation = "Réécrite après coup"
    with pytest.raises(CertificationFigee):
        g.save()
    g.etat = EtatGrille.BROUILLON   # back to draft without a reopening: still the content
    with pytest.raises(CertificationFigee):
        g.save(update_fields=["etat", "appreciation"])
    degre = g.degres.first()
    degre.degre = 1
    with pytest.raises(CertificationFigee):
        degre.save()
    with pytest.raises(CertificationFigee):
        degre.delete()
    with pytest.raises(CertificationFigee):
        g.delete()
    g = GrilleCCF.objects.get(pk=g.pk)
    assert g.appreciation == "" and g.degres.filter(degre=3).count() == 2


@pytest.mark.parametrize("ecrire", [
    lambda g: GrilleCCF.objects.filter(pk=g.pk).update(note=20),
    lambda g: GrilleCCF.objects.filter(pk=g.pk).update(etat=EtatGrille.BROUILLON),
    lambda g: GrilleCCF.objects.filter(pk=g.pk).update(etat=EtatGrille.BROUILLON,
                                                       signee_par=None, signee_le=None),
    lambda g: DegreGrille.objects.filter(grille=g).update(degre=1),
    lambda g: DegreGrille.objects.bulk_create([DegreGrille(
        grille=g, competence=_autre_competence(g), degre=2)]),
], ids=["note", "etat", "etat-sans-signature", "degre", "nouveau-degre"])
def test_the_database_refuses_to_change_a_signed_grid(signee, ecrire):
    s, g = signee
    with pytest.raises(DatabaseError), transaction.atomic():
        ecrire(g)
    g = GrilleCCF.objects.get(pk=g.pk)
    assert g.etat == EtatGrille.SIGNEE and g.note == g.note_calculee
    assert set(g.degres.values_list("degre", flat=True)) == {3}


def test_the_database_lets_a_reasoned_reopening_through_and_keeps_it(signee):
    s, g = signee
    r = signature.rouvrir(g, "Erreur de saisie.", s.enseignant)
    assert GrilleCCF.objects.get(pk=g.pk).etat == EtatGrille.BROUILLON
    with pytest.raises(DatabaseError), transaction.atomic():
        ReouvertureGrille.objects.filter(pk=r.pk).update(motif="Autre chose")
    assert ReouvertureGrille.objects.get(pk=r.pk).motif == "Erreur de saisie."


def test_the_database_refuses_a_reopening_of_a_draft_or_a_validated_session(signee):
    s, g = signee
    brouillon = cf.grille(s, s.apprenants[1])
    with pytest.raises(DatabaseError), transaction.atomic():
        ReouvertureGrille.objects.create(grille=brouillon, motif="x", par=s.enseignant,
                                         avant={})
    Commission.objects.create(session=s.session, etat=EtatCommission.VALIDEE,
                              validee_par=s.enseignant, validee_le=timezone.now(), archive={})
    # bulk_create skips the model layer (certification.gel): the database alone refuses
    with pytest.raises(DatabaseError), transaction.atomic():
        ReouvertureGrille.objects.bulk_create([ReouvertureGrille(
            grille=g, motif="x", par=s.enseignant, avant={})])
    assert not ReouvertureGrille.objects.exists()
