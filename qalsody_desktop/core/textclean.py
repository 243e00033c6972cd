"""Text hygiene for case data: one spelling of each character and nothing invisible that acts.

A name typed on a Mac and the same name pasted from a PDF can differ in composition (``ễ`` as
one code point or as ``e`` + two marks); NFC makes them one string, so searches, identity checks
and fonts agree. Bidi controls (an unterminated U+202E reverses everything after it) and other
format characters are removed, so no field can reorder the sentence a letter puts it in; ZWJ and
ZWNJ stay because Arabic, Persian and Indic spellings need them. Control characters other than
line breaks and tabs, and lone surrogates (which no file can encode), are removed too.
"""

from __future__ import annotations

import re
import unicodedata

# Joiners change how a word is spelled in some scripts; every other format character only
# steers display (bidi embeddings, overrides, isolates, marks), hides text or is a BOM.
_KEEP_FORMAT = frozenset("\u200c\u200d")
_KEEP_CONTROL = frozenset("\n\t")
# Fast path: text with nothing but printable ASCII and line breaks needs no per-character look.
_PLAIN = re.compile(r"[\n\t -~]*")


def _drop(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category == "Cf":
        return ch not in _KEEP_FORMAT
    if category == "Cc":
        return ch not in _KEEP_CONTROL
    return category == "Cs"


def clean_text(value: str) -> str:
    """``value`` in NFC without format characters (but joiners), controls or surrogates."""
    if _PLAIN.fullmatch(value):
        return value
    kept = "".join(ch for ch in value if not _drop(ch))
    return unicodedata.normalize("NFC", kept)


def needs_cleaning(value: str) -> bool:
    return clean_text(value) != value
