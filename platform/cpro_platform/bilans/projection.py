"""Projection à l'examen: per épreuve, the mark range still reachable and what to assess next.

Based on, and said so on the page:

* the **profile** — the levels of the learner's latest validated bilan in force (the latest
  by date that no validated correction replaces);
* the **coverage** — per compétence, the number of distinct situations in which the learner
  got a level so far (current evaluations, any date: what was assessed after the bilan
  counts as assessed);
* the **pondération in force** of each épreuve (``bareme``);
* the **rule** — the gateway's ``projeter`` (hook ``project_note``; by default
  ``core_plugins/default_projection.py``), whose own text the page quotes.

A class is read at once: a fixed number of queries whatever its size (learners, bilans,
levels, coverage, pondérations, and the référentiel's ``Bareme``); the rules run in Python.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from cpro_platform.etablissements.models import Apprenant, Classe
from cpro_platform.referentials.models import Referentiel
from cpro_platform.regles import Enjeu, EpreuveObservee, Incidents, Ponderation, Projection, regles
from cpro_platform.suivi.models import Etat, Evaluation

from .bareme import Bareme, CompetenceLue, bareme_de, ponderations_propres
from .models import Bilan, NiveauBilan

#: How many compétences to assess a page lists per épreuve.
ENJEUX_AFFICHES = 3


@dataclass
class EpreuveProjetee:
    epreuve: EpreuveObservee
    ponderation: Ponderation | None
    #: None when a rule failed (the page names the plugin).
    projection: Projection | None
    #: Every compétence left to assess, heaviest first, with its title when known.
    enjeux_tous: list[tuple[Enjeu, CompetenceLue | None]] = field(default_factory=list)
    provisoire: bool = False

    @property
    def enjeux(self) -> list[tuple[Enjeu, CompetenceLue | None]]:
        return self.enjeux_tous[:ENJEUX_AFFICHES]


@dataclass
class ProjectionApprenant:
    apprenant: Apprenant
    #: The bilan it starts from; None: no validated bilan yet (then nothing is projected).
    bilan: Bilan | None
    epreuves: list[EpreuveProjetee] = field(default_factory=list)

    @property
    def regles(self) -> list[str]:
        """The projection rules' own texts, each once."""
        return list(dict.fromkeys(e.projection.regle for e in self.epreuves if e.projection))

    @property
    def regles_ponderations(self) -> list[str]:
        return list(dict.fromkeys(e.ponderation.regle for e in self.epreuves if e.ponderation))

    def priorites(self, n: int = ENJEUX_AFFICHES) -> list[CompetenceLue | str]:
        """The compétences to assess first across épreuves: most points at stake in all."""
        points, lues = defaultdict(int), {}
        for e in self.epreuves:
            for enjeu, lue in e.enjeux_tous:
                points[enjeu.competence] += enjeu.amplitude
                lues[enjeu.competence] = lue or enjeu.competence
        return [lues[c] for c in sorted(points, key=lambda c: -points[c])[:n]]


@dataclass
class VueProjectionClasse:
    classe: Classe
    bareme: Bareme
    lignes: list[ProjectionApprenant]
    incidents: Incidents

    @property
    def epreuves(self) -> list[EpreuveObservee]:
        return self.bareme.epreuves

    @property
    def regles(self) -> list[str]:
        return list(dict.fromkeys(r for ligne in self.lignes for r in ligne.regles))

    @property
    def regles_ponderations(self) -> list[str]:
        return list(dict.fromkeys(r for ligne in self.lignes for r in ligne.regles_ponderations))

    @property
    def sans_bilan(self) -> list[Apprenant]:
        return [ligne.apprenant for ligne in self.lignes if ligne.bilan is None]


def derniers_bilans(apprenant_ids, referentiel: Referentiel | None = None) -> dict[int, Bilan]:
    """Each learner's latest validated bilan in force (on ``referentiel`` if given)."""
    bilans = Bilan.objects.en_vigueur().filter(apprenant_id__in=apprenant_ids)
    if referentiel is not None:
        bilans = bilans.filter(referentiel=referentiel)
    out: dict[int, Bilan] = {}
    for bilan in bilans.select_related("referentiel", "campagne", "valide_par").order_by(
            "apprenant_id", "-date", "-valide_le", "-pk"):
        out.setdefault(bilan.apprenant_id, bilan)
    return out


def profils(bilan_ids) -> dict[int, dict[str, int | None]]:
    """Each bilan's levels by compétence code (one query)."""
    out: dict[int, dict[str, int | None]] = defaultdict(dict)
    for bilan_id, code, niveau in NiveauBilan.objects.filter(bilan_id__in=bilan_ids).order_by(
            ).values_list("bilan_id", "competence__code", "niveau"):
        out[bilan_id][code] = niveau
    return out


def couvertures(apprenant_ids, referentiel: Referentiel) -> dict[int, dict[str, int]]:
    """Per learner and compétence code, the distinct situations with a level (one query)."""
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for ligne in (Evaluation.objects.courantes()
                  .filter(apprenant_id__in=apprenant_ids, etat=Etat.EVALUE,
                          critere__competence__referentiel=referentiel)
                  .values("apprenant_id", "critere__competence__code")
                  .annotate(n=Count("situation_id", distinct=True)).order_by()):
        out[ligne["apprenant_id"]][ligne["critere__competence__code"]] = ligne["n"]
    return out


def projeter(apprenant: Apprenant, bilan: Bilan | None, profil: dict, couverture: dict,
             bareme: Bareme, propres: dict[str, Ponderation],
             incidents: Incidents) -> ProjectionApprenant:
    """One learner's projection on every épreuve of ``bareme`` (no query)."""
    resultat = ProjectionApprenant(apprenant, bilan)
    if bilan is None:
        return resultat
    for epreuve in bareme.epreuves:
        ponderation = bareme.ponderation(epreuve, propres, incidents)
        projection = None if ponderation is None else regles().projeter(
            bareme.ref, epreuve, profil, ponderation, couverture, bareme.echelle,
            incidents=incidents)
        resultat.epreuves.append(EpreuveProjetee(
            epreuve, ponderation, projection,
            [(enjeu, bareme.competences.get(enjeu.competence))
             for enjeu in (projection.a_evaluer if projection else ())],
            provisoire=epreuve.code in bareme.epreuves_provisoires))
    return resultat


def projection_apprenant(apprenant: Apprenant, incidents: Incidents
                         ) -> tuple[ProjectionApprenant, Bareme | None]:
    """From the learner's latest validated bilan in force, on its référentiel."""
    bilan = derniers_bilans([apprenant.pk]).get(apprenant.pk)
    if bilan is None:
        return ProjectionApprenant(apprenant, None), None
    bareme = bareme_de(bilan.referentiel)
    return projeter(apprenant, bilan, profils([bilan.pk])[bilan.pk],
                    couvertures([apprenant.pk], bilan.referentiel)[apprenant.pk], bareme,
                    ponderations_propres([apprenant.pk], bilan.referentiel).get(apprenant.pk, {}),
                    incidents), bareme


def projection_classe(classe: Classe) -> VueProjectionClasse:
    """Every learner of the class, from their latest validated bilan on its référentiel."""
    apprenants = list(Apprenant.objects.filter(inscriptions__classe=classe).distinct()
                      .order_by("nom", "prenom"))
    ids = [a.pk for a in apprenants]
    referentiel = classe.referentiel
    bilans = derniers_bilans(ids, referentiel)
    niveaux = profils([b.pk for b in bilans.values()])
    couverts = couvertures(ids, referentiel)
    propres = ponderations_propres(ids, referentiel)
    bareme, incidents = bareme_de(referentiel), Incidents()
    lignes = []
    for apprenant in apprenants:
        bilan = bilans.get(apprenant.pk)
        lignes.append(projeter(apprenant, bilan, niveaux.get(bilan.pk, {}) if bilan else {},
                               couverts.get(apprenant.pk, {}), bareme,
                               propres.get(apprenant.pk, {}), incidents))
    return VueProjectionClasse(classe, bareme, lignes, incidents)
