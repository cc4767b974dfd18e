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


AUTO_ATTRIBUTION = _("Vous ne pouvez pas vous attribuer un rôle à vous-même : demandez-le à "
                     "un autre administrateur de l'établissement.")

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
        self.verifier_pas_auto_attribue()

    def verifier_pas_auto_attribue(self) -> None:
        """Nobody grants a role to themselves, whatever the screen, script or shell (checked
        on new roles only: one granted so before this rule can still be ended)."""
        if (self._state.adding and self.accorde_par_id is not None
                and self.accorde_par_id == self.user_id):
            raise ValidationError(AUTO_ATTRIBUTION)

    def save(self, *args, **kwargs) -> None:
        self.verifier_pas_auto_attribue()
        super().save(*args, **kwargs)


def expiration_par_defaut() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=settings.SESAME_MAX_AGE)


class LienMagiqueQuerySet(models.QuerySet):
    def valides(self, now: datetime.datetime | None = None):
        """Links neither revoked nor expired (whether their holder still qualifies is
        ``comptes.liens``' question)."""
        return self.filter(revoque_le__isnull=True, expire_le__gt=now or timezone.now())


class LienMagique(models.Model):
    """A sign-in link e-mailed to a tutor or master: expiring, revocable, one per sending.

    The token itself is django-sesame's, scoped to this row, so revoking the row kills the link;
    the sessions it opened carry the row's id and end at their next request (``comptes.liens``).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="liens_magiques", verbose_name=_("destinataire"))
    #: The establishment that sent it (its settings apply); empty for links made before.
    etablissement = models.ForeignKey(Etablissement, on_delete=models.CASCADE, null=True,
                                      blank=True, related_name="liens_magiques",
                                      verbose_name=_("établissement"))
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+", verbose_name=_("créé par"))
    cree_le = models.DateTimeField(_("créé le"), auto_now_add=True)
    envoye_a = models.EmailField(_("envoyé à"), blank=True)
    expire_le = models.DateTimeField(_("expire le"), default=expiration_par_defaut)
    revoque_le = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    utilise_le = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    #: For a single-device link: digest of the secret cookie of the browser that opened it
    #: first (the secret itself is never stored).
    appareil = models.CharField(_("appareil"), max_length=64, blank=True, editable=False)

    objects = LienMagiqueQuerySet.as_manager()

    class Meta:
        verbose_name = _("lien de connexion")
        verbose_name_plural = _("liens de connexion")
        ordering = ["-cree_le"]

    def __str__(self) -> str:
        return f"{self.user} ({self.cree_le:%d/%m/%Y})" if self.cree_le else str(self.user)

    @property
    def scope(self) -> str:
        return f"lien-magique:{self.pk}"

    def est_valide(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.revoque_le is None and now < self.expire_le

    @property
    def envoye_a_masque(self) -> str:
        """``t***@garage.fr``: enough to recognise the mailbox on screen, not to copy it."""
        local, _at, domain = self.envoye_a.partition("@")
        return f"{local[:1]}***@{domain}" if domain else ""


# Audit of people: who changed a name, an e-mail or an account's status, when, before/after.
# Secrets and bookkeeping fields are not worth (or safe) keeping.
register(get_user_model(), app="cpro_platform.comptes",
         excluded_fields=["password", "last_login"], table_name="comptes_historicaluser")
