"""The letter kinds by id and the signed-copy rule, importable without Qt (the CLI lists the
kinds before rendering anything; the bundle picks the signed copy without the renderer).

``compose.COMPOSERS`` maps the same ids to their composers; a test keeps the two equal.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..evidence.records import Attachment

# attaching a signed PDF of the letter of medical necessity makes it the copy to submit
SIGNED_CATEGORY = "medical_necessity_letter"

LETTER_KIND_IDS: tuple[str, ...] = (
    "medical_necessity",
    "p2p_summary",
    "visit_prep",
    "formulary_exception",
    "expedited_review_request",
    "internal_appeal",
    "external_review_request",
)


def newest_signed_copy(attachments: Iterable[Attachment]) -> Attachment | None:
    """The copy to submit: the newest attachment of the signed-letter category."""
    signed = [a for a in attachments if a.category == SIGNED_CATEGORY]
    return max(signed, key=lambda a: (a.added_at, a.position), default=None)
