"""Magic links for tutors and apprenticeship masters, on top of django-sesame.

A link is a ``LienMagique`` row plus a sesame token *scoped to that row*: the token proves who
the person is, the row says whether the link still holds (not expired, not revoked).

* It is **e-mailed** to the person's address and shown to nobody else: an administrator who
  sends it sees where and when it went, never the link (else they could open the tutor's
  session).
* A session it opens **names it** (``CLE_SESSION``), and ``LienMagiqueMiddleware`` checks the
  row at each request of such a session (``session_tient``): revoked, expired, or the person no
  longer qualifying signs every one of its sessions out at once, however many were opened.
* Opening it **redirects to a clean address**, so the token does not stay in the address bar,
  nor travel on as a Referer.
* Links are only for people whose sole roles are tutor or master, with a period not yet over:
  anyone who may see more signs in with a password, so a leaked link opens only the tutor's own
  learners, and only while they follow them.
"""
import datetime

from django.contrib import messages
from django.contrib.auth import SESSION_KEY, get_user_model, login, logout
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect
from sesame.utils import get_query_string, get_user

from cpro_platform.etablissements.models import Apprenant, Encadrement, Etablissement, aujourdhui

from . import appareils
from .models import LienMagique, Role

BACKEND = "django.contrib.auth.backends.ModelBackend"
#: The session key naming the link that opened the session.
CLE_SESSION = "lien_magique"

User = get_user_model()


class EnvoiImpossible(Exception):
    """The link may not be sent; the message says why, to the administrator."""


class OuvertureRefusee(Exception):
    """The link does not open; ``autre_appareil`` when it is bound to another browser."""

    def __init__(self, autre_appareil: bool = False):
        super().__init__()
        self.autre_appareil = autre_appareil


def _destinataire_q(user: str = "") -> Q:
    """People who may hold a link, as a filter reached through ``user`` ("" from ``User``,
    "user__" from ``LienMagique``): active, no platform rights, no granted role (ever), not a
    learner, and a tutoring period running or to come."""
    pk = OuterRef(f"{user}pk")
    today = aujourdhui()
    return (Q(**{f"{user}is_active": True, f"{user}is_staff": False,
                 f"{user}is_superuser": False})
            & Exists(Encadrement.objects.filter(Q(fin__isnull=True) | Q(fin__gte=today),
                                                tuteur__user=pk))
            & ~Exists(Role.objects.filter(user=pk))
            & ~Exists(Apprenant.objects.filter(user=pk)))


def peut_recevoir_un_lien(user) -> bool:
    return User.objects.filter(_destinataire_q(), pk=user.pk).exists()


def _sans_etiquette(email: str) -> str:
    """``Jean.Dupont+cpro@Lycee.fr`` → ``jean.dupont@lycee.fr``: the mailbox it reaches."""
    local, _at, domain = email.strip().lower().partition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def adresse_du_personnel(etablissement: Etablissement, email: str) -> bool:
    """Is ``email`` the mailbox of someone holding (or having held) a role here?

    A tutor given that address would have their link delivered to a member of staff.
    """
    cible = _sans_etiquette(email)
    adresses = Role.objects.filter(etablissement=etablissement).exclude(
        user__email="").values_list("user__email", flat=True).distinct()
    return any(_sans_etiquette(a) == cible for a in adresses)


def refus_d_envoi(user, etablissement: Etablissement) -> str:
    """Why a link may not be sent to ``user`` from ``etablissement`` ("" if it may)."""
    if not peut_recevoir_un_lien(user):
        if (user.is_staff or user.is_superuser or Role.objects.filter(user=user).exists()
                or Apprenant.objects.filter(user=user).exists()):
            return _("Cette personne a d'autres rôles : elle se connecte avec son mot de passe, "
                     "pas avec un lien.")
        if not user.is_active:
            return _("Ce compte est désactivé.")
        return _("Cette personne ne suit aucun apprenant en ce moment ni prochainement : "
                 "enregistrez d'abord une période de suivi.")
    if not user.email:
        return _("Cette personne n'a pas d'adresse électronique : ajoutez-la pour lui envoyer "
                 "un lien.")
    if adresse_du_personnel(etablissement, user.email):
        return _("L'adresse de cette personne est celle d'un membre du personnel de "
                 "l'établissement : aucun lien n'y est envoyé. Corrigez l'adresse du tuteur.")
    return ""


def adresse(lien: LienMagique) -> str:
    """The link's path with its token: for the e-mail (and the demo's console) only."""
    return reverse("comptes:lien", args=[lien.pk]) + get_query_string(lien.user,
                                                                      scope=lien.scope)


def creer_lien(user, *, etablissement: Etablissement, par) -> LienMagique:
    """A new link for ``user``, under the sending rules (raises ``EnvoiImpossible``). The
    caller e-mails it to ``lien.envoye_a`` in the same transaction, and shows it nowhere else
    (``envoyer_lien``; the PFMP reminders, where ``par`` is None: the worker)."""
    refus = refus_d_envoi(user, etablissement)
    if refus:
        raise EnvoiImpossible(refus)
    return LienMagique.objects.create(user=user, etablissement=etablissement, cree_par=par,
                                      envoye_a=user.email)


@transaction.atomic
def envoyer_lien(user, *, etablissement: Etablissement, par, request) -> LienMagique:
    """Create a link for ``user`` and e-mail it to their address, the one place it appears.

    Raises ``EnvoiImpossible``; a failed sending leaves no link behind.
    """
    lien = creer_lien(user, etablissement=etablissement, par=par)
    texte = _("Bonjour %(nom)s,\n\nVoici votre lien personnel pour suivre vos apprenants sur "
              "CPRO. Il est valable jusqu'au %(date)s ; ne le transmettez à personne.") % {
        "nom": user.get_full_name(),
        "date": timezone.localtime(lien.expire_le).strftime("%d/%m/%Y")}
    if etablissement.liens_un_seul_appareil:
        texte += " " + _("Ouvrez-le sur l'appareil dont vous vous servirez : il ne fonctionnera "
                         "que dans le premier navigateur qui l'ouvre.")
    send_mail(_("Votre lien de connexion à CPRO"),
              f"{texte}\n\n{request.build_absolute_uri(adresse(lien))}\n", None, [user.email])
    return lien


def ouvrir(request, pk: int) -> tuple[LienMagique, str | None]:
    """Sign in with the link ``pk`` and the request's token.

    Returns the link, and the device secret to set when this opening binds a single-device
    link (``appareils``). Raises ``OuvertureRefusee``.
    """
    lien = (LienMagique.objects.valides().filter(_destinataire_q("user__"), pk=pk)
            .select_related("user", "etablissement").first())
    if lien is None:
        raise OuvertureRefusee
    max_age = max(1, int((lien.expire_le - timezone.now()).total_seconds()))
    user = get_user(request, scope=lien.scope, max_age=max_age)
    if user is None or user.pk != lien.user_id:
        raise OuvertureRefusee
    try:
        secret = appareils.lier(request, lien)
    except appareils.AutreAppareil:
        raise OuvertureRefusee(autre_appareil=True) from None
    login(request, user, backend=BACKEND)
    request.session[CLE_SESSION] = lien.pk
    request.session.set_expiry(lien.expire_le)
    LienMagique.objects.filter(pk=lien.pk).update(utilise_le=timezone.now())
    return lien, secret


def session_tient(session, pk: int, now: datetime.datetime | None = None) -> bool:
    """Does the link ``pk`` still hold for the session's account? One query, by primary key."""
    return LienMagique.objects.valides(now).filter(
        _destinataire_q("user__"), pk=pk, user_id=session.get(SESSION_KEY)).exists()


def deconnecter(request):
    """Sign a link session out at once and say why on the login page."""
    logout(request)
    messages.error(request, _("Votre lien de connexion n'est plus valable (révoqué, expiré ou "
                              "suivi terminé) : vous avez été déconnecté(e). Demandez un "
                              "nouveau lien à l'établissement."))
    if request.headers.get("HX-Request") == "true":
        return HttpResponseClientRedirect(reverse("login"))
    return redirect("login")


def revoquer(lien: LienMagique) -> None:
    """Kill the link: its sessions end at their next request."""
    lien.revoque_le = timezone.now()
    LienMagique.objects.filter(pk=lien.pk, revoque_le__isnull=True).update(
        revoque_le=lien.revoque_le)
