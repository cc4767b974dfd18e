"""``{% contrats_lisibles apprenant as contrats %}``: the learner's apprenticeship contracts
the current user may read (links from the learner's page to their booklets)."""
from django import template

from .. import perimetres as ap

register = template.Library()


@register.simple_tag(takes_context=True)
def contrats_lisibles(context, apprenant):
    return list(ap.contrats_lisibles(context["request"].user)
                .filter(apprenant=apprenant).select_related("employeur").order_by("-debut"))
