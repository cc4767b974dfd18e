"""``{% may "action" obj as allowed %}``: templates ask the same policy as views."""
from django import template

from ..politique import may as _may

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, action: str, obj=None) -> bool:
    return _may(context["request"].user, action, obj)
