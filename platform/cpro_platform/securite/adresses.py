"""The client's address, as far as the deployment can vouch for it.

Behind N reverse proxies that each append to ``X-Forwarded-For`` (``CPRO["PROXIES"]`` = N, from
the ``CPRO_PROXIES`` environment variable), the client is the N-th address from the right; the
left part of the header is whatever the client sent and is never trusted. With no proxy, the
socket's address. Always a valid IP address (axes stores it in an address column).
"""
import ipaddress

from django.conf import settings

INCONNUE = "0.0.0.0"


def _valide(adresse: str) -> str | None:
    try:
        return str(ipaddress.ip_address(adresse.strip()))
    except ValueError:
        return None


def adresse_client(request) -> str:
    proxies = settings.CPRO.get("PROXIES", 0)
    if proxies:
        transmises = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                      if a.strip()]
        if len(transmises) >= proxies and (adresse := _valide(transmises[-proxies])):
            return adresse
    return _valide(request.META.get("REMOTE_ADDR", "")) or INCONNUE
