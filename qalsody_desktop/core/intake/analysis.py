"""The stored form of one file's analysis, and the version that keys it.

``Attacher`` keeps what intake read from a file (text per page, OCR text with its confidence,
the turn and skew that show each page upright) under the file's content hash and
``analyser_key()``, so the same bytes are never read or recognized twice. The key changes when
the readers change (bump ANALYSER_VERSION) or the OCR engine does (installing Tesseract makes
files stored as "scanned, not read" read afresh the next time they are attached).
"""

from __future__ import annotations

import functools
from typing import Any

from .common import Inspection

ANALYSER_VERSION = "intake-2"  # 2: PDFium text, every page, OCR of scanned pages


@functools.lru_cache(maxsize=1)
def analyser_key() -> str:
    from .ocr import engine_version

    return f"{ANALYSER_VERSION}/{engine_version() or 'no-ocr'}"


def to_record(inspection: Inspection, working_sha256: str | None) -> dict[str, Any]:
    """JSON-safe record of an ``ok`` inspection; the working copy is referenced by hash."""
    header, _ = inspection.to_wire()
    header["working_sha256"] = working_sha256
    return header


def from_record(record: dict[str, Any], working_copy: bytes | None) -> Inspection:
    header = dict(record)
    header.pop("working_sha256", None)
    header["has_working_copy"] = working_copy is not None
    return Inspection.from_wire(header, working_copy or b"")
