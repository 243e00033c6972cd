"""Password variants to try on an encrypted PDF.

AES-256 PDFs (revision 6) define the password as its SASLprep form (RFC 4013), but writers
disagree on whether they applied it, and people type look-alike characters (a soft hyphen, a
feminine ordinal for "a"). Trying the password as typed, then SASLprep'd, then NFKC-normalised
opens every variant a correct password can arrive in.
"""

from __future__ import annotations

import stringprep
import unicodedata

_PROHIBITED = (
    stringprep.in_table_c12,  # non-ASCII space (mapped before the check, so none remain)
    stringprep.in_table_c21_c22,  # control characters
    stringprep.in_table_c3,  # private use
    stringprep.in_table_c4,  # non-character code points
    stringprep.in_table_c5,  # surrogates
    stringprep.in_table_c6,  # inappropriate for plain text
    stringprep.in_table_c7,  # inappropriate for canonical representation
    stringprep.in_table_c8,  # change display properties / deprecated
    stringprep.in_table_c9,  # tagging characters
)


def saslprep(password: str) -> str | None:
    """RFC 4013 SASLprep of ``password``, or None when the result would be prohibited."""
    mapped = "".join(
        " " if stringprep.in_table_c12(ch) else ch
        for ch in password
        if not stringprep.in_table_b1(ch)  # "commonly mapped to nothing", e.g. soft hyphen
    )
    prepared = unicodedata.normalize("NFKC", mapped)
    if any(check(ch) for ch in prepared for check in _PROHIBITED):
        return None
    if any(stringprep.in_table_d1(ch) for ch in prepared):  # right-to-left text: RFC 3454 6
        if any(stringprep.in_table_d2(ch) for ch in prepared):
            return None
        if not (stringprep.in_table_d1(prepared[0]) and stringprep.in_table_d1(prepared[-1])):
            return None
    return prepared


def password_candidates(password: str) -> list[str]:
    """The password as typed first, then its normalised forms, without duplicates."""
    variants = [password, saslprep(password), unicodedata.normalize("NFKC", password)]
    return list(dict.fromkeys(v for v in variants if v is not None))
