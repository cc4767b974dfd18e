"""Tags of the keyboard grids' answers (``suivi.protocole``)."""
from django import template
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def versions_oob(lignes, attributs: str) -> SafeString:
    """The saved cells' new versions as out-of-band hidden inputs ``v-<ligne>-<colonne>``;
    ``attributs``: "<ligne's attribute>,<colonne's attribute>" of each saved row.

    Built in Python: the template language's loop was half of a 600-cell save's answer. Only
    integers go in, so there is nothing to escape."""
    ligne, colonne = attributs.split(",")
    return SafeString("\n".join(
        f'<input type="hidden" id="v-{cle}" name="v-{cle}" value="{int(e.version)}" '
        'hx-swap-oob="true">'
        for e in lignes for cle in [f"{int(getattr(e, ligne))}-{int(getattr(e, colonne))}"]))
