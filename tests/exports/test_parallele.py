"""A class batch's PDFs made by a pool of processes, as the worker runs it (no transaction
open: the pool is only used there), and a child's failure ending the batch with a French
message that names the learner, nothing kept."""
import io
import zipfile

import pytest

from cpro_platform.exports import integres, parallele, taches
from cpro_platform.exports.models import EtatLot, LotExport
from cpro_platform.regles import ErreurDeRegle
from tests.bilans_documents.factories import texte_pdf
from tests.exports.outils import cas

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pool(monkeypatch):
    """Two processes, and a record of each batch that really went through the pool."""
    monkeypatch.setenv(parallele.VARIABLE, "2")
    passages = []
    en_parallele = parallele._en_parallele

    def espion(sujets, *args):
        passages.append(len(sujets))
        return en_parallele(sujets, *args)
    monkeypatch.setattr(parallele, "_en_parallele", espion)
    return passages


def _lot(c) -> LotExport:
    lot = LotExport.objects.create(format="livrets-classe", classe=c.classe, auteur=c.prof)
    taches.produire_lot.call(lot.pk)
    lot.refresh_from_db()
    return lot


def test_three_livrets_made_by_two_processes_name_each_learner(pool):
    c = cas()
    trois = c.eleves
    c.apprenti.inscriptions.all().delete()   # the class has four learners: keep three
    lot = _lot(c)

    assert pool == [3]
    assert (lot.etat, lot.faits, lot.total, lot.erreur) == (EtatLot.TERMINE, 3, 3, "")
    with lot.fichier.open("rb") as fichier:
        archive = zipfile.ZipFile(io.BytesIO(fichier.read()))
    noms = sorted(archive.namelist())
    assert noms == [f"livret-{e.nom.lower()}-prenom.pdf" for e in trois]
    for nom, eleve in zip(noms, trois):
        texte = texte_pdf(archive.read(nom))
        assert f"Livret de suivi — {eleve.nom_complet}" in texte and "T MV-X" in texte


def test_a_failing_child_fails_the_batch_naming_the_learner_and_keeps_nothing(pool,
                                                                           monkeypatch):
    c = cas()
    livret_pdf = integres.livret_pdf

    def casse(livret, **contexte):
        if livret.apprenant.nom == "BERTIN":
            raise RuntimeError("police introuvable")
        return livret_pdf(livret, **contexte)
    # Inherited by the forked children.
    monkeypatch.setattr(integres, "livret_pdf", casse)
    with pytest.raises(ErreurDeRegle):
        _lot(c)
    lot = LotExport.objects.get()

    assert pool == [4]
    assert lot.etat == EtatLot.ECHOUE and not lot.fichier and lot.fin is not None
    assert lot.erreur.startswith("Erreur inattendue pendant la production des documents : "
                                 "Le document de Prénom BERTIN n’a pas pu être produit "
                                 "(RuntimeError: police introuvable).")
    assert "Aucun fichier n’a été produit." in lot.erreur


def test_a_child_that_dies_fails_the_batch_without_blaming_a_learner(pool, monkeypatch):
    import os

    c = cas()
    livret_pdf = integres.livret_pdf

    def meurt(livret, **contexte):
        if livret.apprenant.nom == "COLIN":
            os._exit(1)   # killed (out of memory…): every pending document is lost with it
        return livret_pdf(livret, **contexte)
    monkeypatch.setattr(integres, "livret_pdf", meurt)
    with pytest.raises(ErreurDeRegle):
        _lot(c)
    lot = LotExport.objects.get()
    assert lot.etat == EtatLot.ECHOUE and not lot.fichier
    assert ("Un processus de production des documents s’est arrêté avant la fin."
            in lot.erreur)


def test_inside_a_transaction_the_same_batch_runs_in_this_process(monkeypatch):
    """The pool would close a connection inside ``atomic`` (and a child would not see the
    uncommitted rows): there, the documents are made one after the other."""
    from django.db import transaction

    monkeypatch.setenv(parallele.VARIABLE, "2")
    monkeypatch.setattr(parallele, "_en_parallele", None)   # would fail if called
    with transaction.atomic():
        c = cas()
        lot = _lot(c)
    assert (lot.etat, lot.faits) == (EtatLot.TERMINE, 4)


def test_the_number_of_processes_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(parallele.VARIABLE, "3")
    assert parallele.processus() == 3
    for valeur in ("0", "", "beaucoup"):
        monkeypatch.setenv(parallele.VARIABLE, valeur)
        assert parallele.processus() >= 1
