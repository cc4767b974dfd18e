"""What is known of each compétence of some learners at a date: the ``EtatCompetence`` values
the bilan rule (``Regles.suggerer_bilan``) reads.

For each (learner, compétence): the latest positionnement dated on or before the date, and
the positioning rule's suggestion from the evaluations of the situations held up to the date.
The livret's readers do the reading (``livret.observations``): one rule, everywhere. Constant
queries for a whole class: compétences, critères, scale, situations, evaluations,
positionnements.
"""
import datetime
from dataclasses import dataclass, field

from cpro_platform.livret.lecture import situations_des_classes_de
from cpro_platform.livret.models import Positionnement
from cpro_platform.livret.observations import (
    Observateur, criteres_des, date_de, echelles, notes_courantes, suggestions)
from cpro_platform.referentials.models import Competence, Niveau, Referentiel
from cpro_platform.regles import EtatCompetence, Incidents, PositionnementObserve


def competences_de(referentiel_id: int) -> list[Competence]:
    """The referential's compétences in reading order, with bloc and unit (one query)."""
    return list(Competence.objects.filter(referentiel_id=referentiel_id)
                .select_related("bloc__unite")
                .order_by("bloc__ordre", "bloc__code", "ordre", "code"))


@dataclass
class EtatsALaDate:
    referentiel: Referentiel
    date: datetime.date
    competences: list[Competence]
    echelle: list[Niveau]
    #: apprenant id → one ``EtatCompetence`` per compétence, in ``competences`` order.
    par_apprenant: dict[int, list[EtatCompetence]]
    #: Rules that failed while reading (the positioning rule).
    incidents: Incidents = field(default_factory=Incidents)

    @property
    def valeurs(self) -> tuple[int, ...]:
        return tuple(n.valeur for n in self.echelle)


def _auteur(user) -> str:
    return user.get_full_name() or user.get_username()


def positionnements_a_la_date(apprenant_ids: list[int], competence_ids: list[int],
                              date: datetime.date) -> dict[tuple[int, int], Positionnement]:
    """The latest positionnement on or before ``date`` of each (apprenant, compétence)."""
    derniers = {}
    for p in (Positionnement.objects.filter(apprenant_id__in=apprenant_ids,
                                            competence_id__in=competence_ids, date__lte=date)
              .select_related("auteur")
              .order_by("apprenant_id", "competence_id", "-date", "-created_at", "-pk")):
        derniers.setdefault((p.apprenant_id, p.competence_id), p)
    return derniers


def etats_a_la_date(apprenant_ids: list[int], referentiel: Referentiel,
                    date: datetime.date) -> EtatsALaDate:
    competences = competences_de(referentiel.pk)
    criteres = {c.pk: c for c in criteres_des([referentiel.pk])}
    echelles_ = echelles([referentiel.pk])
    # Only the situations held up to the date count (a situation's date: see date_de).
    situations = {s.pk: s for s in situations_des_classes_de(apprenant_ids)
                  if date_de(s) <= date}
    notes_ = notes_courantes(apprenant_id__in=apprenant_ids, critere_id__in=list(criteres),
                             situation_id__in=list(situations))
    incidents = Incidents()
    suggere = suggestions(notes_, Observateur(situations, criteres), echelles_, incidents)
    positionnements = positionnements_a_la_date(apprenant_ids, [c.pk for c in competences],
                                                date)
    par_apprenant = {}
    for apprenant_id in apprenant_ids:
        etats = []
        for competence in competences:
            p = positionnements.get((apprenant_id, competence.pk))
            etats.append(EtatCompetence(
                competence=competence.code,
                positionnement=PositionnementObserve(p.niveau, p.date, _auteur(p.auteur),
                                                     p.commentaire) if p else None,
                suggestion=suggere.get((apprenant_id, competence.pk))))
        par_apprenant[apprenant_id] = etats
    return EtatsALaDate(referentiel, date, competences, echelles_.get(referentiel.pk, []),
                        par_apprenant, incidents)
