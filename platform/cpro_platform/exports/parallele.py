"""A batch's documents made side by side: one process per core, the progress kept by the parent.

A PDF is CPU work in Python (WeasyPrint), so threads do not help; a pool of processes forked
from the worker does, each child opening its own database connection. The parent only hands
out subjects by their index (the children inherited the list when forked: nothing is
pickled on the way in), collects the files in order and moves the progress bar in short
transactions of its own. A child that fails names its subject: the batch stops (what is not
started is cancelled) and nothing is kept.

The pool is used only where it is safe and worth it: more than one subject and one process,
``fork`` available (Linux), no transaction open on any connection (a connection closed inside
``atomic`` would break it; the test suite's transactions run the same code serially), and not
an in-memory SQLite database (a child's new connection would find it empty).
"""
import gc
import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import util

from django.db import connections
from django.utils.translation import gettext as _

from cpro_platform.regles import Fichier

logger = logging.getLogger(__name__)

#: How many processes make a batch's documents; unset or 0: one per core this process may use.
VARIABLE = "CPRO_PROCESSUS_DOCUMENTS"


class EchecDocument(Exception):
    """One subject's document could not be made; the message (French) names the learner."""


def processus() -> int:
    try:
        voulu = int(os.environ.get(VARIABLE, "0"))
    except ValueError:
        voulu = 0
    if voulu > 0:
        return voulu
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


def _echec(qui: str, erreur: BaseException) -> EchecDocument:
    return EchecDocument(_("Le document de %(nom)s n’a pas pu être produit (%(cause)s).")
                         % {"nom": qui, "cause": f"{type(erreur).__name__}: {erreur}"})


def _pool_possible(nombre: int, processus_: int) -> bool:
    if nombre < 2 or processus_ < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return False
    for connexion in connections.all(initialized_only=True):
        if connexion.in_atomic_block:
            return False
        if connexion.vendor == "sqlite" and connexion.is_in_memory_db():
            return False
    return True


# What a child works on: set in the parent just before the fork, inherited by the children.
_travail: tuple[Callable[..., Fichier], Sequence] | None = None


def _enfant_pret() -> None:
    """In each child: a connection of its own (the parent closed its own before forking),
    closed when the child ends; what was inherited is frozen out of the cycle collector's
    walks (as gunicorn's workers do, ``gunicorn_conf``)."""
    gc.freeze()
    util.Finalize(None, connections.close_all, exitpriority=10)


def _faire(indice: int) -> tuple[str, bytes]:
    faire, sujets = _travail
    fichier = faire(sujets[indice])
    return fichier.nom, fichier.contenu


def _en_serie(sujets: Sequence, faire, qui, avancer) -> list[Fichier]:
    fichiers = []
    for sujet in sujets:
        try:
            fichiers.append(faire(sujet))
        except Exception as erreur:
            logger.exception("Document of %s failed", qui(sujet))
            raise _echec(qui(sujet), erreur) from erreur
        avancer(len(fichiers))
    return fichiers


def _en_parallele(sujets: Sequence, faire, qui, avancer, processus_: int) -> list[Fichier]:
    global _travail
    # A connection must never be shared across a fork: each side opens its own.
    connections.close_all()
    _travail = (faire, sujets)
    fichiers: list[Fichier | None] = [None] * len(sujets)
    pool = ProcessPoolExecutor(min(processus_, len(sujets)),
                               mp_context=multiprocessing.get_context("fork"),
                               initializer=_enfant_pret)
    try:
        en_cours = {pool.submit(_faire, i): i for i in range(len(sujets))}
        faits = 0
        while en_cours:
            finis, _reste = wait(en_cours, return_when=FIRST_EXCEPTION)
            for futur in finis:
                indice = en_cours.pop(futur)
                erreur = futur.exception()
                if isinstance(erreur, BrokenProcessPool):
                    # A child was killed: every pending subject fails alike, none is to blame.
                    raise EchecDocument(_("Un processus de production des documents s’est "
                                          "arrêté avant la fin.")) from erreur
                if erreur is not None:
                    logger.error("Document of %s failed", qui(sujets[indice]), exc_info=erreur)
                    raise _echec(qui(sujets[indice]), erreur) from erreur
                fichiers[indice] = Fichier(*futur.result())
                faits += 1
                avancer(faits)
    finally:
        # On a failure, what has not started is dropped; the running documents finish.
        pool.shutdown(wait=True, cancel_futures=True)
        _travail = None
    return fichiers


def produire_tous(sujets: Sequence, faire: Callable[..., Fichier], qui: Callable[..., str],
                  avancer: Callable[[int], None], processus_: int | None = None
                  ) -> list[Fichier]:
    """``faire(sujet)`` for every subject, in order; ``avancer(n)`` after each document
    (called in this process); ``qui(sujet)`` names the learner when one fails.

    :raises EchecDocument: a subject's document failed (nothing else is kept).
    """
    processus_ = processus_ or processus()
    if _pool_possible(len(sujets), processus_):
        return _en_parallele(sujets, faire, qui, avancer, processus_)
    return _en_serie(sujets, faire, qui, avancer)
