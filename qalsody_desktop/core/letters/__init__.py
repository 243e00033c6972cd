"""Letters: medical necessity, peer-to-peer summary, visit preparation, exception, expedited
review and appeal letters, composed from case facts into the document model.

Use ``service`` (``generate_letter``, ``write_letter``, ``signed_copy``); composers live one
per module and are pure functions of the case and a ``LetterContext``.
"""

from .context import DenialInfo, LetterContext, LetterResult
from .edits import Conflict, apply_edits, resolve_conflict

__all__ = [
    "Conflict",
    "DenialInfo",
    "LetterContext",
    "LetterResult",
    "apply_edits",
    "resolve_conflict",
]
