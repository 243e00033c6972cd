"""Flate streams as stored in a PDF: does one decode, and what can be recovered if not.

Shared by intake (which warns about damaged page content) and the bundle (which repairs it or
draws the page as an image, see ``bundle.damaged``). Decoding is streamed in bounded chunks, so
a decompression bomb costs time but no memory.
"""

from __future__ import annotations

import zlib

from pypdf import PdfReader
from pypdf.generic import ArrayObject, NameObject, StreamObject

CHUNK = 1 << 20
MAX_INFLATE = 512 * CHUNK  # never more than this is decoded from one stream


def is_flate(stream: StreamObject) -> bool:
    """True when the stream's only filter is FlateDecode (what is checked and repaired here)."""
    value = stream.get("/Filter")
    if isinstance(value, ArrayObject):
        names = [str(v) for v in value]
        return names == ["/FlateDecode"]
    return isinstance(value, NameObject) and str(value) == "/FlateDecode"


def _inflate(data: bytes, wbits: int, keep: bool) -> tuple[bytes, bool]:
    """(output if ``keep``, True when no error was met). A stream that simply stops without
    its end marker is accepted, as by every viewer and by qpdf."""
    decoder = zlib.decompressobj(wbits)
    out = bytearray()
    produced = 0
    pending = data
    try:
        while pending:
            chunk = decoder.decompress(pending, CHUNK)
            produced += len(chunk)
            if keep:
                out += chunk
            if produced > MAX_INFLATE:
                return bytes(out), True  # too big to check whole; not damage we can see
            pending = decoder.unconsumed_tail
            if decoder.eof:
                break
        tail = decoder.flush()
        if keep:
            out += tail
    except zlib.error:
        return bytes(out), False
    return bytes(out), True


def flate_ok(data: bytes) -> bool:
    """True when ``data`` inflates cleanly (zlib header, deflate data and checksum)."""
    return _inflate(data, zlib.MAX_WBITS, keep=False)[1]


def repair_flate(data: bytes) -> bytes | None:
    """The inflated content of damaged zlib ``data`` when all of it can be recovered: a bad
    header or checksum is skipped by inflating the raw deflate data. None when data is lost."""
    for start in (2, 0):  # after the 2-byte header, or a raw deflate stream without one
        out, complete = _inflate(data[start:], -zlib.MAX_WBITS, keep=True)
        if complete and out:
            return out
    return None


def salvage_flate(data: bytes) -> bytes:
    """Whatever inflates before the damage (for resources, where a partial object beats none)."""
    best = _inflate(data, zlib.MAX_WBITS, keep=True)[0]
    for start in (2, 0):
        out = _inflate(data[start:], -zlib.MAX_WBITS, keep=True)[0]
        if len(out) > len(best):
            best = out
    return best


def damaged_pages(reader: PdfReader, limit: int = 5000) -> tuple[list[int], list[int]]:
    """(pages whose content stream is damaged but repairable, pages damaged beyond repair),
    1-based, among the first ``limit`` pages: what intake warns about."""
    repairable: list[int] = []
    lost: list[int] = []
    for index in range(min(limit, len(reader.pages))):
        try:
            contents = reader.pages[index].get("/Contents")
            contents = contents.get_object() if contents is not None else None
            items = list(contents) if isinstance(contents, ArrayObject) else [contents]
            streams = [s.get_object() for s in items if s is not None]
        except Exception:  # unreadable pages are reported by the text reader
            continue
        bad = [
            s
            for s in streams
            if isinstance(s, StreamObject) and is_flate(s) and not flate_ok(_raw(s))
        ]
        if bad:
            fixed = all(repair_flate(_raw(s)) is not None for s in bad)
            (repairable if fixed else lost).append(index + 1)
    return repairable, lost


def _raw(stream: StreamObject) -> bytes:
    data = getattr(stream, "_data", b"")
    return data if isinstance(data, bytes) else bytes(data)
