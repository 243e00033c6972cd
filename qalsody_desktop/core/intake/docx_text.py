"""Read the text of a DOCX (body, tables at any depth, content controls, headers, footers, notes).

Letters of medical necessity and clinic notes arrive as Word files. The text feeds the
classifier; the bundle needs a PDF, which ``bundle.convert`` makes (LibreOffice, or the app's
own renderer), so a DOCX is always reported as ``needs_conversion``. The ZIP is checked before
python-docx unpacks it, because python-docx reads every part into memory and a small file can
unpack to gigabytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from .common import (
    CancelCheck,
    Cancelled,
    Inspection,
    TextBudget,
    check_cancel,
    has_meaningful_text,
)
from .common import short_reason as _short

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_XML_PART_BYTES = 64 * 1024 * 1024
MAX_TABLE_DEPTH = 32
CONVERSION_WARNING = "DOCX: converted to PDF for the submission bundle when it is built"
NO_TEXT_WARNING = "DOCX: no text found in the document"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P, _TBL, _TR, _TC = f"{{{_W}}}p", f"{{{_W}}}tbl", f"{{{_W}}}tr", f"{{{_W}}}tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{{{_W}}}sdt", f"{{{_W}}}sdtContent", f"{{{_W}}}customXml"
_NOTES = {f"{{{_W}}}footnote", f"{{{_W}}}endnote"}
_T, _TAB, _BR, _CR = f"{{{_W}}}t", f"{{{_W}}}tab", f"{{{_W}}}br", f"{{{_W}}}cr"
_RUN_PIECES = etree.XPath(
    "(.//w:r/w:t | .//w:r/w:tab | .//w:r/w:br | .//w:r/w:cr)[not(ancestor::mc:Fallback)]",
    namespaces={"w": _W, "mc": _MC},
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_HEADER_FOOTER = (_REL + "header", _REL + "footer")
_NOTES_RELS = (_REL + "footnotes", _REL + "endnotes")


class _Refused(Exception):
    pass


def inspect_docx(
    data: bytes,
    *,
    max_text_chars: int = 200_000,
    cancel: CancelCheck | None = None,
) -> Inspection:
    """Inspect DOCX bytes; a corrupt package is refused with a reason, never raised."""
    result = Inspection(file_name="", kind="docx", mime=MIME, needs_conversion=True)
    try:
        names = _check_package(data)
        text = _read_text(result, data, names, max_text_chars, cancel)
    except _Refused as refused:
        return result.reject(str(refused))
    except MemoryError:
        return result.reject("DOCX is too large to read (out of memory)")
    except Cancelled:
        raise
    except Exception as exc:  # python-docx/lxml/zipfile raise many types on damaged packages
        return result.reject(f"corrupt DOCX: {_short(exc)}")
    result.page_texts = [text] if text else []
    result.has_text_layer = has_meaningful_text(text)
    result.warn(CONVERSION_WARNING)
    if not result.has_text_layer:
        result.warn(NO_TEXT_WARNING)
    return result


def _check_package(data: bytes) -> set[str]:
    """Refuse ZIP bombs and member floods before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _Refused(f"corrupt DOCX: the ZIP container is damaged ({_short(exc)})") from None
    if len(infos) > MAX_MEMBERS:
        raise _Refused(f"DOCX has too many parts ({len(infos):,})")
    unpacked = sum(max(info.file_size, 0) for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        mb = unpacked // (1024 * 1024)
        raise _Refused(f"DOCX unpacks to too much data ({mb:,} MB; possibly a ZIP bomb)")
    if "word/document.xml" not in {info.filename for info in infos}:
        raise _Refused("corrupt DOCX: the main document part (word/document.xml) is missing")
    return {info.filename for info in infos}


def _read_text(
    result: Inspection,
    data: bytes,
    names: set[str],
    max_text_chars: int,
    cancel: CancelCheck | None,
) -> str:
    import docx  # imported here: python-docx is only needed for Word files

    document = docx.Document(io.BytesIO(data))
    package = document.part.package
    _note_risky_parts(result, names, package)
    budget = TextBudget(max_text_chars)
    text = ""
    related = sorted(
        (
            (str(rel.reltype), rel.target_part)
            for rel in document.part.rels.values()
            if not rel.is_external
        ),
        key=lambda item: str(item[1].partname),
    )
    # reading order: headers (patient name, date), body, notes, footers
    containers: list[Any] = [_element(p) for t, p in related if t == _HEADER_FOOTER[0]]
    containers.append(document.element.body)
    containers += [_element(p) for t, p in related if t in _NOTES_RELS]
    containers += [_element(p) for t, p in related if t == _HEADER_FOOTER[1]]
    for container in containers:
        check_cancel(cancel)
        if container is None or budget.exhausted:
            continue
        lines = [line for line in _blocks(container, 0) if line.strip()]
        if lines:
            text += budget.take(("\n\n" if text else "") + "\n".join(lines))
    if budget.truncated:
        result.warn(f"text cut off at {max_text_chars:,} characters")
    return text.strip()


def _element(part: Any) -> Any:
    """The XML root of a header, footer or notes part (python-docx parses only some of them)."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    blob = getattr(part, "blob", b"") or b""
    if len(blob) > MAX_XML_PART_BYTES:
        raise _Refused("DOCX has an oversized notes part")
    from docx.oxml.parser import parse_xml  # python-docx's parser: no entity expansion

    try:
        return parse_xml(blob)
    except Exception:  # damaged footnotes do not spoil the body text
        return None


def _blocks(container: Any, depth: int) -> Iterator[str]:
    """Paragraph and table-row lines of a block container, in document order."""
    for child in container:
        tag = child.tag
        if tag == _P:
            yield _paragraph_text(child)
        elif tag == _TBL and depth < MAX_TABLE_DEPTH:
            yield from _table_rows(child, depth + 1)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content, depth)
        elif tag in _NOTES or tag == _CUSTOM_XML:
            yield from _blocks(child, depth)


def _table_rows(table: Any, depth: int) -> Iterator[str]:
    """One line per row, cells separated by tabs; a nested table stays inside its cell."""
    for row in _rows(table):
        cells = []
        for cell in row.iterchildren(_TC):
            parts = [line.strip() for line in _blocks(cell, depth) if line.strip()]
            cells.append(" ".join(parts))
        if any(cells):
            yield "\t".join(cells)


def _rows(table: Any) -> Iterator[Any]:
    """The table's own rows, also those wrapped in a content control or custom XML."""
    for child in table:
        if child.tag == _TR:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from (row for row in inner if row.tag == _TR)


def _paragraph_text(paragraph: Any) -> str:
    pieces = []
    for node in _RUN_PIECES(paragraph):
        tag = node.tag
        if tag == _T:
            pieces.append(node.text or "")
        elif tag == _TAB:
            pieces.append("\t")
        else:
            pieces.append("\n")
    return "".join(pieces)


def _note_risky_parts(result: Inspection, names: set[str], package: Any) -> None:
    """Macros, embedded objects and links to outside files: things a bundle must not carry."""
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        result.active_content.append("macros")
        result.warn("DOCX contains macros")
    if any(name.startswith("word/embeddings/") for name in names):
        result.active_content.append("embeddedfiles")
        result.warn("DOCX contains embedded objects or files")
    external = [
        rel
        for rel in package.iter_rels()
        if rel.is_external and not str(rel.reltype).endswith("/hyperlink")
    ]
    if external:
        result.active_content.append("external")
        result.warn(
            f"DOCX links to {len(external)} picture(s) or template(s) outside the file; "
            "they are not part of the document"
        )
