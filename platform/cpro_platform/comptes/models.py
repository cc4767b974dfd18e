"""People's roles in establishments, magic links for company tutors, and the people's audit.

Staff roles (enseignant, DDFPT, administrateur, inspecteur) are granted here, per establishment,
for a dated period. The other roles come from the structure itself: a learner is the account of
an ``Apprenant``, a tutor or master is a ``Tuteur`` with ``Encadrement`` periods.
"""
import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history import register
from simple_history.models import HistoricalRecords

from cpro_platform.etablissements.models import Etablissement, Periode


class TypeRole(models.TextChoices):
    """Every role a person may hold; the first four are granted as ``Role`` rows."""

    ENSEIGNANT = "enseignant", _("Enseignant")
    DDFPT = "ddfpt", _("DDFPT")
    ADMINISTRATEUR = "administrateur", _("Administrateur de l'établissement")
    INSPECTEUR = "inspecteur", _("Inspecteur")
    APPRENANT = "apprenant", _("Apprenant")
    TUTEUR = "tuteur", _("Tuteur de stage")
    MAITRE = "maitre", _("Maître d'apprentissage")


#: The roles an establishment grants explicitly (``Role.type``).
ROLES_ACCORDES = [TypeRole.ENSEIGNANT, TypeRole.DDFPT, TypeRole.ADMINISTRATEUR,
                  TypeRole.INSPECTEUR]


class Role(Periode):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="roles", verbose_name=_("personne"))
    etablissement = models.ForeignKey(Etablissement, on_delete=models.CASCADE,
                                      related_name="roles", verbose_name=_("établissement"))
    type = models.CharField(_("rôle"), max_length=14,
                            choices=[(r.value, r.label) for r in ROLES_ACCORDES])
    #: For an inspector: the classes the grant covers; empty means every class.
    classes = models.ManyToManyField("etablissements.Classe", blank=True,
                                     related_name="acces_inspection",
                                     verbose_name=_("classes consultables"))
    accorde_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("accordé par"))
    motif = models.CharField(_("motif"), max_length=300, blank=True)

    history = HistoricalRecords(m2m_fields=[classes])

    class Meta:
        verbose_name = _("rôle")
        verbose_name_plural = _("rôles")
        ordering = ["etablissement", "type", "user__last_name"]
        constraints = [
            Periode.fin_apres_debut("role_fin_apres_debut"),
            models.CheckConstraint(condition=~Q(type="inspecteur") | Q(fin__isnull=False),
                                   name="role_inspecteur_avec_fin"),
        ]

    def __str__(self) -> str:
        who = self.user.get_full_name() or self.user.get_username()
        return f"{who} — {self.get_type_display()}, {self.etablissement.nom}"

    def clean(self) -> None:
        super().clean()
        if self.type == TypeRole.INSPECTEUR and not self.fin:
            raise ValidationError({"fin": _("Un accès inspecteur a toujours une date de fin.")})


def expiration_par_defaut() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=settings.SESAME_MAX_AGE)


class LienMagique(models.Model):
    """A sign-in link sent to a tutor or master: expiring, revocable, one per sending.

    The token itself is django-sesame's, scoped to this row, so revoking the row kills the link.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="liens_magiques", verbose_name=_("destinataire"))
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+", verbose_name=_("créé par"))
    cree_le = models.DateTimeField(_("créé le"), auto_now_add=True)
    expire_le = models.DateTimeField(_("expire le"), default=expiration_par_defaut)
    revoque_le = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    utilise_le = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    #: Sessions opened with this link, ended when it is revoked.
    sessions = models.JSONField(_("sessions ouvertes"), default=list, blank=True)

    class Meta:
        verbose_name = _("lien de connexion")
        verbose_name_plural = _("liens de connexion")
        ordering = ["-cree_le"]

    def __str__(self) -> str:
        return f"{self.user} ({self.cree_le:%d/%m/%Y})"

    @property
    def scope(self) -> str:
        return f"lien-magique:{self.pk}"

    def est_valide(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.revoque_le is None and now < self.expire_le


# Audit of people: who changed a name, an e-mail or an account's status, when, before/after.
# Secrets and bookkeeping fields are not worth (or safe) keeping.
register(get_user_model(), app="cpro_platform.comptes",
         excluded_fields=["password", "last_login"], table_name="comptes_historicaluser")
