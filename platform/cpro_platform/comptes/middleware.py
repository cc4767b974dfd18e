"""Link sessions end as soon as their link no longer holds (see ``comptes.liens``)."""
from . import liens


class LienMagiqueMiddleware:
    """At each request of a session opened by a magic link, one indexed query checks the link
    (revoked, expired, holder no longer a tutor…); other sessions cost nothing.

    Placed after the authentication and messages middleware: it signs out and leaves a message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pk = request.session.get(liens.CLE_SESSION)
        if pk is not None and not liens.session_tient(request.session, pk):
            return liens.deconnecter(request)
        return self.get_response(request)
