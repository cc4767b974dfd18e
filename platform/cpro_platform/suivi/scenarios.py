"""Services on scenarios: numbering situations, duplicating a scenario to another class."""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cpro_platform.etablissements.models import Classe
from cpro_platform.livret.versions import apprenants_de_classes, toucher

from .models import Scenario, Situation


def ordre_suivant(scenario: Scenario) -> int:
    """The rank of a situation added at the end of ``scenario``."""
    dernier = scenario.situations.aggregate(m=Max("ordre"))["m"]
    return (dernier or 0) + 1


def _decaler(date: datetime.date | None, jours: datetime.timedelta) -> datetime.date | None:
    return date + jours if date else None


@transaction.atomic
def dupliquer_scenario(scenario: Scenario, classe: Classe, auteur,
                       titre: str | None = None) -> Scenario:
    """Copy ``scenario`` and its situations to ``classe`` (another class or school year).

    Dates move by the gap between the two school years; critères and the épreuve are kept
    (both classes prepare the same referential); teachers are not copied, except the author
    when they teach the target class. Evaluations never follow a copy.
    """
    if classe.referentiel_id != scenario.referentiel_id:
        raise ValidationError(_("La classe %(classe)s prépare un autre référentiel : un "
                                "scénario ne se duplique que vers une classe du même "
                                "référentiel.") % {"classe": classe.nom})
    ecart = classe.annee.debut - scenario.classe.annee.debut
    copie = Scenario.objects.create(
        classe=classe, referentiel_id=scenario.referentiel_id, titre=titre or scenario.titre,
        description=scenario.description, origine=scenario, cree_par=auteur)
    sources = list(scenario.situations.prefetch_related("criteres").order_by("ordre", "pk"))
    copies = Situation.objects.bulk_create([Situation(
        scenario=copie, ordre=sit.ordre, niveau=sit.niveau, titre=sit.titre,
        description=sit.description, ressources=sit.ressources, lieu=sit.lieu, type=sit.type,
        epreuve_id=sit.epreuve_id, debut=_decaler(sit.debut, ecart),
        fin=_decaler(sit.fin, ecart)) for sit in sources])
    Cible = Situation.criteres.through
    Cible.objects.bulk_create([Cible(situation_id=nouvelle.pk, critere_id=critere.pk)
                               for source, nouvelle in zip(sources, copies)
                               for critere in source.criteres.all()])
    if classe.enseignements.filter(enseignant=auteur).exists():
        Anime = Situation.enseignants.through
        Anime.objects.bulk_create([Anime(situation_id=nouvelle.pk, user_id=auteur.pk)
                                   for nouvelle in copies])
    toucher(apprenants_de_classes([classe.pk]))  # bulk writes send no signal
    return copie
