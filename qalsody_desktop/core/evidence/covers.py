"""Fax cover sheets at the front of a new attachment: left out of the bundle by default.

A cover sheet says who faxed what to whom; a payer reviewer needs none of it, and it often
names other recipients. Attaching marks it as an excluded page (reason "fax cover sheet") in
the attachment's page state, so the bundle leaves it out and the user can still include it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..classifier.model import Counts
from ..classify import classify_text
from ..policy.model import PolicyProfile

COVER_REASON = "fax cover sheet"
MAX_LEADING = 2  # cover sheets lead a transmission: only the first pages are read


def cover_pages(
    page_texts: Sequence[str], profile: PolicyProfile, local: Counts | None = None
) -> dict[int, str]:
    """Leading cover-sheet pages as {page: reason}; a long record costs one or two pages'
    classification, not one per page."""
    out: dict[int, str] = {}
    for number, text in enumerate(page_texts[:MAX_LEADING], start=1):
        if not text.strip():
            break
        if not classify_text(text, profile, has_text_layer=True, local=local).cover_sheet:
            break
        out[number] = COVER_REASON
    return out
