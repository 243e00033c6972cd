"""What both renderers share about writing files: atomic replace and reproducible dates."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from ..storage.blobs import atomic_write


def write_output(out: Path, data: bytes) -> None:
    """All or nothing (temp file, fsync, os.replace): a crash never leaves half a letter.

    Owner-only permissions, since a letter is patient data.
    """
    atomic_write(Path(out), data, mode=0o600)


def source_date() -> datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC datetime, so the same input renders to the same bytes."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        return datetime.fromtimestamp(int(raw), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return None


def document_date() -> datetime:
    """The timestamp to stamp into file properties: the reproducible one if set, else now."""
    return source_date() or datetime.now(tz=UTC).replace(microsecond=0)


def normalize_zip(data: bytes, when: datetime) -> bytes:
    """Re-pack a DOCX (a zip) with every entry stamped ``when``: same input, same bytes.

    python-docx stamps entries with the wall clock, which would make every render differ.
    """
    stamp = max(when, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
