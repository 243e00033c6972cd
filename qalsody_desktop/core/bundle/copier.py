"""Copy what a page draws out of a source PDF into the bundle, leaving anything active behind.

Only objects reachable from a page's content (its resources: fonts, images, patterns, nested
forms) are copied; the catalog, names tree, form fields, outlines and annotations never are.
On top of that every copied dictionary is filtered: keys that hold scripts, actions, attached
files, XFA, multimedia or metadata are dropped, and objects that *are* actions, file
specifications or embedded files become ``null``. The walk is iterative with a budget, so a
hostile file cannot recurse the interpreter to death or copy without end.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable
from io import BytesIO
from typing import Any

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    StreamObject,
)

from ..pdfstreams import flate_ok, is_flate, repair_flate, salvage_flate
from .damaged import PART_LOST, REPAIRED, DamagedPage
from .pdfsink import PdfSink

log = logging.getLogger(__name__)

# Keys never copied, wherever they appear: actions, scripts, files, forms, multimedia,
# metadata, and links back into the source document's structure.
DROP_KEYS = frozenset(
    {
        "/A",
        "/AA",
        "/JS",
        "/JavaScript",
        "/OpenAction",
        "/Launch",
        "/URI",
        "/EmbeddedFiles",
        "/EmbeddedFile",
        "/EF",
        "/RF",
        "/FS",
        "/XFA",
        "/AcroForm",
        "/RichMedia",
        "/RichMediaContent",
        "/RichMediaSettings",
        "/Metadata",
        "/PieceInfo",
        "/Parent",
        "/Annots",
        "/Names",
        "/Dests",
        "/Outlines",
        "/Thumb",
        "/StructParent",
        "/StructParents",
        "/Threads",
    }
)
# Dictionaries of these /Type values are never copied (the value becomes null).
DROP_TYPES = frozenset(
    {
        "/Action",
        "/Filespec",
        "/EmbeddedFile",
        "/Catalog",
        "/Pages",
        "/Page",
        "/Annot",
        "/Outlines",
        "/Metadata",
        "/Sig",
        "/XRef",
        "/ObjStm",
    }
)
# Action subtypes (/S); none of these names is used by any non-action dictionary.
DROP_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/ResetForm",
        "/GoTo",
        "/GoToR",
        "/GoToE",
        "/GoTo3DView",
        "/URI",
        "/Rendition",
        "/RichMediaExecute",
        "/Movie",
        "/Sound",
        "/Hide",
        "/Named",
        "/SetOCGState",
        "/Thread",
        "/Trans",
    }
)
MAX_DEPTH = 64
MAX_OBJECTS = 500_000

# An image rewrite: the new data and the dictionary entries that change with it.
ImageRewrite = tuple[bytes, dict[str, bytes]]
# (image stream, its (object number, generation) in the source) -> rewrite or None
ImageHook = Callable[[StreamObject, tuple[int, int]], ImageRewrite | None]
REWRITTEN_KEYS = ("/Length", "/Filter", "/DecodeParms")


class CopyLimitError(Exception):
    """The document asked for more objects than any sane page needs."""


def raw_data(stream: StreamObject) -> bytes:
    """The stream's bytes as stored (still encoded): copied without decoding."""
    data = getattr(stream, "_data", b"")
    return data if isinstance(data, bytes) else bytes(data)


def resolve(obj: Any) -> Any:
    if isinstance(obj, IndirectObject):
        try:
            return obj.get_object()
        except Exception:  # a dangling or unreadable reference reads as null
            return NullObject()
    return obj


def _name_of(obj: DictionaryObject, key: str) -> str | None:
    value = resolve(dict.get(obj, key))
    return str(value) if isinstance(value, NameObject) else None


def is_dropped(obj: DictionaryObject) -> bool:
    """True for a dictionary that is itself an action, a file, metadata or document structure."""
    kind = _name_of(obj, "/Type")
    if kind in DROP_TYPES:
        return True
    if _name_of(obj, "/S") in DROP_ACTIONS:
        return True
    return isinstance(obj, StreamObject) and _name_of(obj, "/Subtype") == "/XML"


class Copier:
    """Copies objects of one source document into one sink, each object once.

    ``image_hook`` may replace an image XObject's data (recompression): it returns the new
    data and the entries that change (e.g. /Filter, /Width), or None to keep the image.
    """

    def __init__(
        self,
        reader: PdfReader,
        sink: PdfSink,
        image_hook: ImageHook | None = None,
        warnings: list[str] | None = None,
    ):
        self.reader = reader
        self.warnings = warnings if warnings is not None else []
        self.sink = sink
        self.image_hook = image_hook
        self.memo: dict[tuple[int, int], int] = {}
        self.pending: list[tuple[int, IndirectObject]] = []
        self.forms: set[int] = set()
        self.copied = 0

    # -- references ----------------------------------------------------------------------

    def ref(self, ind: IndirectObject) -> int:
        """The bundle's object number for a source reference (copied at the next flush)."""
        key = (ind.idnum, ind.generation)
        number = self.memo.get(key)
        if number is None:
            number = self.sink.reserve()
            self.memo[key] = number
            self.pending.append((number, ind))
        return number

    def form_ref(self, ind: IndirectObject) -> int:
        """Like :meth:`ref`, for a stream used as a form XObject (an annotation appearance,
        which need not say /Subtype /Form but must when drawn with ``Do``)."""
        number = self.ref(ind)
        self.forms.add(number)
        return number

    def flush(self) -> None:
        """Write every object referenced so far (and what those refer to)."""
        while self.pending:
            number, ind = self.pending.pop()
            self.copied += 1
            if self.copied > MAX_OBJECTS:
                raise CopyLimitError(f"more than {MAX_OBJECTS:,} objects on the selected pages")
            obj = resolve(ind)
            if isinstance(obj, StreamObject):
                self._write_stream(number, obj, (ind.idnum, ind.generation))
                # written once (memo): let the reader forget its bytes, so an image-heavy
                # document never sits in memory whole (pypdf re-reads it if asked again)
                cache = getattr(self.reader, "resolved_objects", None)
                if isinstance(cache, dict):
                    cache.pop((ind.generation, ind.idnum), None)
            elif isinstance(obj, DictionaryObject) and is_dropped(obj):
                self.sink.write_object(number, b"null")
            else:
                self.sink.write_object(number, self.serialize(obj))

    def _write_stream(self, number: int, obj: StreamObject, source: tuple[int, int]) -> None:
        if is_dropped(obj):
            self.sink.write_object(number, b"null")
            return
        if self.image_hook is not None and _name_of(obj, "/Subtype") == "/Image":
            rewrite = self.image_hook(obj, source)
            if rewrite is not None:
                data, changed = rewrite
                entries = self.entries(obj, skip=(*REWRITTEN_KEYS, *changed))
                entries += b"".join(b" %s %s" % (k.encode(), v) for k, v in changed.items())
                self.sink.write_stream(number, entries, data)
                return
        entries = self.entries(obj, skip=("/Length",))
        if number in self.forms and "/Subtype" not in obj:
            entries += b" /Subtype /Form"
        data = raw_data(obj)
        if is_flate(obj) and not flate_ok(data):  # re-deflated: filter and parameters stay
            repaired = repair_flate(data)
            self._warn(REPAIRED if repaired is not None else PART_LOST)
            data = zlib.compress(repaired if repaired is not None else salvage_flate(data), 6)
        compress = "/Filter" not in obj
        self.sink.write_stream(number, entries, data, compress=compress)

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    # -- serialisation -------------------------------------------------------------------

    def entries(self, obj: DictionaryObject, skip: tuple[str, ...] = ()) -> bytes:
        """A dictionary's body (between << and >>), filtered, references renumbered."""
        out = bytearray()
        for key, value in dict.items(obj):
            if key in DROP_KEYS or key in skip:
                continue
            out += b" "
            out += NameObject(key).renumber()
            out += b" "
            self._value(value, out, 0)
        return bytes(out)

    def serialize(self, obj: Any) -> bytes:
        out = bytearray()
        self._value(obj, out, 0)
        return bytes(out)

    def _value(self, obj: Any, out: bytearray, depth: int) -> None:
        if depth > MAX_DEPTH:
            out += b"null"
        elif isinstance(obj, IndirectObject):
            out += b"%d 0 R" % self.ref(obj)
        elif isinstance(obj, StreamObject):  # a direct stream is invalid PDF: drop it
            out += b"null"
        elif isinstance(obj, DictionaryObject):
            if is_dropped(obj):
                out += b"null"
                return
            out += b"<<"
            for key, value in dict.items(obj):
                if key in DROP_KEYS:
                    continue
                out += b" "
                out += NameObject(key).renumber()
                out += b" "
                self._value(value, out, depth + 1)
            out += b" >>"
        elif isinstance(obj, ArrayObject):
            out += b"["
            for i, item in enumerate(list.__iter__(obj)):
                if i:
                    out += b" "
                self._value(item, out, depth + 1)
            out += b"]"
        elif isinstance(obj, NameObject):
            out += obj.renumber()
        elif isinstance(obj, BooleanObject):
            out += b"true" if obj.value else b"false"
        elif isinstance(obj, FloatObject):
            out += obj.myrepr().encode()
        elif isinstance(obj, NumberObject):
            out += b"%d" % int(obj)
        elif obj is None or isinstance(obj, NullObject):
            out += b"null"
        else:
            buffer = BytesIO()
            try:
                obj.write_to_stream(buffer)
            except Exception:  # an object pypdf cannot write back: leave it out
                out += b"null"
                return
            out += buffer.getvalue()

    # -- page contents -------------------------------------------------------------------

    def content_stream(self, page: DictionaryObject, warnings: list[str]) -> tuple[bytes, bytes]:
        """(filter entries, data) of the page's drawing operators, as one stream.

        A single content stream is reused as stored; several are decoded and joined. A damaged
        Flate stream is repaired when all of it can be recovered; otherwise ``DamagedPage`` is
        raised (the caller draws the page as an image instead of losing or garbling it).
        """
        contents = resolve(dict.get(page, "/Contents"))
        if isinstance(contents, StreamObject) and is_flate(contents):
            data = raw_data(contents)
            if not flate_ok(data):
                repaired = repair_flate(data)
                if repaired is None:
                    raise DamagedPage("the page's content cannot be decoded")
                if REPAIRED not in warnings:
                    warnings.append(REPAIRED)
                entries = b" /Filter /FlateDecode"
                if "/DecodeParms" in contents:
                    entries += b" /DecodeParms "
                    entries += self.serialize(dict.__getitem__(contents, "/DecodeParms"))
                return entries, zlib.compress(repaired, 6)
        if isinstance(contents, StreamObject):
            entries = b""
            for key in ("/Filter", "/DecodeParms"):
                if key in contents:
                    entries += b" " + key.encode() + b" "
                    entries += self.serialize(dict.__getitem__(contents, key))
            return entries, raw_data(contents)
        parts: list[bytes] = []
        if isinstance(contents, ArrayObject):
            for item in list.__iter__(contents):
                stream = resolve(item)
                if not isinstance(stream, StreamObject):
                    continue
                if is_flate(stream) and not flate_ok(raw_data(stream)):
                    repaired = repair_flate(raw_data(stream))
                    if repaired is None or "/DecodeParms" in stream:
                        raise DamagedPage("a part of the page's content cannot be decoded")
                    if REPAIRED not in warnings:
                        warnings.append(REPAIRED)
                    parts.append(repaired)
                    continue
                try:
                    parts.append(stream.get_data())
                except Exception:
                    raise DamagedPage("a part of the page's content cannot be decoded") from None
        data = b"\n".join(parts)
        if len(data) < 256:
            return b"", data
        return b" /Filter /FlateDecode", zlib.compress(data, 6)
