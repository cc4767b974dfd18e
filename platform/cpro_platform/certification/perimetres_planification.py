"""Candidates' statuses in the policy's scopes (the planning rules of ``perimetres``: read by
whoever sees the class, written by its teachers and the DDFPT of its establishment)."""
import datetime

from django.db.models import QuerySet

from . import perimetres as cp
from .models import Candidature

Date = datetime.date | None


def candidatures_lisibles(user, date: Date = None) -> QuerySet[Candidature]:
    return Candidature.objects.filter(session__in=cp.sessions_lisibles(user, date))


def candidatures_organisees(user, date: Date = None) -> QuerySet[Candidature]:
    return Candidature.objects.filter(session__in=cp.sessions_organisees(user, date))
