"""Reading an export file safely: format sniffing, hardened XML, streamed JSON.

XML goes through defusedxml with DTDs, entity declarations and external references forbidden
(an XML bomb or an external entity is refused before anything expands, and nothing is ever
fetched). Files are read in chunks with progress and a cancel check between chunks, so a 50 MB
export shows progress and stops at once when asked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from .model import EhrCancelled, EhrImportError

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]

CHUNK = 1 << 20
MAX_BYTES = 300 * 1024 * 1024  # far above any EHR export; a runaway file is refused
MAX_FRAGMENT_BYTES = 5 * 1024 * 1024
V3 = "urn:hl7-org:v3"
_WRAP_OPEN = (
    b'<qalsodyFragment xmlns="urn:hl7-org:v3" xmlns:sdtc="urn:hl7-org:sdtc"'
    b' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
)
_XML_DECL = re.compile(rb"^\s*(?:\xef\xbb\xbf)?<\?xml[^>]*\?>", re.S)


class Reporter:
    """Progress over the bytes of one file, in two phases (read/parse, then interpret)."""

    def __init__(self, total: int, progress: Progress | None, cancelled: Cancelled | None):
        self.total = max(total, 1)
        self._progress = progress
        self._cancelled = cancelled
        self._last = -1

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise EhrCancelled("import cancelled; nothing was written")

    def report(self, fraction: float, message: str) -> None:
        """Checks for cancel every time; reports only when the permille changes (a 50 MB
        bundle has ~10^5 entries, the GUI needs ~10^3 updates)."""
        self.check()
        done = int(min(max(fraction, 0.0), 1.0) * 1000)
        if self._progress is not None and done != self._last:
            self._last = done
            self._progress(done, 1000, message)


def file_size(path: Path) -> int:
    try:
        if not path.is_file():
            raise EhrImportError(f"{path.name}: not a file")
        size = path.stat().st_size
    except OSError as exc:
        raise EhrImportError(f"{path.name}: cannot read: {exc.strerror or exc}") from exc
    if size == 0:
        raise EhrImportError(f"{path.name}: the file is empty")
    if size > MAX_BYTES:
        raise EhrImportError(f"{path.name}: {size // (1 << 20)} MB is over the 300 MB limit")
    return size


def sniff(path: Path) -> str:
    """'xml' or 'json' from the first bytes; anything else is refused with the reason."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise EhrImportError(f"{path.name}: cannot read: {exc.strerror or exc}") from exc
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:64]:
        raise EhrImportError(f"{path.name}: UTF-16 or binary content; export as UTF-8 XML or JSON")
    if text.startswith(b"<"):
        return "xml"
    if text.startswith((b"{", b"[")):
        return "json"
    if text.startswith(b"%PDF"):
        raise EhrImportError(f"{path.name}: a PDF, not an EHR export; attach it as evidence")
    raise EhrImportError(f"{path.name}: neither XML (C-CDA) nor JSON (FHIR)")


def _chunks(path: Path, rep: Reporter, share: float, message: str) -> Iterator[bytes]:
    done = 0
    with path.open("rb") as fh:
        while True:
            rep.check()
            chunk = fh.read(CHUNK)
            if not chunk:
                return
            done += len(chunk)
            rep.report(share * done / rep.total, message)
            yield chunk


# --- XML -----------------------------------------------------------------------------------


def _parser() -> DefusedXMLParser:
    return DefusedXMLParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)


def _xml_error(name: str, exc: Exception) -> EhrImportError:
    if isinstance(exc, DefusedXmlException):
        what = type(exc).__name__.replace("Forbidden", "")
        return EhrImportError(
            f"{name}: refused: the XML declares a {what.lower() or 'construct'} "
            "(DTDs, entities and external references are not allowed in an import)"
        )
    return EhrImportError(f"{name}: not well-formed XML ({exc})")


def parse_xml(path: Path, rep: Reporter, share: float = 0.6) -> Element:
    """The document's root, tags and attributes without namespaces (``sdtc:`` kept as a
    prefix). A section or entry example without namespace declarations is wrapped first."""
    parser = _parser()
    try:
        for chunk in _chunks(path, rep, share, "Reading XML"):
            parser.feed(chunk)
        root = parser.close()
    except DefusedXmlException as exc:
        raise _xml_error(path.name, exc) from exc
    except ParseError as exc:
        if "unbound prefix" not in str(exc) or rep.total > MAX_FRAGMENT_BYTES:
            raise _xml_error(path.name, exc) from exc
        root = _parse_wrapped(path)
    _strip_namespaces(root)
    return root


def _parse_wrapped(path: Path) -> Element:
    """Examples cut from a document use ``xsi:``/``sdtc:`` without declaring them."""
    data = _XML_DECL.sub(b"", path.read_bytes(), count=1)
    parser = _parser()
    try:
        parser.feed(_WRAP_OPEN)
        parser.feed(data)
        parser.feed(b"</qalsodyFragment>")
        wrapper = parser.close()
    except (DefusedXmlException, ParseError) as exc:
        raise _xml_error(path.name, exc) from exc
    children = list(wrapper)
    return children[0] if len(children) == 1 else wrapper


def _local(name: str) -> str:
    if name.startswith("{"):
        ns, _, local = name[1:].partition("}")
        return f"sdtc:{local}" if ns == "urn:hl7-org:sdtc" else local
    return name


def _strip_namespaces(root: Element) -> None:
    for el in root.iter():
        if isinstance(el.tag, str):
            el.tag = _local(el.tag)
        if el.attrib and any(k.startswith("{") for k in el.attrib):
            el.attrib = {_local(k): v for k, v in el.attrib.items()}


# --- JSON ----------------------------------------------------------------------------------

_WS = re.compile(r"\s*")


def read_text(path: Path, rep: Reporter, share: float = 0.4) -> str:
    chunks = list(_chunks(path, rep, share, "Reading JSON"))
    try:
        return b"".join(chunks).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EhrImportError(f"{path.name}: not UTF-8 text ({exc.reason})") from exc


def iter_json_resources(
    text: str, name: str, rep: Reporter, start: float = 0.4
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(container, resource)`` one at a time without building the whole bundle:
    the top-level object is walked key by key and ``entry`` element by element. NDJSON
    (one resource per line) is the same walk over successive top-level values.

    ``container`` is the Bundle type ("collection", "transaction"...), "ndjson" or "resource".
    """
    dec = json.JSONDecoder()
    pos, n = _skip(text, 0), len(text)
    mid = start + (1 - start) / 3  # the entries are first skipped over, then decoded
    values = 0
    while pos < n:
        if text[pos] != "{":
            raise EhrImportError(f"{name}: not FHIR JSON (expected an object at character {pos})")
        values += 1
        head, pos, entries = _walk_object(text, pos, dec, name, rep, start)
        more = _skip(text, pos) < n
        if head.get("resourceType") == "Bundle" and values == 1 and not more:
            container = str(head.get("type") or "bundle")
        else:
            container = "ndjson" if (values > 1 or more) else "resource"
        if head.get("resourceType") == "Bundle":
            for epos, entry in entries:
                rep.report(mid + (1 - mid) * epos / max(n, 1), "Reading resources")
                res = entry.get("resource") if isinstance(entry, dict) else None
                if isinstance(res, dict):
                    yield container, res
                else:
                    yield container, {"resourceType": None}  # counted as "not a resource"
            yield container, {k: v for k, v in head.items() if k != "entry"}
        else:
            rep.report(start + (1 - start) * pos / max(n, 1), "Reading resources")
            yield container, head
        pos = _skip(text, pos)


def _skip(text: str, pos: int) -> int:
    m = _WS.match(text, pos)
    return m.end() if m else pos


def _walk_object(
    text: str, pos: int, dec: json.JSONDecoder, name: str, rep: Reporter, start: float
) -> tuple[dict[str, Any], int, Iterator[tuple[int, Any]]]:
    """Decode one top-level object key by key; a Bundle's ``entry`` array is only skipped
    here and decoded element by element later, so the bundle is never in memory as a whole."""
    head: dict[str, Any] = {}
    entry_spans: list[int] = []
    i = _skip(text, pos + 1)
    try:
        while True:
            if text[i] == "}":
                i += 1
                break
            key, i = dec.raw_decode(text, i)
            i = _skip(text, i)
            if text[i] != ":":
                raise EhrImportError(f"{name}: not valid JSON (expected ':' at character {i})")
            i = _skip(text, i + 1)
            if key == "entry" and text[i] == "[":
                entry_spans.append(i)
                i = _skip_array(text, i, dec, rep, start)
            else:
                head[key], i = dec.raw_decode(text, i)
            i = _skip(text, i)
            if text[i] == ",":
                i = _skip(text, i + 1)
    except (json.JSONDecodeError, IndexError) as exc:
        where = getattr(exc, "pos", i)
        raise EhrImportError(f"{name}: not valid JSON (broken at character {where})") from exc
    return head, i, _entries(text, entry_spans, dec, name)


def _skip_array(text: str, i: int, dec: json.JSONDecoder, rep: Reporter, start: float) -> int:
    """Past a JSON array without keeping its values (they are decoded again lazily)."""
    n, share = max(len(text), 1), (1 - start) / 3
    i = _skip(text, i + 1)
    if text[i] == "]":
        return i + 1
    while True:
        rep.report(start + share * i / n, "Checking the bundle")
        _value, i = dec.raw_decode(text, i)  # C-speed; the value is dropped at once
        i = _skip(text, i)
        if text[i] == "]":
            return i + 1
        if text[i] != ",":
            raise json.JSONDecodeError("expected ',' or ']'", text, i)
        i = _skip(text, i + 1)


def _entries(
    text: str, spans: list[int], dec: json.JSONDecoder, name: str
) -> Iterator[tuple[int, Any]]:
    for start in spans:
        i = _skip(text, start + 1)
        if text[i] == "]":
            continue
        while True:
            value, i = dec.raw_decode(text, i)
            yield i, value
            i = _skip(text, i)
            if text[i] == "]":
                break
            i = _skip(text, i + 1)
