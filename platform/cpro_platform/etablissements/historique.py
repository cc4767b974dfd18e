"""The audit log read back: who changed what, when, with the values before and after.

Entries come from django-simple-history's tables; consecutive versions of one row are compared
here in memory, so a page costs one query per audited model whatever its length.
"""
import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cpro_platform.comptes.models import Role

from .models import Apprenant, Encadrement, Enseignement, Inscription, Parcours, Tuteur

User = get_user_model()

ACTIONS = {"+": _("Création"), "~": _("Modification"), "-": _("Suppression")}
IGNORED = {"id", "history_id", "history_date", "history_change_reason", "history_type",
           "history_user", "history_user_id", "history_relation"}


@dataclass
class Changement:
    champ: str
    avant: str
    apres: str


@dataclass
class Entree:
    date: datetime.datetime
    auteur: str
    action: str
    modele: str
    changements: list[Changement] = field(default_factory=list)


def _champs(model):
    return [f for f in model._meta.fields if f.name not in IGNORED]


def _libelles_lies(model, records) -> dict:
    """{(field name, id): label} for every foreign key value, one query per related model."""
    labels = {}
    for f in _champs(model):
        if not f.many_to_one:
            continue
        ids = {getattr(r, f.attname) for r in records} - {None}
        related = f.related_model._default_manager.select_related(
            *[g.name for g in f.related_model._meta.fields if g.many_to_one])
        for pk, obj in related.in_bulk(ids).items():
            labels[f.name, pk] = str(obj)
    return labels


def _valeur(record, f, labels) -> str:
    value = getattr(record, f.attname)
    if value is None:
        return ""
    if f.many_to_one:
        return labels.get((f.name, value), f"#{value}")
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _entrees(history: QuerySet) -> list[Entree]:
    records = list(history.select_related("history_user").order_by("id", "history_date"))
    if not records:
        return []
    model = history.model
    champs, labels = _champs(model), _libelles_lies(model, records)
    verbose = capfirst(model.instance_type._meta.verbose_name)
    entrees, previous = [], {}
    for record in records:
        before = previous.get(record.id)
        changements = []
        for f in champs:
            avant = _valeur(before, f, labels) if before else ""
            apres = _valeur(record, f, labels)
            if avant != apres:
                changements.append(Changement(str(f.verbose_name), avant, apres))
        author = record.history_user
        entrees.append(Entree(
            date=record.history_date,
            auteur=(author.get_full_name() or author.get_username()) if author else _("système"),
            action=str(ACTIONS.get(record.history_type, record.history_type)),
            modele=verbose,
            changements=changements))
        previous[record.id] = record
    return entrees


def journal(*histories: QuerySet) -> list[Entree]:
    """Every entry of ``histories``, latest first."""
    return sorted((e for h in histories for e in _entrees(h)), key=lambda e: e.date,
                  reverse=True)


def journal_apprenant(apprenant: Apprenant) -> list[Entree]:
    return journal(
        Apprenant.history.filter(id=apprenant.pk),
        Parcours.history.filter(apprenant_id=apprenant.pk),
        Inscription.history.filter(apprenant_id=apprenant.pk),
        Encadrement.history.filter(apprenant_id=apprenant.pk),
    )


def journal_personne(personne) -> list[Entree]:
    return journal(
        User.history.filter(id=personne.pk),
        Role.history.filter(user_id=personne.pk),
        Enseignement.history.filter(enseignant_id=personne.pk),
        Tuteur.history.filter(user_id=personne.pk),
    )
