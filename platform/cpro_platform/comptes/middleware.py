"""Link sessions end as soon as their link no longer holds (see ``comptes.liens``)."""
from django.contrib.auth import logout

from . import liens
from .views import lien_magique


class LienMagiqueMiddleware:
    """Before any view of a session opened by a magic link, one indexed query checks the link
    (revoked, expired, holder no longer a tutor…); other sessions cost nothing.

    Placed after the authentication and messages middleware: it signs out and leaves a message.
    Opening a (new) link only clears the ended session, so the new link can take over.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        pk = request.session.get(liens.CLE_SESSION)
        if pk is None or liens.session_tient(request.session, pk):
            return None
        if view_func is lien_magique:
            logout(request)
            return None
        return liens.deconnecter(request)
