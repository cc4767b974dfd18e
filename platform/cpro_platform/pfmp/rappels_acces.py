"""Who may send a placement's reminders again ("Relancer"): the teacher who follows it, while
they hold a teacher role in the class's establishment. Registered into ``cpro_platform.acces``.
"""
import datetime

from django.db.models import QuerySet

from cpro_platform.acces import politique
from cpro_platform.acces.politique import dans
from cpro_platform.acces.roles import est_connecte, etablissements_ou
from cpro_platform.comptes.models import TypeRole

from .models import StagePFMP


def stages_relancables(user, date: datetime.date | None = None) -> QuerySet[StagePFMP]:
    if not est_connecte(user):
        return StagePFMP.objects.none()
    return StagePFMP.objects.filter(
        enseignant_referent=user,
        periode__classe__etablissement__in=etablissements_ou(user, TypeRole.ENSEIGNANT,
                                                             date=date))


ACTIONS = {"pfmp.relancer_stage": dans(StagePFMP, stages_relancables, "relance_stage")}


def enregistrer() -> None:
    politique.ajouter_actions(ACTIONS)
