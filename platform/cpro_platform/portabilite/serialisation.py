"""A learner's record as plain JSON values: every row of ``specs.SPECS`` the learner owns,
the rows they point to, field by field, with references instead of database ids.

A reference is ``"<model label>:<n>"``, ``n`` the row's rank among its model's rows sorted by
their content: two installations holding the same record write the same references, so a
re-export after an import is identical (``docs/parcours_archive.md``). Referential rows are
pointed to by codes (``pointeur``); evidence files by the SHA-256 of their bytes.
"""
import datetime
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath

from django.db import models

from .specs import REFERENTIELS, SPECS, Spec


class ModeleNonPortable(TypeError):
    """A listed model points, through a required field, to a model the archive cannot carry."""


def pointeur(objet) -> dict:
    """A referential row as codes (the referential's code and version, then the row's)."""
    label = objet._meta.label_lower
    if label == "referentials.referentiel":
        return {"referentiel": [objet.code, objet.version]}
    if label == "referentials.competence":
        ref = objet.referentiel
        return {"referentiel": [ref.code, ref.version], "competence": objet.code}
    if label == "referentials.critere":
        ref = objet.competence.referentiel
        return {"referentiel": [ref.code, ref.version], "competence": objet.competence.code,
                "critere": objet.code}
    if label == "referentials.epreuve":
        ref = objet.referentiel
        return {"referentiel": [ref.code, ref.version], "epreuve": objet.code}
    ref = objet.pole.referentiel
    return {"referentiel": [ref.code, ref.version], "pole": objet.pole.code,
            "activite": objet.code}


def canonique(valeur) -> str:
    return json.dumps(valeur, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Collecte:
    """What the export gathered: rows per model label, the files, the referentials used."""

    lignes: dict[str, dict[int, models.Model]] = field(default_factory=dict)
    refs: dict[tuple[str, int], str] = field(default_factory=dict)
    #: archive path → bytes
    fichiers: dict[str, bytes] = field(default_factory=dict)
    #: (code, version) of every referential pointed to.
    referentiels: set[tuple[str, str]] = field(default_factory=set)
    pointeurs: dict[tuple[str, int], dict] = field(default_factory=dict)

    def pointeur(self, objet) -> dict:
        cle = (objet._meta.label_lower, objet.pk)
        if cle not in self.pointeurs:
            self.pointeurs[cle] = pointeur(objet)
            self.referentiels.add(tuple(self.pointeurs[cle]["referentiel"]))
        return self.pointeurs[cle]


def _cible(f) -> str:
    return f.related_model._meta.label_lower


def verifier_specs() -> None:
    """Every relation of a listed model reaches a listed model, a referential row, or may be
    left empty (then it travels empty when its target is not in the record)."""
    labels = {spec.label for spec in SPECS}
    for spec in SPECS:
        for f in spec.champs_exportes():
            if not f.is_relation:
                continue
            cible = _cible(f)
            if cible in labels or cible in REFERENTIELS:
                continue
            if f.many_to_many or f.null:
                continue
            raise ModeleNonPortable(f"{spec.modele}.{f.name} → {cible}: add {cible} to "
                                    f"portabilite.specs.SPECS")


def collecter(apprenant) -> Collecte:
    """The learner's rows and, transitively, every listed row they point to."""
    labels = {spec.label: spec for spec in SPECS}
    voulus: dict[str, set[int]] = {spec.label: set() for spec in SPECS}
    collecte = Collecte()
    # Children before parents: a row's relations add its parents to what is wanted.
    for spec in reversed(SPECS):
        qs = spec.model._default_manager.all()
        filtre = models.Q(pk__in=voulus[spec.label])
        if spec.racine:
            filtre |= models.Q(**{spec.racine: apprenant.pk})
        lignes = {o.pk: o for o in qs.filter(filtre)}
        collecte.lignes[spec.label] = lignes
        for f in spec.champs_exportes():
            if not f.is_relation or _cible(f) not in labels or _cible(f) == spec.label:
                continue
            if f.many_to_many:
                through = f.remote_field.through
                colonne = f.m2m_reverse_name()
                voulus[_cible(f)].update(through.objects.filter(
                    **{f"{f.m2m_field_name()}__in": list(lignes)}).values_list(
                    f"{colonne}", flat=True))
            else:
                voulus[_cible(f)].update(v for o in lignes.values()
                                         if (v := getattr(o, f.attname)) is not None)
    return collecte


def _fichier(collecte: Collecte, fichier) -> str:
    if not fichier:
        return ""
    with fichier.open("rb") as flux:
        contenu = flux.read()
    extension = PurePosixPath(fichier.name).suffix.lower() or ".bin"
    chemin = f"fichiers/{hashlib.sha256(contenu).hexdigest()}{extension}"
    collecte.fichiers[chemin] = contenu
    return chemin


def _valeur(collecte: Collecte, spec: Spec, objet, f, avec_soi: bool):
    if f.many_to_many:
        cibles = getattr(objet, f.name).all()
        if _cible(f) in REFERENTIELS:
            return sorted((collecte.pointeur(c) for c in cibles), key=canonique)
        return sorted(r for c in cibles if (r := collecte.refs.get((_cible(f), c.pk))))
    if f.is_relation:
        cle = getattr(objet, f.attname)
        if cle is None:
            return None
        if _cible(f) in REFERENTIELS:
            deja = collecte.pointeurs.get((_cible(f), cle))
            return deja or collecte.pointeur(getattr(objet, f.name))
        if _cible(f) == spec.label and not avec_soi:
            return None
        return collecte.refs.get((_cible(f), cle))
    valeur = f.value_from_object(objet)
    if isinstance(f, models.FileField):
        return _fichier(collecte, valeur)
    if isinstance(valeur, (datetime.date, datetime.datetime, datetime.time)):
        return valeur.isoformat()
    if isinstance(valeur, Decimal):
        return str(valeur)
    return valeur


def enregistrements(collecte: Collecte) -> dict[str, list[dict]]:
    """Each model's rows as ``{"ref", "champs"}``, ranked by content (see the module doc)."""
    sortie: dict[str, list[dict]] = {}
    for spec in SPECS:
        lignes = collecte.lignes.get(spec.label, {})
        champs = spec.champs_exportes()
        # Ranked without the references to the same model (they need the ranks), then
        # completed with them.
        sans_soi = [(objet, {f.name: _valeur(collecte, spec, objet, f, avec_soi=False)
                             for f in champs}) for objet in lignes.values()]
        sans_soi.sort(key=lambda couple: canonique(couple[1]))
        for rang, (objet, _valeurs) in enumerate(sans_soi, 1):
            collecte.refs[(spec.label, objet.pk)] = f"{spec.label}:{rang}"
        sortie[spec.label] = [
            {"ref": collecte.refs[(spec.label, objet.pk)],
             "champs": {**valeurs, **{f.name: _valeur(collecte, spec, objet, f, avec_soi=True)
                                      for f in champs if f.is_relation
                                      and _cible(f) == spec.label}}}
            for objet, valeurs in sans_soi]
    return sortie
