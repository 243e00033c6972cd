"""The submission bundle: one checked PDF, stamped, bookmarked, sanitized, within a route's limits.

``BundleBuilder(store, profile).build(case_id, out)`` writes ``out`` (or its numbered parts)
and ``<out>.manifest.json`` beside it, and records the export in the case. Names load on first
use (PEP 562): the GUI imports the light ``settings`` at start-up without the PDF machinery.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "BundleBuilder": "builder",
    "BundleOptions": "model",
    "BundleResult": "builder",
    "part_path": "builder",
    "BundleCancelled": "model",
    "BundleSettings": "settings",
    "check_settings": "settings",
    "load_settings": "settings",
    "save_settings": "settings",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
