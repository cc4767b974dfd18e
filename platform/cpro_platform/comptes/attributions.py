"""Giving access: roles and tutoring periods. Never to oneself, always with its grantor
recorded (the audit log keeps the rest), always told to the establishment's DDFPT."""
from django.db import transaction

from cpro_platform.etablissements.models import Encadrement

from . import notifications
from .models import Role


@transaction.atomic
def accorder_role(role: Role, *, par, classes=()) -> Role:
    """Save the new ``role`` granted by ``par``; a self-grant raises ValidationError."""
    role.accorde_par = par
    role.save()  # Role.save refuses a role granted to oneself
    role.classes.set(classes)
    notifications.role_accorde(role)
    return role


@transaction.atomic
def ouvrir_suivi(encadrement: Encadrement, *, par) -> Encadrement:
    """Save a new tutoring period: the tutor now sees (and evaluates) the learner."""
    encadrement.save()
    notifications.suivi_ouvert(encadrement, par)
    return encadrement
