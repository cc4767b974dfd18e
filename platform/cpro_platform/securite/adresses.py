"""The client's address, as far as the deployment can vouch for it.

Behind N reverse proxies that each append to ``X-Forwarded-For`` (``CPRO["PROXIES"]`` = N, from
the ``CPRO_PROXIES`` environment variable), the client is the N-th address from the right; the
left part of the header is whatever the client sent and is never trusted. With no proxy, the
socket's address.
"""
from django.conf import settings


def adresse_client(request) -> str:
    proxies = settings.CPRO.get("PROXIES", 0)
    if proxies:
        transmises = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                      if a.strip()]
        if len(transmises) >= proxies:
            return transmises[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "inconnue"
