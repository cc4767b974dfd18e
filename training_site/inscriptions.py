"""Registering to a webinar and cancelling, safely under concurrent requests.

The webinar row is locked (``select_for_update`` on PostgreSQL; on SQLite every transaction
takes the write lock when it starts), then confirmed places are counted: two people asking for
the last place at the same instant get one place and one waiting-list entry, never both a place.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Inscription, StatutInscription, WebinairePage


class InscriptionRefusee(Exception):
    """A registration that cannot be taken; the message is for the visitor."""


@dataclass(frozen=True)
class Annulation:
    inscription: Inscription
    promue: Inscription | None  # the waiting-list registration that got the freed place


def inscrire(webinaire: WebinairePage, *, email: str, nom: str = "", user=None) -> Inscription:
    email = email.strip().lower()
    try:
        with transaction.atomic():
            page = WebinairePage.objects.select_for_update().get(pk=webinaire.pk)
            if page.est_passe:
                raise InscriptionRefusee(_("Ce webinaire a déjà eu lieu : les inscriptions sont "
                                           "closes. Sa rediffusion sera proposée dans l'onglet "
                                           "« Rediffusion » du programme."))
            if not page.inscriptions_ouvertes or not page.live:
                raise InscriptionRefusee(_("Les inscriptions à ce webinaire sont fermées."))
            actives = page.inscriptions.exclude(statut=StatutInscription.ANNULE)
            if actives.filter(email=email).exists():
                raise InscriptionRefusee(_("L'adresse %(email)s est déjà inscrite à ce webinaire.")
                                         % {"email": email})
            inscrits = actives.filter(statut=StatutInscription.INSCRIT).count()
            statut = (StatutInscription.INSCRIT if inscrits < page.capacite
                      else StatutInscription.ATTENTE)
            return Inscription.objects.create(webinaire=page, email=email, nom=nom.strip(),
                                              user=user if user and user.is_authenticated else None,
                                              statut=statut)
    except IntegrityError:  # the same address in a concurrent request
        raise InscriptionRefusee(_("L'adresse %(email)s est déjà inscrite à ce webinaire.")
                                 % {"email": email}) from None


def annuler(webinaire: WebinairePage, jeton: str) -> Annulation:
    """Cancel the registration this token belongs to, and promote the first on the waiting list.

    :raises Inscription.DoesNotExist: unknown token, another webinar's, or already cancelled.
    """
    with transaction.atomic():
        page = WebinairePage.objects.select_for_update().get(pk=webinaire.pk)
        inscription = page.inscriptions.exclude(statut=StatutInscription.ANNULE).get(jeton=jeton)
        liberait_une_place = inscription.statut == StatutInscription.INSCRIT
        inscription.statut = StatutInscription.ANNULE
        inscription.annule_le = timezone.now()
        inscription.save(update_fields=["statut", "annule_le"])
        promue = None
        if liberait_une_place and not page.est_passe:
            promue = page.inscriptions.filter(statut=StatutInscription.ATTENTE).order_by(
                "cree_le", "pk").first()
            if promue:
                promue.statut = StatutInscription.INSCRIT
                promue.promu_le = timezone.now()
                promue.save(update_fields=["statut", "promu_le"])
        return Annulation(inscription, promue)
