"""Accessor for the platform's namespaced ``CPRO`` setting (defaults merged in)."""
from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "PLUGINS_ALLOW": None,
    "PLUGINS_BLOCK": [],
}


def cpro_setting(name: str) -> Any:
    if name not in DEFAULTS:
        raise KeyError(f"Unknown CPRO setting {name!r}; known: {', '.join(sorted(DEFAULTS))}")
    return {**DEFAULTS, **getattr(settings, "CPRO", {})}[name]
