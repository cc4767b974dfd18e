"""Copy the plugins' referentials into the host tables, idempotently.

Keyed by (code, version). Unchanged data (same hash, same plugin) is not touched. Changed data
is upserted element by element, by code, so rows that evaluations point at keep their ids.
A referential no longer provided becomes inactive, never deleted. Everything happens in one
transaction, after every file has been validated: a failure leaves the tables as they were.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from cpro_platform.referentiel import schema
from cpro_platform.referentiel.catalogue import Fourni, collect

from . import models as m


@dataclass
class Rapport:
    crees: list[str] = field(default_factory=list)
    mis_a_jour: list[str] = field(default_factory=list)
    inchanges: list[str] = field(default_factory=list)
    desactives: list[str] = field(default_factory=list)
    reactives: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.crees or self.mis_a_jour or self.desactives or self.reactives)


def sync_referentiels(pm, *, strict: bool = False) -> Rapport:
    provided = collect(pm, strict=strict)  # raises before any write
    rapport = Rapport()
    with transaction.atomic():
        keys = set()
        for fourni in provided:
            keys.add((fourni.referentiel.code, fourni.referentiel.version))
            _sync_one(fourni, rapport)
        for ref in m.Referentiel.objects.filter(actif=True):
            if (ref.code, ref.version) not in keys:
                ref.actif = False
                ref.save(update_fields=["actif"])
                rapport.desactives.append(_label(ref.code, ref.version))
    return rapport


def _label(code: str, version: str) -> str:
    return f"{code} {version}"


def _provenance(r: schema.Referentiel, element: schema.Element) -> dict:
    source = r.sources[element.provenance]
    detail = source.reference if source.statut == "officiel" else source.note
    if source.url:
        detail = f"{detail} ({source.url})"
    return {"provenance": source.statut, "provenance_detail": detail or ""}


def _pfmp(r: schema.Referentiel) -> dict:
    """The required PFMP weeks, or empty fields when the file gives none."""
    if r.pfmp is None:
        return {"pfmp_semaines": None, "pfmp_detail": "", "pfmp_provenance": "",
                "pfmp_provenance_detail": ""}
    provenance = _provenance(r, r.pfmp)
    return {"pfmp_semaines": r.pfmp.semaines, "pfmp_detail": r.pfmp.detail or "",
            "pfmp_provenance": provenance["provenance"],
            "pfmp_provenance_detail": provenance["provenance_detail"]}


def _sync_one(fourni: Fourni, rapport: Rapport) -> None:
    r = fourni.referentiel
    label = _label(r.code, r.version)
    existing = m.Referentiel.objects.filter(code=r.code, version=r.version).first()
    meta = {
        "plugin": fourni.plugin.name,
        "distribution": fourni.plugin.distribution,
        "distribution_version": fourni.plugin.version,
        "fichier": str(fourni.path),
    }
    if existing and existing.data_hash == fourni.hash and existing.actif and all(
            getattr(existing, k) == v for k, v in meta.items()):
        rapport.inchanges.append(label)
        return
    d = r.diplome
    values = {
        **meta, **_provenance(r, d),
        "intitule": d.intitule, "diplome": d.diplome, "niveau": d.niveau,
        "rncp": d.rncp or "", "code_diplome": d.code_diplome or "", "arrete": d.arrete or "",
        "description": d.description or "", "actif": True, "data_hash": fourni.hash,
        "synchronise_le": timezone.now(), **_pfmp(r),
    }
    ref, created = m.Referentiel.objects.update_or_create(
        code=r.code, version=r.version, defaults=values)
    if created:
        rapport.crees.append(label)
    elif existing and not existing.actif:
        rapport.reactives.append(label)
    else:
        rapport.mis_a_jour.append(label)
    if not created and existing.data_hash == fourni.hash:
        return  # only the plugin metadata moved (e.g. a new distribution version)
    _sync_content(ref, fourni)


def _upsert(model, lookup: dict, values: dict, keep: list):
    obj, _ = model.objects.update_or_create(**lookup, defaults=values)
    keep.append(obj.pk)
    return obj


def _prune(queryset, keep: list) -> None:
    queryset.exclude(pk__in=keep).delete()


def _sync_content(ref: m.Referentiel, fourni: Fourni) -> None:
    r = fourni.referentiel
    kept = []
    for niveau in fourni.echelle:
        _upsert(m.Niveau, {"referentiel": ref, "valeur": niveau.valeur},
                {"libelle": niveau.libelle, "description": niveau.description or ""}, kept)
    _prune(ref.niveaux.all(), kept)

    unites, kept = {}, []
    for i, u in enumerate(r.unites):
        unites[u.code] = _upsert(m.Unite, {"referentiel": ref, "code": u.code},
                                 {"intitule": u.intitule, "ordre": i, **_provenance(r, u)}, kept)
    unites_kept = kept

    competences: dict[str, m.Competence] = {}
    blocs_kept, comp_kept = [], []
    for i, b in enumerate(r.blocs):
        bloc = _upsert(m.Bloc, {"referentiel": ref, "code": b.code},
                       {"intitule": b.intitule, "ordre": i, "unite": unites.get(b.unite),
                        **_provenance(r, b)}, blocs_kept)
        for j, c in enumerate(b.competences):
            competence = _upsert(
                m.Competence, {"referentiel": ref, "code": c.code},
                {"intitule": c.intitule, "ordre": i * 1000 + j, "bloc": bloc,
                 **_provenance(r, c)}, comp_kept)
            competences[c.code] = competence
            crit_kept = []
            for k, cr in enumerate(c.criteres):
                critere = _upsert(m.Critere, {"competence": competence, "code": cr.code},
                                  {"intitule": cr.intitule, "ordre": k, **_provenance(r, cr)},
                                  crit_kept)
                critere.indicateurs.all().delete()
                m.Indicateur.objects.bulk_create(
                    m.Indicateur(critere=critere, intitule=ind.intitule, ordre=n,
                                 **_provenance(r, ind))
                    for n, ind in enumerate(cr.indicateurs))
            _prune(competence.criteres.all(), crit_kept)

    poles_kept = []
    for i, p in enumerate(r.poles):
        pole = _upsert(m.Pole, {"referentiel": ref, "code": p.code},
                       {"intitule": p.intitule, "ordre": i, **_provenance(r, p)}, poles_kept)
        act_kept = []
        for j, a in enumerate(p.activites):
            activite = _upsert(m.Activite, {"pole": pole, "code": a.code},
                               {"intitule": a.intitule, "ordre": j, "taches": list(a.taches),
                                **_provenance(r, a)}, act_kept)
            activite.competences.set([competences[code] for code in a.competences])
        _prune(pole.activites.all(), act_kept)
    _prune(ref.poles.all(), poles_kept)

    epreuves_kept: list = []
    epreuves: dict[str, m.Epreuve] = {}
    ordre = iter(range(10_000))

    def sync_epreuve(e: schema.Epreuve, parent: m.Epreuve | None) -> None:
        epreuve = _upsert(
            m.Epreuve, {"referentiel": ref, "code": e.code},
            {"intitule": e.intitule, "ordre": next(ordre), "parent": parent,
             "unite": unites.get(e.unite), "coefficient": e.coefficient_total,
             "mode": e.mode or "", "formes": list(e.formes), "duree_minutes": e.duree_minutes,
             **_provenance(r, e)}, epreuves_kept)
        epreuve.competences.set([competences[code] for code in e.competences])
        epreuves[e.code] = epreuve
        for sous in e.sous_epreuves:
            sync_epreuve(sous, epreuve)

    for e in r.epreuves:
        sync_epreuve(e, None)

    pond_kept = []
    for p in r.ponderations:
        for code, pourcentage in p.poids.items():
            _upsert(m.Ponderation, {"epreuve": epreuves[p.epreuve], "competence": competences[code]},
                    {"pourcentage": pourcentage, **_provenance(r, p)}, pond_kept)
    _prune(m.Ponderation.objects.filter(epreuve__referentiel=ref), pond_kept)
    # Children before parents, so PROTECT never trips on rows deleted in the same sync.
    _prune(ref.epreuves.filter(parent__isnull=False), epreuves_kept)
    _prune(ref.epreuves.all(), epreuves_kept)
    m.Critere.objects.filter(competence__referentiel=ref).exclude(
        competence__in=comp_kept).delete()
    _prune(ref.competences.all(), comp_kept)
    _prune(ref.blocs.all(), blocs_kept)
    _prune(ref.unites.all(), unites_kept)
