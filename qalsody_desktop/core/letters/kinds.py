"""The letter kinds by id, importable without Qt (the CLI lists them before rendering anything).

``compose.COMPOSERS`` maps the same ids to their composers; a test keeps the two equal.
"""

from __future__ import annotations

LETTER_KIND_IDS: tuple[str, ...] = (
    "medical_necessity",
    "p2p_summary",
    "visit_prep",
    "formulary_exception",
    "expedited_review_request",
    "internal_appeal",
    "external_review_request",
)
