"""Magic links for tutors and apprenticeship masters, on top of django-sesame.

A link is a ``LienMagique`` row plus a sesame token *scoped to that row*: the token proves who
the person is, the row says whether the link still holds (not expired, not revoked). Revoking
also ends the sessions the link opened. Links are only for people whose sole roles are tutor or
master: anyone who may see more signs in with a password, so a leaked link opens only the
tutor's own learners.
"""
from importlib import import_module

from django.conf import settings
from django.contrib.auth import login
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from sesame.utils import get_query_string, get_user

from cpro_platform.etablissements.models import Apprenant, Tuteur

from .models import LienMagique, Role

BACKEND = "django.contrib.auth.backends.ModelBackend"


def peut_recevoir_un_lien(user) -> bool:
    """Only tutors and masters with no other role (and no platform rights)."""
    return (user.is_active and not user.is_staff and not user.is_superuser
            and Tuteur.objects.filter(user=user).exists()
            and not Role.objects.filter(user=user).exists()
            and not Apprenant.objects.filter(user=user).exists())


def creer_lien(user, *, par, request) -> tuple[LienMagique, str]:
    """Create a link for ``user`` and return it with its absolute URL."""
    if not peut_recevoir_un_lien(user):
        raise ValueError(f"user {user.pk} may not receive a magic link")
    lien = LienMagique.objects.create(user=user, cree_par=par)
    path = reverse("comptes:lien", args=[lien.pk]) + get_query_string(user, scope=lien.scope)
    return lien, request.build_absolute_uri(path)


def envoyer_lien(lien: LienMagique, url: str) -> None:
    user = lien.user
    send_mail(
        _("Votre lien de connexion à CPRO"),
        _("Bonjour %(nom)s,\n\nVoici votre lien personnel pour suivre vos apprenants sur CPRO. "
          "Il est valable jusqu'au %(date)s ; ne le transmettez à personne.\n\n%(url)s\n")
        % {"nom": user.get_full_name(), "url": url,
           "date": timezone.localtime(lien.expire_le).strftime("%d/%m/%Y")},
        None, [user.email])


def ouvrir(request, pk: int) -> LienMagique | None:
    """Sign in with the link ``pk`` and the request's token; None if it does not hold."""
    lien = LienMagique.objects.select_related("user").filter(pk=pk).first()
    if lien is None or not lien.est_valide():
        return None
    max_age = max(1, int((lien.expire_le - timezone.now()).total_seconds()))
    user = get_user(request, scope=lien.scope, max_age=max_age)
    if user is None or user.pk != lien.user_id or not peut_recevoir_un_lien(user):
        return None
    login(request, user, backend=BACKEND)
    request.session.set_expiry(lien.expire_le)
    request.session.save()
    lien.utilise_le = timezone.now()
    lien.sessions = [*lien.sessions, request.session.session_key]
    lien.save(update_fields=["utilise_le", "sessions"])
    return lien


def revoquer(lien: LienMagique) -> None:
    """Kill the link and every session it opened."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in lien.sessions:
        store(session_key=key).delete()
    lien.revoque_le = timezone.now()
    lien.sessions = []
    lien.save(update_fields=["revoque_le", "sessions"])
