"""Case-insensitive regexes run only where they can match: the same matches, far sooner.

Python's regex engine tries a case-insensitive pattern that opens with a look-behind or an
alternation at every character; over a 90,000-character record the date, label and keyword
patterns were most of the time an attach took. When lower-casing keeps a text's characters
one for one (``case_aligned``), a case-insensitive ASCII literal matches the text exactly where
its lower-case form occurs in the lower-cased text, which a plain case-sensitive search finds
quickly. So a pattern whose every match starts at such a literal (or at a line start) is tried
only there (``scan``); anything else falls back to the full scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FOLDS = "\u0130\u0131\u017f\u212a"  # İ ı ſ K: match ASCII letters under IGNORECASE


def case_aligned(text: str, lower: str) -> bool:
    """True when ``lower`` (``text.lower()``) is ``text`` lower-cased character for character
    and ``text`` holds none of ``FOLDS`` (the only characters that match an ASCII letter
    case-insensitively without lower-casing to it)."""
    return len(lower) == len(text) and not any(c in text for c in FOLDS)


def scan(
    rx: re.Pattern[str], starts: re.Pattern[str], text: str, lower: str | None = None
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, trying ``rx`` only where ``starts`` matches the lower-cased text.

    ``starts`` must match (case-sensitively, in lower case) at every position where a match
    of ``rx`` can begin; ``rx`` itself decides, so extra start positions cost only time.
    ``rx`` never matches the empty string (each pattern here needs a label or a digit).
    """
    lower = text.lower() if lower is None else lower
    if not case_aligned(text, lower):
        yield from rx.finditer(text)
        return
    found = starts.search(lower)
    while found is not None:
        m = rx.match(text, found.start())
        if m is not None:
            yield m
        after = m.end() if m is not None and m.end() > found.start() else found.start() + 1
        found = starts.search(lower, after) if after <= len(lower) else None
