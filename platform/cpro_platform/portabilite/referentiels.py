"""Placing an archive's referential pointers on this installation's referentials.

A pointer names a referential by (code, version) and a row by its codes. When that version is
installed the row is looked up by its codes; when only other versions of the same code are,
the newest active one is the target and the gateway's version mapping
(``correspondance_versions``) says where each code goes. Whatever cannot be placed is listed,
by nature, in a French refusal.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cpro_platform.referentials.models import (
    Activite, Competence, Critere, Epreuve, Referentiel)
from cpro_platform.regles import ReferentielRef, regles

from .serialisation import canonique

NATURES = ("competence", "critere", "epreuve", "activite")
LIBELLES = {"competence": "compétences", "critere": "critères", "epreuve": "épreuves",
            "activite": "activités"}


def nature_de(pointeur: dict) -> str:
    for nature in ("critere", "activite", "competence", "epreuve"):
        if nature in pointeur:
            return nature
    return "referentiel"


def code_de(pointeur: dict) -> str:
    return pointeur[nature_de(pointeur)]


def _ref(referentiel: Referentiel) -> ReferentielRef:
    return ReferentielRef(referentiel.code, referentiel.version, referentiel.plugin)


def _codes_cibles(cible: Referentiel) -> dict[str, dict[str, list[int]]]:
    """nature → code → pks of the target version (several when a code is not unique)."""
    index: dict[str, dict[str, list[int]]] = {n: defaultdict(list) for n in NATURES}
    for pk, code in Competence.objects.filter(referentiel=cible).values_list("pk", "code"):
        index["competence"][code].append(pk)
    for pk, code in Critere.objects.filter(competence__referentiel=cible).values_list(
            "pk", "code"):
        index["critere"][code].append(pk)
    for pk, code in Epreuve.objects.filter(referentiel=cible).values_list("pk", "code"):
        index["epreuve"][code].append(pk)
    for pk, code in Activite.objects.filter(pole__referentiel=cible).values_list(
            "pk", "code"):
        index["activite"][code].append(pk)
    return index


def _exact(pointeur: dict, cible: Referentiel) -> int | None:
    nature = nature_de(pointeur)
    if nature == "referentiel":
        return cible.pk
    if nature == "competence":
        qs = Competence.objects.filter(referentiel=cible, code=pointeur["competence"])
    elif nature == "critere":
        qs = Critere.objects.filter(competence__referentiel=cible,
                                    competence__code=pointeur["competence"],
                                    code=pointeur["critere"])
    elif nature == "epreuve":
        qs = Epreuve.objects.filter(referentiel=cible, code=pointeur["epreuve"])
    else:
        qs = Activite.objects.filter(pole__referentiel=cible, pole__code=pointeur["pole"],
                                     code=pointeur["activite"])
    return qs.values_list("pk", flat=True).first()


@dataclass
class Placement:
    """Where one source version of the archive goes."""

    code: str
    version: str
    cible: Referentiel | None = None
    installees: list[str] = field(default_factory=list)
    #: nature → codes neither found nor mapped
    non_places: dict[str, list[str]] = field(default_factory=dict)

    @property
    def par_correspondance(self) -> bool:
        return self.cible is not None and self.cible.version != self.version

    def description(self) -> str:
        if self.cible is None:
            return self.refus()
        if self.par_correspondance:
            return _("%(code)s %(version)s → %(code)s %(cible)s (non installé : placé par la "
                     "correspondance des versions)") % {
                "code": self.code, "version": self.version, "cible": self.cible.version}
        return _("%(code)s %(version)s (installé)") % {"code": self.code,
                                                       "version": self.version}

    def refus(self) -> str:
        if self.cible is not None and not self.par_correspondance:
            debut = _("référentiel %(code)s version %(version)s") % {
                "code": self.code, "version": self.version}
        else:
            debut = _("référentiel %(code)s version %(version)s non installé ; %(installees)s") % {
                "code": self.code, "version": self.version,
                "installees": (_("versions installées : %(v)s") % {
                    "v": ", ".join(self.installees)}) if self.installees
                else _("aucune version installée")}
        if not self.non_places:
            return debut
        manque = " ; ".join(
            _("la correspondance ne place pas les %(nature)s : %(codes)s") % {
                "nature": LIBELLES[n], "codes": ", ".join(sorted(codes))}
            if self.par_correspondance else
            _("%(nature)s inconnus : %(codes)s") % {"nature": LIBELLES[n],
                                                   "codes": ", ".join(sorted(codes))}
            for n, codes in sorted(self.non_places.items()))
        return f"{debut} ; {manque}"


def placer(referentiels: list[dict], pointeurs: list[dict]
           ) -> tuple[dict[tuple[str, str], Placement], dict[str, int]]:
    """The placement of each source version, and every pointer placed (canonical JSON →
    pk). A placement with no target, or with ``non_places``, is a refusal.

    :raises ErreurDeRegle: a plugin's mapping failed (names the plugin).
    """
    versions = {(r["code"], r["version"]) for r in referentiels}
    versions |= {tuple(p["referentiel"]) for p in pointeurs}
    placements: dict[tuple[str, str], Placement] = {}
    for code, version in sorted(versions):
        installees = list(Referentiel.objects.filter(code=code).order_by("-version")
                          .values_list("version", flat=True))
        placement = Placement(code, version, installees=sorted(installees))
        exacte = Referentiel.objects.filter(code=code, version=version).first()
        placement.cible = exacte or Referentiel.objects.filter(
            code=code, actif=True).order_by("-version").first()
        placements[(code, version)] = placement
    places: dict[str, int] = {}
    par_version: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for p in pointeurs:
        par_version[tuple(p["referentiel"])].append(p)
    for cle, liste in par_version.items():
        placement = placements[cle]
        if placement.cible is None:
            continue
        if not placement.par_correspondance:
            for p in liste:
                pk = _exact(p, placement.cible)
                if pk is None:
                    placement.non_places.setdefault(nature_de(p), []).append(code_de(p))
                else:
                    places[canonique(p)] = pk
            continue
        places.update(_par_correspondance(placement, liste))
    for placement in placements.values():
        for nature, codes in placement.non_places.items():
            placement.non_places[nature] = sorted(set(codes))
    return placements, places


def _par_correspondance(placement: Placement, pointeurs: list[dict]) -> dict[str, int]:
    cible = placement.cible
    source = ReferentielRef(placement.code, placement.version, cible.plugin)
    index = _codes_cibles(cible)
    places = {}
    for p in pointeurs:
        if nature_de(p) == "referentiel":
            places[canonique(p)] = cible.pk
    for nature in NATURES:
        liste = [p for p in pointeurs if nature_de(p) == nature]
        if not liste:
            continue
        table = regles().correspondance(source, _ref(cible), nature,
                                        [code_de(p) for p in liste], list(index[nature]))
        for p in liste:
            nouveau = table.get(code_de(p))
            pks = index[nature].get(nouveau, []) if nouveau else []
            if len(pks) == 1:
                places[canonique(p)] = pks[0]
            else:
                placement.non_places.setdefault(nature, []).append(code_de(p))
    return places
