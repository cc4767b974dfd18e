"""Template helpers shared by the referential pages: provenance badge, durations, numbers."""
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("referentials/includes/provenance.html", takes_context=True)
def provenance(context, element):
    """The provenance of one element, in the single place that decides how it looks.

    Provisional content always gets the "Provisoire" badge with its note. Official content
    stays discreet: its reference is shown only where it differs from the referential's own
    (given once in the page header), so pages are not a wall of identical citations.
    """
    referentiel = context.get("referentiel")
    reference_commune = getattr(referentiel, "provenance_detail", "")
    detail = element.provenance_detail
    return {
        "provisoire": element.est_provisoire,
        "detail": detail,
        "reference": "" if element.est_provisoire or detail == reference_commune else detail,
        "tooltip_id": f"provenance-{element._meta.model_name}-{element.pk}",
    }


@register.filter
def duree(minutes):
    """Minutes as an exam timetable writes them: "45 min", "4 h", "1 h 30"."""
    if minutes in (None, ""):
        return ""
    heures, reste = divmod(int(minutes), 60)
    if not heures:
        return _("%(minutes)d min") % {"minutes": reste}
    if not reste:
        return _("%(heures)d h") % {"heures": heures}
    return _("%(heures)d h %(minutes)02d") % {"heures": heures, "minutes": reste}


@register.filter
def nombre(value):
    """A decimal without useless trailing zeros, localised: 3.00 → "3", 4.50 → "4,5"."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return number_format(value)
