"""What every import shares: validate all rows, say what each would do, apply all or nothing.

An importer (``Importateur`` subclass) declares its columns and, per row, checks the values and
describes the ``Operation`` it would perform against the database *without writing*. The same
analysis backs the preview and the commit: ``executer`` analyses again and applies only when no
row has a problem, so a stale or altered upload is re-validated.

Applying never holds the database for long: rows are written in batches of ``TAILLE_LOT``, each
its own short transaction, so that other people's saves wait a fraction of a second at most
(SQLite has one writer at a time). All or nothing still holds: every batch's writes are
journaled (``journal.py``) and a failing batch undoes the batches before it.
"""
import datetime
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import AnneeScolaire, Etablissement, Importation, aujourdhui
from ..services import OperationImpossible
from . import valeurs
from .journal import Journal
from .lecture import Colonne, FichierIllisible, Ligne, associer, lire

#: Rows written per transaction: a batch of learners takes a few tenths of a second on SQLite
#: (docs/imports.md has the measures).
TAILLE_LOT = 20
#: SQLite hands its lock to no one in particular: a writer waiting for it polls every 100 ms
#: at most. The run pauses that long between batches so that waiting saves get their turn.
PAUSE_SQLITE = 0.1


class Action:
    CREE = "cree"
    MODIFIE = "modifie"
    INCHANGE = "inchange"
    LIBELLES = {CREE: gettext_lazy("créé"), MODIFIE: gettext_lazy("modifié"),
                INCHANGE: gettext_lazy("inchangé")}


@dataclass
class Erreur:
    message: str
    numero: int | None = None  # the file's line number; None for the file as a whole

    def __str__(self) -> str:
        if self.numero is None:
            return self.message
        return _("Ligne %(n)s : %(m)s") % {"n": self.numero, "m": self.message}


@dataclass
class Operation:
    """What one row will do: its action, a readable summary and details, and its data."""

    numero: int
    resume: str
    action: str = Action.INCHANGE
    details: list[str] = field(default_factory=list)
    donnees: dict = field(default_factory=dict)

    def change(self, detail: str) -> None:
        self.details.append(detail)
        if self.action == Action.INCHANGE:
            self.action = Action.MODIFIE

    @property
    def libelle_action(self) -> str:
        return str(Action.LIBELLES[self.action])


@dataclass
class Analyse:
    operations: list[Operation] = field(default_factory=list)
    erreurs: list[Erreur] = field(default_factory=list)
    applique: bool = False

    @property
    def valide(self) -> bool:
        return not self.erreurs and bool(self.operations)

    @property
    def compteurs(self) -> dict[str, int]:
        counts = {action: 0 for action in Action.LIBELLES}
        for op in self.operations:
            counts[op.action] += 1
        return counts

    def erreurs_de(self, numero: int) -> list[Erreur]:
        return [e for e in self.erreurs if e.numero == numero]

    @property
    def erreurs_fichier(self) -> list[Erreur]:
        return [e for e in self.erreurs if e.numero is None]


class Importateur:
    """One kind of import. Subclasses set the class attributes and the three methods."""

    #: Templates list the importer classes themselves: they must not instantiate them.
    do_not_call_in_templates = True
    type: str = ""
    titre = ""
    description = ""
    colonnes: list[Colonne] = []

    def __init__(self, etablissement: Etablissement, auteur=None,
                 date: datetime.date | None = None):
        self.etablissement = etablissement
        self.auteur = auteur
        self.date = date or aujourdhui()
        self.annee = AnneeScolaire.pour_date(self.date)

    # --- what subclasses provide ---------------------------------------------------------

    def charger(self, lignes: list[Ligne]) -> None:
        """Load what the rows refer to, in a constant number of queries."""

    def cle(self, ligne: Ligne) -> tuple[str, str] | None:
        """(label, value) identifying the row: two rows with the same key are an error."""
        return None

    def comparable(self, valeur: str) -> str:
        """The form in which two keys are compared (case aside, by default)."""
        return valeur.casefold()

    def analyser_ligne(self, ligne: Ligne, erreurs: list[str]) -> Operation | None:
        raise NotImplementedError

    def appliquer(self, operation: Operation) -> None:
        raise NotImplementedError

    # --- helpers for subclasses ----------------------------------------------------------

    @staticmethod
    def lire_valeur(erreurs: list[str], lecture: Callable, *args):
        """``lecture(*args)``, or None with its message added to ``erreurs``."""
        try:
            return lecture(*args)
        except valeurs.ValeurInvalide as error:
            erreurs.append(str(error))
        except ValidationError as error:
            erreurs.extend(error.messages)
        return None

    @staticmethod
    def requis(ligne: Ligne, champ: str, libelle: str, erreurs: list[str]) -> str:
        valeur = ligne[champ]
        if not valeur:
            erreurs.append(_("%(libelle)s manquant") % {"libelle": libelle})
        return valeur

    # --- the shared algorithm ------------------------------------------------------------

    def analyser(self, contenu: bytes, nom_fichier: str) -> Analyse:
        """Validate every row and describe what it would do; writes nothing."""
        try:
            tableau = lire(contenu, nom_fichier)
        except FichierIllisible as error:
            return Analyse(erreurs=[Erreur(str(error))])
        lignes, problemes = associer(tableau, self.colonnes)
        if problemes:
            return Analyse(erreurs=[Erreur(m) for m in problemes])
        self.charger(lignes)
        analyse, vues = Analyse(), {}
        for ligne in lignes:
            erreurs: list[str] = []
            cle = self.cle(ligne)
            if cle and cle[1]:
                precedente = vues.setdefault(self.comparable(cle[1]), ligne.numero)
                if precedente != ligne.numero:
                    erreurs.append(_("%(libelle)s « %(valeur)s » en double (déjà ligne %(n)s)")
                                   % {"libelle": cle[0], "valeur": cle[1], "n": precedente})
            operation = self.analyser_ligne(ligne, erreurs)
            analyse.erreurs += [Erreur(m, ligne.numero) for m in erreurs]
            if operation is not None and not erreurs:
                analyse.operations.append(operation)
        if analyse.erreurs:
            analyse.operations = []
        return analyse

    def executer(self, contenu: bytes, nom_fichier: str,
                 importation: Importation | None = None) -> Analyse:
        """Analyse again and, if every row is valid, apply them in short batches.

        With ``importation``, its progress (``lignes_faites``) moves in each batch's own
        transaction and the journal is saved along. A row refused while applying (the database
        changed since the analysis) undoes every batch already written; so does any other
        failure, which is then raised again.
        """
        analyse = self.analyser(contenu, nom_fichier)
        if not analyse.valide:
            return analyse
        a_ecrire = [op for op in analyse.operations if op.action != Action.INCHANGE]
        if importation is not None:
            Importation.objects.filter(pk=importation.pk).update(
                lignes_total=len(a_ecrire), lignes_faites=0)
        journal, operation = Journal(importation), None
        try:
            for numero, lot in enumerate(_par_lots(a_ecrire), start=1):
                with transaction.atomic(), journal.lot(numero):
                    for operation in lot:
                        self.appliquer(operation)
                    if importation is not None:
                        Importation.objects.filter(pk=importation.pk).update(
                            lignes_faites=F("lignes_faites") + len(lot))
                if connection.vendor == "sqlite":
                    time.sleep(PAUSE_SQLITE)
        except (OperationImpossible, ValidationError) as error:
            journal.annuler()
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            return Analyse(erreurs=[Erreur(m, operation.numero if operation else None)
                                    for m in messages])
        except BaseException:
            journal.annuler()
            raise
        journal.oublier()
        analyse.applique = True
        return analyse


def _par_lots(operations: list[Operation]) -> Iterator[list[Operation]]:
    for debut in range(0, len(operations), TAILLE_LOT):
        yield operations[debut:debut + TAILLE_LOT]
