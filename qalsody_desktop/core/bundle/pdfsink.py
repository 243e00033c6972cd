"""A PDF writer that streams objects to the file as they are made.

pypdf's writer keeps every object (and every image) in memory until the end; a bundle of a few
hundred scanned pages would then hold all of them at once. Here each object goes to disk as soon
as it is complete and only its offset is kept, so memory stays near the largest single input.
The file ID is a digest of the bytes written, so identical inputs give identical files.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from typing import BinaryIO

from ..synthetic.pdfwriter import pdf_string

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
COMPRESS_MIN = 256  # shorter streams are not worth a Flate header


def num(value: float) -> bytes:
    """A PDF number: integers plain, others with up to 4 decimals and no trailing zeros."""
    if value == int(value) and abs(value) < 1e15:
        return b"%d" % int(value)
    text = (b"%.4f" % value).rstrip(b"0").rstrip(b".")
    return b"0" if text in (b"-0", b"") else text


def matrix(values: tuple[float, float, float, float, float, float]) -> bytes:
    return b" ".join(num(v) for v in values)


_PLAIN = re.compile(r"[ -'*-\[\]-~]*")  # printable ASCII but for ( ) and backslash


def text(value: str) -> bytes:
    """A PDF literal string in WinAnsi (what the standard Helvetica font shows)."""
    if _PLAIN.fullmatch(value):  # the common case, without a per-character loop
        return b"(" + value.encode("ascii") + b")"
    return pdf_string(value)


def text_string(value: str) -> bytes:
    """A PDF *text string* (titles, bookmarks): ASCII as is, anything else as UTF-16."""
    if value.isascii() and value.isprintable():
        escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"


class PdfSink:
    """Writes numbered objects to ``fh`` in order of completion; ``finish`` adds xref and trailer.

    Numbers are handed out by :meth:`reserve` before the object exists, so objects can refer to
    each other in any order (a page to its parent, the parent to its kids).
    """

    def __init__(self, fh: BinaryIO):
        self.fh = fh
        self.offsets: list[int] = [0]  # index 0 is the free-list head
        self.position = 0
        self._digest = hashlib.sha256()
        self._write(HEADER)

    def _write(self, data: bytes) -> None:
        self.fh.write(data)
        self._digest.update(data)
        self.position += len(data)

    def reserve(self) -> int:
        self.offsets.append(-1)
        return len(self.offsets) - 1

    def write_object(self, number: int, body: bytes) -> None:
        if self.offsets[number] != -1:
            raise ValueError(f"object {number} written twice")
        self.offsets[number] = self.position
        self._write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def add(self, body: bytes) -> int:
        number = self.reserve()
        self.write_object(number, body)
        return number

    def write_stream(
        self, number: int, entries: bytes, data: bytes, *, compress: bool = False
    ) -> None:
        """``entries``: the dictionary's body without ``/Length`` (and without ``/Filter`` when
        ``compress`` asks this method to Flate the data)."""
        if compress and len(data) >= COMPRESS_MIN:
            data = zlib.compress(data, 6)
            entries += b" /Filter /FlateDecode"
        if self.offsets[number] != -1:
            raise ValueError(f"object {number} written twice")
        self.offsets[number] = self.position
        self._write(b"%d 0 obj\n<<%s /Length %d>>\nstream\n" % (number, entries, len(data)))
        self._write(data)
        self._write(b"\nendstream\nendobj\n")

    def add_stream(self, entries: bytes, data: bytes, *, compress: bool = False) -> int:
        number = self.reserve()
        self.write_stream(number, entries, data, compress=compress)
        return number

    def finish(self, root: int, info: int | None = None) -> None:
        """Write the cross-reference table and trailer; every reserved number must be written."""
        missing = [n for n, off in enumerate(self.offsets) if off == -1]
        for number in missing:  # a reserved object left unused: make it a harmless null
            self.write_object(number, b"null")
        file_id = self._digest.copy().hexdigest()[:32].encode()
        xref = self.position
        lines = [b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets)]
        lines.extend(b"%010d 00000 n \n" % off for off in self.offsets[1:])
        info_ref = b" /Info %d 0 R" % info if info is not None else b""
        lines.append(
            b"trailer\n<< /Size %d /Root %d 0 R%s /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(self.offsets), root, info_ref, file_id, file_id, xref)
        )
        self._write(b"".join(lines))

    @property
    def sha256(self) -> str:
        """SHA-256 of everything written so far (after ``finish``: of the whole file)."""
        return self._digest.hexdigest()
