"""The bench's own rows: recorded as they are created, deleted at the end, nothing else.

``make bench`` may run on a database that holds real data (``DATABASE_URL=…`` on the demo or a
production copy). The bench builds uniquely named data of its own, some of it committed (the
HTTP server and the task worker are other processes: they must see it), and must leave the
database as it found it. Deleting by name or by table would reach other people's rows (and
trips over PROTECT: the old ``Referentiel.objects.all().delete()`` raised ``ProtectedError`` on
any database with evaluations).

``Trace`` records every row this process creates while it is open — ``Model.save`` through
``post_save``, ``bulk_create`` by wrapping it — once its transaction commits (a rolled-back
row is not kept: its id may be given again). ``nettoyer()`` deletes them, children first.
Rows written by the bench's other processes (a grid saved over HTTP, a session) are not
recorded; they point at the bench's rows, so a delete that PROTECT refuses names them, and
they are deleted too — only if they were created after the trace opened (their id is above
the largest id the table had then). Anything older is never deleted: the clean-up stops with
an error instead.
"""
from collections import defaultdict
from contextlib import contextmanager, nullcontext

from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.db.models import Max, ProtectedError, QuerySet, RestrictedError
from django.db.models.signals import post_save

PAQUET = 500  # ids per DELETE: well under SQLite's bound-parameter limit


class DonneesEtrangeres(Exception):
    """The clean-up met a row the bench did not create and will not delete it."""


def _concret(model):
    return model._meta.concrete_model


class Trace:
    def __init__(self):
        self.crees: dict = {}          # model → ids, in the order models first appeared
        self.plafonds: dict = {}       # model → largest integer id before the trace opened
        self._bulk_create = None

    # -- recording ---------------------------------------------------------------------------
    def _garder(self, model, pks) -> None:
        ids = self.crees.setdefault(_concret(model), [])
        ids.extend(pk for pk in pks if pk is not None)

    def _noter(self, model, pks) -> None:
        pks = list(pks)
        transaction.on_commit(lambda: self._garder(model, pks))

    def _apres_save(self, sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            self._noter(sender, [instance.pk])

    def ouvrir(self) -> "Trace":
        for model in apps.get_models(include_auto_created=True):
            if model._meta.pk.get_internal_type() in {"AutoField", "BigAutoField",
                                                       "SmallAutoField"}:
                self.plafonds[model] = (model._base_manager.aggregate(m=Max("pk"))["m"] or 0)
        post_save.connect(self._apres_save, dispatch_uid=f"bench-trace-{id(self)}", weak=False)
        original = self._bulk_create = QuerySet.bulk_create
        trace = self

        def bulk_create(qs, objs, *args, **kwargs):
            objs = original(qs, objs, *args, **kwargs)
            trace._noter(qs.model, [o.pk for o in objs])
            return objs
        QuerySet.bulk_create = bulk_create
        return self

    def fermer(self) -> None:
        post_save.disconnect(dispatch_uid=f"bench-trace-{id(self)}")
        if self._bulk_create is not None:
            QuerySet.bulk_create, self._bulk_create = self._bulk_create, None

    def __enter__(self) -> "Trace":
        return self.ouvrir()

    def __exit__(self, *exc) -> None:
        self.fermer()

    # -- clean-up ----------------------------------------------------------------------------
    def est_a_nous(self, model, pk) -> bool:
        model = _concret(model)
        if pk in self._ids(model):
            return True
        plafond = self.plafonds.get(model)
        return plafond is not None and isinstance(pk, int) and pk > plafond

    def _ids(self, model) -> set:
        cache = getattr(self, "_ensembles", None)
        if cache is None:
            cache = self._ensembles = {}
        if model not in cache:
            cache[model] = set(self.crees.get(model, ()))
        return cache[model]

    def nettoyer(self) -> int:
        """Delete every recorded row (and the later rows that point at them); the count."""
        self.fermer()
        self._ensembles = None
        supprimes = defaultdict(set)
        # Created last, deleted first: children go before the rows they point at.
        for model in reversed(list(self.crees)):
            ids = list(dict.fromkeys(self.crees[model]))
            for debut in range(0, len(ids), PAQUET):
                self._supprimer(model, ids[debut:debut + PAQUET], supprimes)
        self._histoires(supprimes)
        self.crees.clear()
        return sum(len(v) for v in supprimes.values())

    def _supprimer(self, model, ids, supprimes, profondeur=0) -> None:
        suspendre = False
        for _essai in range(50):
            try:
                with transaction.atomic(), (declencheurs_suspendus() if suspendre
                                            else nullcontext()):
                    model._base_manager.filter(pk__in=ids).delete()
                supprimes[model].update(ids)
                return
            except (ProtectedError, RestrictedError) as refus:
                bloquants = (refus.protected_objects if isinstance(refus, ProtectedError)
                             else refus.restricted_objects)
                par_modele = defaultdict(list)
                for objet in bloquants:
                    if not self.est_a_nous(type(objet), objet.pk):
                        raise DonneesEtrangeres(
                            f"{type(objet).__name__} #{objet.pk} points at the bench's "
                            f"{model.__name__} rows but predates the bench: not deleted") from refus
                    par_modele[_concret(type(objet))].append(objet.pk)
                if profondeur > 20:
                    raise
                for autre, autres in par_modele.items():
                    for debut in range(0, len(autres), PAQUET):
                        self._supprimer(autre, autres[debut:debut + PAQUET], supprimes,
                                        profondeur + 1)
            except DatabaseError:  # after ProtectedError: a subclass of it
                # PostgreSQL's triggers refuse to delete a validated bilan or a signed grid,
                # even the bench's own: once more with them off, in this transaction only.
                if suspendre or connection.vendor != "postgresql":
                    raise
                suspendre = True
        raise RuntimeError(f"could not delete the bench's {model.__name__} rows")

    def _histoires(self, supprimes) -> None:
        """simple_history wrote a "deleted" record for each historised row: theirs too."""
        for model in apps.get_models():
            origine = getattr(model, "instance_type", None)
            if origine is None or not hasattr(model, "history_id"):
                continue
            ids = supprimes.get(_concret(origine))
            if not ids:
                continue
            plafond = self.plafonds.get(model, 0)
            liste = list(ids)
            for debut in range(0, len(liste), PAQUET):
                model._base_manager.filter(id__in=liste[debut:debut + PAQUET],
                                           history_id__gt=plafond).delete()


@contextmanager
def declencheurs_suspendus():
    """PostgreSQL: the tables' own triggers (not the foreign keys') off until the end of the
    current transaction's block. ALTER TABLE locks each table: no other session writes to it
    meanwhile, nor ever sees the triggers off (DDL is transactional)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger "
                       "WHERE NOT tgisinternal")
        tables = [t for (t,) in cursor.fetchall()]
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        yield
        # The deferred foreign-key checks of the deletes first: ALTER TABLE refuses a table
        # with pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def compter() -> dict:
    """Rows per table, by label: what a test compares before and after."""
    return {m._meta.label: m._base_manager.count()
            for m in apps.get_models(include_auto_created=True)}

