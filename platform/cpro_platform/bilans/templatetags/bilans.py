"""Marks as French readers write them: "+0,67", "−1,50"."""
from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def points_signes(valeur) -> str:
    """A modulation with its sign, to the hundredth, localized."""
    if valeur in (None, ""):
        return ""
    valeur = Decimal(str(valeur))
    signe = "+" if valeur > 0 else "−" if valeur < 0 else ""
    return signe + number_format(abs(valeur), 2)
