"""The livret's company evidence: the learner's sheets, oldest first, and per compétence how
many confirmed sheets mention it. Four queries whatever the number of sheets (the sheets with
their placement or contract, then their activities, compétences and photos, prefetched)."""
from collections import Counter
from dataclasses import dataclass, field

from cpro_platform.etablissements.models import Apprenant

from .models import EtatFiche, FicheActivite


@dataclass
class PreuvesEntreprise:
    fiches: list[FicheActivite]
    #: (compétence, number of confirmed sheets mentioning it), in referential order.
    par_competence: list[tuple] = field(default_factory=list)

    @property
    def confirmees(self) -> int:
        return sum(1 for f in self.fiches if f.etat == EtatFiche.CONFIRMEE)


def preuves_entreprise(apprenant: Apprenant) -> PreuvesEntreprise:
    fiches = list(FicheActivite.objects.filter(apprenant=apprenant)
                  .select_related("stage__entreprise", "contrat__employeur")
                  .prefetch_related("activites", "competences", "photos")
                  .order_by("date", "pk"))
    compte, competences = Counter(), {}
    for fiche in fiches:
        if fiche.etat == EtatFiche.CONFIRMEE:
            for competence in fiche.competences.all():
                compte[competence.pk] += 1
                competences[competence.pk] = competence
    ordre = sorted(competences.values(), key=lambda c: (c.bloc_id, c.ordre, c.code))
    return PreuvesEntreprise(fiches, [(c, compte[c.pk]) for c in ordre])
