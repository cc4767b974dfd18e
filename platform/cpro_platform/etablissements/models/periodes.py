"""Dated periods: roles, class memberships, learner paths and tutoring links all have one.

A period runs from ``debut`` to ``fin`` inclusive; an empty ``fin`` means "still running".
"""
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def aujourdhui() -> datetime.date:
    return timezone.localdate()


def actif_le_q(date: datetime.date | None = None, prefix: str = "") -> Q:
    """A filter for rows whose period covers ``date`` (today by default).

    ``prefix`` reaches a related period, e.g. ``actif_le_q(prefix="roles__")``.
    """
    date = date or aujourdhui()
    return Q(**{f"{prefix}debut__lte": date}) & (
        Q(**{f"{prefix}fin__isnull": True}) | Q(**{f"{prefix}fin__gte": date}))


class PeriodeQuerySet(models.QuerySet):
    def actives(self, date: datetime.date | None = None):
        return self.filter(actif_le_q(date))


class Periode(models.Model):
    debut = models.DateField(_("début"), default=aujourdhui)
    fin = models.DateField(_("fin"), null=True, blank=True,
                           help_text=_("Dernier jour inclus ; vide si la période est en cours."))

    objects = PeriodeQuerySet.as_manager()

    class Meta:
        abstract = True

    def actif_le(self, date: datetime.date | None = None) -> bool:
        date = date or aujourdhui()
        return self.debut <= date and (self.fin is None or date <= self.fin)

    def terminer(self, date: datetime.date | None = None) -> None:
        """End the period before ``date`` (today): access stops at once.

        A period that had not started before ``date`` is withdrawn (deleted; the audit log
        keeps it). An earlier end is never pushed back.
        """
        veille = (date or aujourdhui()) - datetime.timedelta(days=1)
        if self.debut > veille:
            self.delete()
            return
        self.fin = min(self.fin or veille, veille)
        self.save()

    @property
    def en_cours(self) -> bool:
        return self.actif_le()

    def clean(self) -> None:
        super().clean()
        if self.fin and self.debut and self.fin < self.debut:
            raise ValidationError({"fin": _("La fin de la période précède son début.")})

    @classmethod
    def fin_apres_debut(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(condition=Q(fin__isnull=True) | Q(fin__gte=models.F("debut")),
                                      name=name)
