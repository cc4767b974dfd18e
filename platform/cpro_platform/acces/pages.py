"""Import-light access checks for places loaded early (navigation, menus)."""
from collections.abc import Callable


def autorise(action: str) -> Callable[..., bool]:
    """A ``visible(user)`` callable: may ``user`` do the page action ``action``?"""
    def visible(user) -> bool:
        from .politique import may

        return may(user, action)

    visible.__name__ = f"autorise({action})"
    return visible
