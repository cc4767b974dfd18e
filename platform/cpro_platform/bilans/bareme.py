"""What it takes to mark on one referential, read once for a page or a whole class.

A :class:`Bareme` holds the référentiel as the rules see it, its épreuves, its declared
pondérations, its scale, its compétences' titles and which épreuves carry provisional content
— a fixed number of queries (six) whatever the number of learners — and answers the
pondération in force of a learner's épreuve: the learner's own (the latest
``PonderationApprenant``), else the model one from the gateway (computed once per épreuve).
"""
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef

from cpro_platform.referentials.models import (
    Competence, Epreuve, Niveau, Ponderation as PonderationDeclaree, Provenance, Referentiel)
from cpro_platform.referentials.regles import epreuves_de, ponderations_declarees, ref_de
from cpro_platform.regles import (
    EpreuveObservee, Incidents, Ponderation, ReferentielRef, regles)

from .models import PonderationApprenant
from .ponderations import ponderation_apprenant



@dataclass(frozen=True)
class CompetenceLue:
    code: str
    intitule: str
    provisoire: bool


@dataclass
class Bareme:
    referentiel: Referentiel
    ref: ReferentielRef
    epreuves: list[EpreuveObservee]
    declarees: dict[str, dict[str, Decimal]]
    echelle: tuple[int, ...]
    libelles: dict[int, str]
    competences: dict[str, CompetenceLue]
    #: Codes of the épreuves that are provisional or have provisional declared pondérations.
    epreuves_provisoires: frozenset[str]
    _modeles: dict[str, Ponderation | None] = field(default_factory=dict)

    def ponderation_modele(self, epreuve: EpreuveObservee,
                           incidents: Incidents) -> Ponderation | None:
        if epreuve.code not in self._modeles:
            self._modeles[epreuve.code] = regles().ponderation_modele(
                self.ref, epreuve, self.declarees.get(epreuve.code), incidents=incidents)
        return self._modeles[epreuve.code]

    def ponderation(self, epreuve: EpreuveObservee, propres: dict[str, Ponderation],
                    incidents: Incidents) -> Ponderation | None:
        """The learner's own weights of ``epreuve`` (``propres``, from
        :func:`ponderations_propres`), else the model ones."""
        return propres.get(epreuve.code) or self.ponderation_modele(epreuve, incidents)

    @property
    def provisoire(self) -> bool:
        return self.referentiel.est_provisoire


def bareme_de(referentiel: Referentiel) -> Bareme:
    """Everything marks and projections read about ``referentiel`` (six queries)."""
    competences = {
        code: CompetenceLue(code, intitule, provenance == Provenance.PROVISOIRE)
        for code, intitule, provenance in Competence.objects.filter(referentiel=referentiel)
        .values_list("code", "intitule", "provenance")}
    provisoires = frozenset(
        code for code, provenance, ponderation_provisoire in Epreuve.objects.filter(
            referentiel=referentiel).annotate(p=Exists(PonderationDeclaree.objects.filter(
                epreuve=OuterRef("pk"), provenance=Provenance.PROVISOIRE)))
        .values_list("code", "provenance", "p")
        if provenance == Provenance.PROVISOIRE or ponderation_provisoire)
    niveaux = list(Niveau.objects.filter(referentiel=referentiel).order_by("valeur")
                   .values_list("valeur", "libelle"))
    return Bareme(referentiel=referentiel, ref=ref_de(referentiel),
                  epreuves=epreuves_de(referentiel),
                  declarees=ponderations_declarees(referentiel),
                  echelle=tuple(v for v, _l in niveaux), libelles=dict(niveaux),
                  competences=competences, epreuves_provisoires=provisoires)


ponderation_propre = ponderation_apprenant


def ponderations_propres(apprenant_ids, referentiel: Referentiel
                         ) -> dict[int, dict[str, Ponderation]]:
    """Each learner's own weights per épreuve code, the latest row of each (one query)."""
    out: dict[int, dict[str, Ponderation]] = {}
    for apprenant_id, epreuve, poids in (
            PonderationApprenant.objects.filter(apprenant_id__in=apprenant_ids,
                                                epreuve__referentiel=referentiel)
            .order_by("apprenant_id", "epreuve_id", "-cree_le", "-pk")
            .values_list("apprenant_id", "epreuve__code", "poids")):
        out.setdefault(apprenant_id, {}).setdefault(epreuve, ponderation_propre(epreuve, poids))
    return out
