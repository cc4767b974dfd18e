"""Security headers on every response: Content-Security-Policy and Permissions-Policy.

The application's pages load scripts, styles, fonts and images from our own origin only (no
inline script, no inline style); media may come from any HTTPS host because editors link
videos published elsewhere, and only privacy-friendly YouTube embeds may be framed. The CMS and
Django's admin, third-party interfaces we do not write, get a policy that also allows their
inline styles and scripts (``CONTENT_SECURITY_POLICY_ADMIN``). A response that set its own
policy (the evidence files: ``sandbox``) keeps it.
"""
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def est_interface_admin(path: str) -> bool:
    return path.startswith(tuple(settings.CPRO["INTERFACES_ADMIN"]))


class PolitiqueDeContenu(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and est_interface_admin(request.path_info):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


class PolitiqueDesPermissions:
    """No page of ours uses the camera, microphone, location, payment or USB APIs: say so, so
    that injected or framed content cannot ask for them either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
