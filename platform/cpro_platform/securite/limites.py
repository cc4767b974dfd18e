"""Rate limits on what makes the site send e-mails or check passwords for strangers.

A fixed-window counter in the database (``Compteur``), so that every web process and server
shares it without extra infrastructure. ``consommer`` counts one attempt and says whether it is
still within the limit; an attempt refused is not counted, so a blocked client is free again
when the window ends.
"""
import datetime
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import Compteur


@dataclass(frozen=True)
class Limite:
    nom: str
    nombre: int
    fenetre: datetime.timedelta


HEURE = datetime.timedelta(hours=1)
#: Webinar registrations: e-mails sent to one address, and requests from one client.
INSCRIPTION_PAR_DESTINATAIRE = Limite("inscription-destinataire", 3, HEURE)
INSCRIPTION_PAR_CLIENT = Limite("inscription-client", 10, HEURE)
#: Password reset e-mails: to one address, and requests from one client.
REINITIALISATION_PAR_DESTINATAIRE = Limite("reinitialisation-destinataire", 3, HEURE)
REINITIALISATION_PAR_CLIENT = Limite("reinitialisation-client", 10, HEURE)


def _cle(limite: Limite, identifiant: str) -> str:
    empreinte = hmac.new(settings.SECRET_KEY.encode(), identifiant.strip().lower().encode(),
                         hashlib.sha256).hexdigest()[:40]
    return f"{limite.nom}:{empreinte}"


def _debut(limite: Limite, now: datetime.datetime) -> datetime.datetime:
    secondes = int(limite.fenetre.total_seconds())
    return datetime.datetime.fromtimestamp(int(now.timestamp()) // secondes * secondes,
                                           tz=datetime.timezone.utc)


def consommer(limite: Limite, identifiant: str, *, now: datetime.datetime | None = None) -> bool:
    """Count one attempt of ``identifiant``; False (and not counted) once the limit is reached."""
    now = now or timezone.now()
    cle, debut = _cle(limite, identifiant), _debut(limite, now)
    with transaction.atomic():
        compteur = Compteur.objects.select_for_update().filter(cle=cle, fenetre=debut).first()
        if compteur is None:
            try:
                with transaction.atomic():
                    Compteur.objects.create(cle=cle, fenetre=debut, nombre=1)
            except IntegrityError:  # created meanwhile by a concurrent request
                return consommer(limite, identifiant, now=now)
            Compteur.objects.filter(fenetre__lt=now - datetime.timedelta(days=1)).delete()
            return True
        if compteur.nombre >= limite.nombre:
            return False
        Compteur.objects.filter(pk=compteur.pk).update(nombre=F("nombre") + 1)
        return True


def consommer_tout(*demandes: tuple[Limite, str]) -> bool:
    """Check every (limit, identifier) first, then count them all: a refusal counts nothing."""
    now = timezone.now()
    for limite, identifiant in demandes:
        compteur = Compteur.objects.filter(cle=_cle(limite, identifiant),
                                           fenetre=_debut(limite, now)).first()
        if compteur and compteur.nombre >= limite.nombre:
            return False
    return all([consommer(limite, identifiant, now=now) for limite, identifiant in demandes])
