"""Sign-in lockout (django-axes), per account and per address, with different thresholds.

An account is locked after ``PAR_COMPTE`` failed passwords in the cool-off window, whatever the
addresses they came from (guessing one person's password); an address after ``PAR_ADRESSE``
failures across accounts (spraying one password over many accounts) — higher, because a whole
lycée often signs in from one address. A successful sign-in does not clear a lock: axes refuses
the attempt before the password is checked. The establishment's administrator, the DDFPT or the
platform administrator unlock an account (``vues``, Django admin, ``axes_reset_username``).
"""
from axes.handlers.database import AxesDatabaseHandler
from axes.attempts import get_cool_off_threshold
from axes.backends import AxesBackend
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def _echecs(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


def tentatives_recentes(request=None):
    """Failed attempts still inside the cool-off window (of the request's time, or now)."""
    if getattr(request, "axes_attempt_time", None) is not None:
        seuil = get_cool_off_threshold(request)
    else:
        seuil = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(attempt_time__gte=seuil)


def compte_verrouille(username: str, request=None) -> bool:
    limite = settings.CPRO["VERROUILLAGE"]["PAR_COMPTE"]
    return _echecs(tentatives_recentes(request).filter(username=username)) >= limite


def adresse_verrouillee(adresse: str, request=None) -> bool:
    limite = settings.CPRO["VERROUILLAGE"]["PAR_ADRESSE"]
    return _echecs(tentatives_recentes(request).filter(ip_address=adresse)) >= limite


class VerrouParCompteEtParAdresse(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        username = get_client_username(request, credentials)
        return bool((username and compte_verrouille(username, request))
                    or adresse_verrouillee(request.axes_ip_address, request))

    def get_failures(self, request, credentials=None) -> int:
        # Axes compares this with AXES_FAILURE_LIMIT to announce a lockout: report the
        # limit itself once either counter has reached its own threshold.
        if self.is_locked(request, credentials):
            return settings.AXES_FAILURE_LIMIT
        return 0


def comptes_verrouilles(usernames) -> list[str]:
    """Among ``usernames``, the accounts locked now."""
    limite = settings.CPRO["VERROUILLAGE"]["PAR_COMPTE"]
    par_compte = (tentatives_recentes().filter(username__in=list(usernames))
                  .values("username").annotate(n=Sum("failures_since_start")))
    return sorted(row["username"] for row in par_compte if row["n"] >= limite)


class VerrouAvantMotDePasse(AxesBackend):
    """Axes' backend, first in AUTHENTICATION_BACKENDS: it refuses a locked account or address
    before any password is checked, then lets the next backend authenticate; it loads users
    like ModelBackend (sessions and tools that log in with the first backend keep working).
    A call without a request (a shell, the test client's ``login``) is no sign-in over HTTP:
    no address to count, nothing to refuse. Every sign-in page passes its request."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
