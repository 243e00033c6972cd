"""The result of reading one file, plus the small helpers every reader shares.

``Inspection`` travels from the reader process back to the app, so it converts to a JSON header
plus one binary payload (the decrypted working copy). Extracted text and the working copy are
kept out of ``repr`` so that a stray log line or traceback never shows patient data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any

OK = "ok"
REJECTED = "rejected"
NEEDS_PASSWORD = "needs_password"

CancelCheck = Callable[[], bool]

# A page "has text" when it holds at least this many letters or digits: a stray page number or
# an OCR speck on a scan is not a text layer.
MIN_WORD_CHARS = 3
_WORD_CHAR = re.compile(r"[^\W_]")
_QUOTED = re.compile(r"""b?(['"]).*?\1""")


@dataclass
class Inspection:
    """What one file is and what could be read from it; ``status`` says whether it is usable."""

    file_name: str  # basename only
    kind: str | None = None  # "pdf" | "image" | "docx" | None
    mime: str | None = None
    status: str = OK  # "ok" | "rejected" | "needs_password"
    error: str | None = None  # one clear sentence when not ok
    pages: int | None = None
    has_text_layer: bool = False
    page_texts: list[str] = field(default_factory=list, repr=False)
    warnings: list[str] = field(default_factory=list)
    encrypted: bool = False
    working_copy: bytes | None = field(default=None, repr=False)
    needs_conversion: bool = False
    image_orientation: int | None = None
    # Extras beyond the brief, cheap to fill and useful to the bundle builder:
    pixel_size: tuple[int, int] | None = None  # images: width, height of the first frame
    image_only_pages: list[int] = field(default_factory=list)  # PDFs: 1-based scanned pages
    active_content: list[str] = field(default_factory=list)  # e.g. ["javascript", "launch"]
    # Per page, aligned with page_texts once OCR has run (see ``ocr_document``): where the text
    # came from ("text" layer, "ocr", or "" when none), OCR's mean word confidence (0..1), and
    # the clockwise turn and skew (degrees) that show the page upright and straight.
    page_origins: list[str] = field(default_factory=list)
    page_confidence: list[float | None] = field(default_factory=list)
    page_turns: list[int] = field(default_factory=list)
    page_skew: list[float] = field(default_factory=list)
    ocr_engine: str | None = None  # e.g. "tesseract 5.3.0" when any page was recognized
    text_engine: str | None = None  # "pdfium" or "pypdf" for PDFs

    @property
    def ocr_pages(self) -> list[int]:
        """1-based pages whose text was recognized by OCR."""
        return [i for i, origin in enumerate(self.page_origins, start=1) if origin == "ocr"]

    @property
    def has_text(self) -> bool:
        """Text to classify and check, from a text layer or from OCR."""
        return self.has_text_layer or any(has_meaningful_text(t) for t in self.page_texts)

    @property
    def text(self) -> str:
        """All extracted text, pages separated by a blank line."""
        return "\n\n".join(t for t in self.page_texts if t)

    @property
    def ok(self) -> bool:
        return self.status == OK

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def reject(self, error: str, status: str = REJECTED) -> Inspection:
        """Mark as unusable; drops anything read so far so a half-read file is never used."""
        self.status = status
        self.error = error
        self.page_texts = []
        self.has_text_layer = False
        self.working_copy = None
        return self

    def to_wire(self) -> tuple[dict[str, Any], bytes]:
        """JSON-safe header and the working copy as a separate payload (no base64 bloat)."""
        header = asdict(self)
        payload = header.pop("working_copy") or b""
        header["has_working_copy"] = self.working_copy is not None
        return header, payload

    @classmethod
    def from_wire(cls, header: dict[str, Any], payload: bytes) -> Inspection:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in header.items() if k in known and k != "working_copy"}
        if values.get("pixel_size") is not None:
            values["pixel_size"] = tuple(values["pixel_size"])
        inspection = cls(**values)
        inspection.working_copy = payload if header.get("has_working_copy") else None
        return inspection


class Cancelled(Exception):
    """Raised between pages when the caller's cancel hook says stop."""


def check_cancel(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled


def has_meaningful_text(text: str) -> bool:
    """True when ``text`` holds real words, not just whitespace, rules or a page number."""
    for count, _ in enumerate(_WORD_CHAR.finditer(text), start=1):
        if count >= MIN_WORD_CHARS:
            return True
    return False


def short_reason(exc: BaseException, limit: int = 120) -> str:
    """A library error as a short phrase, with quoted fragments (possibly file bytes) removed."""
    message = _QUOTED.sub("...", str(exc)) or type(exc).__name__
    message = " ".join(message.split()).rstrip(".")
    if message and message[0].isupper() and not message[:2].isupper():
        message = message[0].lower() + message[1:]
    return message if len(message) <= limit else message[: limit - 3].rstrip() + "..."


def page_list(pages: list[int], limit: int = 8) -> str:
    """'2, 5, 7' or '2, 5, 7, ... (12 pages)' for warnings."""
    shown = ", ".join(str(p) for p in pages[:limit])
    return shown if len(pages) <= limit else f"{shown}, ... ({len(pages)} pages)"


class TextBudget:
    """Caps the total characters kept from a document (the classifier needs no more)."""

    def __init__(self, max_chars: int):
        self.left = max(0, max_chars)
        self.truncated = False

    def take(self, text: str) -> str:
        if len(text) <= self.left:
            self.left -= len(text)
            return text
        self.truncated = True
        kept, self.left = text[: self.left], 0
        return kept

    @property
    def exhausted(self) -> bool:
        return self.left <= 0
