"""A case's bundle choices, kept in ``case_prefs`` so the GUI and the CLI build the same bundle.

Order and inclusion are the user's: documents left out, categories or documents moved, the
delivery route and the Bates prefix. Unknown ids (a detached file, a category a newer profile
dropped) are ignored when the bundle is built, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..errors import QalsodyError
from ..policy.model import PolicyProfile
from ..storage.prefs import CasePrefs

PREFIX = "bundle."
_BATES = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,15}$")


@dataclass(frozen=True)
class BundleSettings:
    excluded: tuple[str, ...] = ()  # attachment ids left out of the bundle
    category_order: tuple[str, ...] = ()  # category ids first, in this order; the rest follow
    document_order: tuple[str, ...] = ()  # attachment ids first, within their category
    route: str | None = None
    bates_prefix: str | None = None
    bates_start: int = 1

    def to_prefs(self) -> dict[str, Any]:
        return {
            PREFIX + "excluded": list(self.excluded) or None,
            PREFIX + "category_order": list(self.category_order) or None,
            PREFIX + "document_order": list(self.document_order) or None,
            PREFIX + "route": self.route,
            PREFIX + "bates_prefix": self.bates_prefix,
            PREFIX + "bates_start": self.bates_start if self.bates_start != 1 else None,
        }

    def with_changes(self, **changes: Any) -> BundleSettings:
        """A copy with the given fields replaced (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def load_settings(prefs: CasePrefs, case_id: str) -> BundleSettings:
    stored = prefs.all(case_id)
    route = stored.get(PREFIX + "route")
    prefix = stored.get(PREFIX + "bates_prefix")
    start = stored.get(PREFIX + "bates_start")
    return BundleSettings(
        excluded=_strings(stored.get(PREFIX + "excluded")),
        category_order=_strings(stored.get(PREFIX + "category_order")),
        document_order=_strings(stored.get(PREFIX + "document_order")),
        route=str(route) if route else None,
        bates_prefix=str(prefix) if prefix else None,
        bates_start=int(start) if isinstance(start, int) and start > 0 else 1,
    )


def save_settings(prefs: CasePrefs, case_id: str, settings: BundleSettings) -> None:
    check_settings(settings, None)
    prefs.set_many(case_id, settings.to_prefs())


def check_settings(settings: BundleSettings, profile: PolicyProfile | None) -> None:
    """QalsodyError for a Bates prefix or route the bundle could not use."""
    if settings.bates_prefix is not None and not _BATES.match(settings.bates_prefix):
        raise QalsodyError(
            f"Bates prefix {settings.bates_prefix!r}: use 1-16 letters, digits, '-' or '_'"
        )
    if settings.bates_start < 1:
        raise QalsodyError("the first Bates number must be 1 or more")
    if profile is not None and settings.route is not None:
        known = [r.id for r in profile.routes]
        if settings.route not in known:
            raise QalsodyError(f"unknown route {settings.route!r}; one of: {', '.join(known)}")


def ordered(items: list[Any], key_order: tuple[str, ...], key: Any) -> list[Any]:
    """``items`` with those named in ``key_order`` first (in that order), the rest after,
    each group keeping its original order."""
    rank = {k: i for i, k in enumerate(key_order)}
    return sorted(items, key=lambda item: rank.get(key(item), len(rank)))
