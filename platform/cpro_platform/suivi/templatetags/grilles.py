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


# Tags reading ``tapees`` from the context: a page rendered without it shows the saved cells.


@register.simple_tag(takes_context=True)
def code_tape(context, case) -> str:
    """The cell's code as typed in a refused plain post (``protocole``), else as saved."""
    tapee = (context.get("tapees") or {}).get(case.cle)
    return case.code if tapee is None else tapee.code


@register.simple_tag(takes_context=True)
def version_lue(context, case) -> int:
    """The version a refused post's cell was typed on: sent again, a colleague's change made
    since is still a conflict."""
    tapee = (context.get("tapees") or {}).get(case.cle)
    return case.version if tapee is None else tapee.version
