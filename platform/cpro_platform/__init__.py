"""CPRO host. Import-light on purpose: plugins import ``hookimpl`` from here."""
import pluggy

__version__ = "0.1.0"

#: Marker for hook specifications (used by :mod:`cpro_platform.hookspecs`).
hookspec = pluggy.HookspecMarker("cpro_platform")
#: Marker plugins use for their hook implementations.
hookimpl = pluggy.HookimplMarker("cpro_platform")

__all__ = ["__version__", "hookimpl", "hookspec"]
