"""A rule failure as a one-line French message (for redirects: the pages show
``livret/_incidents.html``)."""
from django.contrib import messages
from django.utils.translation import gettext as _

from cpro_platform.regles import ErreurDeRegle, Incidents


def message_erreur_de_regle(erreur: ErreurDeRegle) -> str:
    p = erreur.plugin
    return _("Le plugin %(plugin)s (distribution %(distribution)s version %(version)s) a "
             "échoué : %(detail)s") % {"plugin": p.name, "distribution": p.distribution,
                                       "version": p.version, "detail": erreur.detail}


def signaler(request, incidents: Incidents, suite: str) -> None:
    for incident in incidents:
        messages.warning(request, f"{message_erreur_de_regle(incident.erreur)} {suite}")
