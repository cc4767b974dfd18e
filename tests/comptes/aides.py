"""What the magic-link tests share: the address a tutor receives, opened by a browser."""
from django.test import Client
from django.urls import reverse
from sesame.utils import get_query_string

from cpro_platform.comptes.models import LienMagique


def url(lien: LienMagique) -> str:
    """The path (with its token) that the e-mail carries."""
    return reverse("comptes:lien", args=[lien.pk]) + get_query_string(lien.user,
                                                                      scope=lien.scope)


def mes_apprenants(client: Client) -> int:
    """Status of the tutor's home page: 200 while the session holds, 302 once signed out."""
    return client.get(reverse("etablissements:mes_apprenants")).status_code
