"""What an import run writes, recorded as it happens, so that a failed run can undo it.

An import writes in short batches, each its own transaction (no lock held for long); to stay
all or nothing, every row a batch creates, modifies or deletes is recorded — through Django's
model signals, while ``Journal.lot()`` is open in this context — with its previous values.
``annuler()`` then undoes the committed batches, the last first: created rows are removed,
modified ones get their previous values back, deleted ones are put back. Undoing sends no
signal, so it adds no audit entry, and the audit entries the run created (django-simple-
history rows are saved models too) are removed with the rest: a failed import leaves no
trace but its own ``Importation`` and its errors.

With an ``Importation``, each batch's entries are saved in the batch's own transaction
(``EcritureImport``): a batch and its journal are committed together, so a run interrupted
by a crash can still be undone (``Journal.reprendre``).

Not seen by signals: ``QuerySet.update()``, ``bulk_create()``, raw SQL, many-to-many changes.
The importers use none of them; ``tests/imports/test_journal.py`` undoes each importer's
writes and compares the whole database before and after.
"""
import contextvars
import json
from contextlib import contextmanager

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save

from ..models import EcritureImport, Importation

_COURANT: contextvars.ContextVar["Journal | None"] = contextvars.ContextVar(
    "journal_import", default=None)
#: The run's own bookkeeping is not part of what it imports.
IGNORES = frozenset({"etablissements.importation", "etablissements.ecritureimport"})
Action = EcritureImport.Action


def _label(instance) -> str:
    return instance._meta.label_lower


def _json(valeurs: dict) -> dict:
    """Column values as JSON-safe data (dates and decimals as text, read back by the field)."""
    return json.loads(json.dumps(valeurs, cls=DjangoJSONEncoder))


def _colonnes(instance) -> list[str]:
    return [f.attname for f in instance._meta.concrete_fields]


def _valeurs(modele, avant: dict) -> dict:
    """``avant`` (attname → JSON value) back to the fields' Python values."""
    return {f.attname: f.to_python(avant[f.attname]) for f in modele._meta.concrete_fields
            if f.attname in avant}


class Journal:
    def __init__(self, importation: Importation | None = None):
        self.importation = importation
        self.ecritures: list[EcritureImport] = []
        self._lot: list[EcritureImport] = []
        self._numero = 0
        self._avant: dict[int, dict] = {}

    @classmethod
    def reprendre(cls, importation: Importation) -> "Journal":
        """The journal of a run as it was committed (after a crash, say)."""
        journal = cls(importation)
        journal.ecritures = list(importation.ecritures.order_by("pk"))
        return journal

    @contextmanager
    def lot(self, numero: int):
        """Record the writes made inside; use within the batch's transaction. Kept only if the
        block succeeds (otherwise the transaction's rollback undid them already)."""
        self._numero, self._lot, self._avant = numero, [], {}
        jeton = _COURANT.set(self)
        try:
            yield
        finally:
            _COURANT.reset(jeton)
        if self.importation is not None:
            EcritureImport.objects.bulk_create(self._lot)
        self.ecritures += self._lot

    def _noter(self, instance, action: str, avant: dict | None = None) -> None:
        self._lot.append(EcritureImport(
            importation=self.importation, lot=self._numero, modele=_label(instance),
            cle=str(instance.pk), action=action, avant=avant))

    # --- signal receivers (connected once, below) -------------------------------------------

    def _avant_enregistrement(self, instance) -> None:
        if instance._state.adding or instance.pk is None:
            return
        ancien = type(instance)._base_manager.filter(pk=instance.pk).values(
            *_colonnes(instance)).first()
        if ancien is not None:
            self._avant[id(instance)] = ancien

    def _apres_enregistrement(self, instance, created: bool) -> None:
        ancien = self._avant.pop(id(instance), None)
        if created:
            self._noter(instance, Action.CREE)
        elif ancien is not None:
            changes = {k: v for k, v in ancien.items() if getattr(instance, k) != v}
            if changes:  # only what changed is restored: concurrent edits elsewhere stay
                self._noter(instance, Action.MODIFIE, _json(changes))

    def _avant_suppression(self, instance) -> None:
        valeurs = {k: getattr(instance, k) for k in _colonnes(instance)}
        self._noter(instance, Action.SUPPRIME, _json(valeurs))

    # --- undo -------------------------------------------------------------------------------

    def annuler(self) -> None:
        """Undo the committed batches, the last first, each in its own short transaction."""
        for numero in sorted({e.lot for e in self.ecritures}, reverse=True):
            with transaction.atomic():
                for ecriture in reversed([e for e in self.ecritures if e.lot == numero]):
                    _defaire(ecriture)
                if self.importation is not None:
                    self.importation.ecritures.filter(lot=numero).delete()
        self.ecritures = []

    def oublier(self) -> None:
        """The run succeeded: its journal is no longer needed."""
        if self.importation is not None:
            self.importation.ecritures.all().delete()
        self.ecritures = []


def _defaire(ecriture: EcritureImport) -> None:
    modele = apps.get_model(ecriture.modele)
    lignes = modele._base_manager.filter(pk=ecriture.cle)
    if ecriture.action == Action.CREE:
        # No signals (no "deleted" audit entry) and no cascade: what referred to this row was
        # created later in the run and is undone before it.
        lignes._raw_delete(lignes.db)
    elif ecriture.action == Action.MODIFIE:
        lignes.update(**_valeurs(modele, ecriture.avant))
    else:
        modele._base_manager.bulk_create([modele(**_valeurs(modele, ecriture.avant))])


def _journal_pour(instance) -> Journal | None:
    journal = _COURANT.get()
    if journal is None or _label(instance) in IGNORES:
        return None
    return journal


def _pre_save(sender, instance, raw=False, **kwargs):
    if (journal := _journal_pour(instance)) and not raw:
        journal._avant_enregistrement(instance)


def _post_save(sender, instance, created, raw=False, **kwargs):
    if (journal := _journal_pour(instance)) and not raw:
        journal._apres_enregistrement(instance, created)


def _pre_delete(sender, instance, **kwargs):
    if journal := _journal_pour(instance):
        journal._avant_suppression(instance)


pre_save.connect(_pre_save, dispatch_uid="imports.journal.pre_save")
post_save.connect(_post_save, dispatch_uid="imports.journal.post_save")
pre_delete.connect(_pre_delete, dispatch_uid="imports.journal.pre_delete")
