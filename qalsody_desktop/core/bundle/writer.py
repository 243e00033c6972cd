"""Write one bundle file (a whole bundle or one part of a split one), page by page.

Each source page is wrapped as a form XObject (its content stream reused as stored, its
resources copied through the sanitizing ``Copier``) and drawn, turned and shrunk, above the
stamp band of a fresh Letter page; its visible annotations are flattened into it. Nothing of
the source document's catalog, forms, outlines or metadata is ever reached.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from .copier import Copier, CopyLimitError, resolve
from .damaged import DAMAGED_PAGE, DamagedPage, draw_as_image
from .flatten import flatten_annotations
from .geometry import Box, normal_rotation, place, visible_box
from .images import PictureFrame, draw_picture, picture_frames, placement_size
from .model import BundleCancelled, Cancelled, DocSpec, DocumentError, PageRef, Part, Section
from .pdfsink import PdfSink, matrix, num, text_string
from .recompress import ImageCache
from .sources import open_pdf
from .stamp import Stamper, StampInfo
from .textengine import Imported

PICTURE_MARGIN = 18.0
FONTS = (b"Helvetica", b"Helvetica-Bold")


class DocumentFailed(Exception):
    """A document failed while being written; the build starts over without it."""

    def __init__(self, doc: DocSpec, reason: str):
        super().__init__(reason)
        self.doc = doc
        self.reason = reason


@dataclass
class WriteOptions:
    stamp: StampInfo
    cover: Callable[[Part], bytes]
    contents: list[bytes]
    crosswalk: list[bytes]
    sections: list[Section]
    title: str
    created: datetime
    producer: str
    small_images: ImageCache | None = None  # recompress images (reusing earlier results)
    cancelled: Cancelled | None = None
    on_page: Callable[[str], None] | None = None


@dataclass
class PartStats:
    size: int = 0
    sha256: str = ""
    page_costs: list[int] = field(default_factory=list)


class _Open:
    """The document being written: its reader and copier, or its picture frames."""

    def __init__(self, doc: DocSpec, part: Part, sink: PdfSink, small: ImageCache | None):
        self.doc = doc
        self.reader: PdfReader | None = None
        self.fh: BinaryIO | None = None
        self.copier: Copier | None = None
        self.frames: Generator[PictureFrame, None, None] | None = None
        assert doc.path is not None
        if doc.kind == "pdf":
            self.reader, self.fh = doc.take_opened() or open_pdf(doc.path)
            hook = None
            if small is not None:
                pages = [r.index for r in part.pages if r.doc is doc]
                try:
                    small.prefetch(doc.key, _page_images(self.reader, pages))
                except Exception:
                    self.close()
                    raise
                hook = small.hook(doc.key)
            self.copier = Copier(self.reader, sink, image_hook=hook, warnings=doc.warnings)
        else:
            wanted = [r.index for r in part.pages if r.doc is doc]
            self.frames = picture_frames(doc.path, wanted, small=small is not None)

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
        if self.frames is not None:
            self.frames.close()


def _page_images(reader: PdfReader, pages: list[int]) -> Iterator[tuple[tuple[int, int], Any]]:
    """The image XObjects drawn directly by these pages (to recompress them ahead)."""
    for number in pages:
        resources = resolve(dict.get(reader.pages[number - 1], "/Resources"))
        xobjects = (
            resolve(dict.get(resources, "/XObject"))
            if isinstance(resources, DictionaryObject)
            else None
        )
        if not isinstance(xobjects, DictionaryObject):
            continue
        for ref in dict.values(xobjects):
            stream = resolve(ref)
            if (
                isinstance(ref, IndirectObject)
                and isinstance(stream, StreamObject)
                and resolve(dict.get(stream, "/Subtype")) == "/Image"
            ):
                yield (ref.idnum, ref.generation), stream


def write_part(path: Path, part: Part, opts: WriteOptions) -> PartStats:
    """Write ``part`` to ``path`` (a temporary file the caller owns)."""
    with open(path, "wb") as fh:
        stats = _Writer(fh, part, opts).run()
        fh.flush()
        os.fsync(fh.fileno())
    return stats


class _Writer:
    def __init__(self, fh: BinaryIO, part: Part, opts: WriteOptions):
        self.sink = PdfSink(fh)
        self.part = part
        self.opts = opts
        self.stats = PartStats()
        self.catalog = self.sink.reserve()
        self.pages_root = self.sink.reserve()
        fonts = [
            self.sink.add(
                b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % f
            )
            for f in FONTS
        ]
        self.fonts = b"/Font << /QF1 %d 0 R /QF2 %d 0 R >>" % (fonts[0], fonts[1])
        self.current: _Open | None = None
        self.kids: list[int] = []
        self.stamper = Stamper(opts.stamp)
        numbers = range(part.first, part.first + len(part.pages))
        self.stamper.bind(self.sink, numbers, part.number)

    def run(self) -> PartStats:
        try:
            for offset, ref in enumerate(self.part.pages):
                if self.opts.cancelled and self.opts.cancelled():
                    raise BundleCancelled("the bundle was cancelled; no file was written")
                start = self.sink.position
                self.kids.append(self._page(ref, self.part.first + offset))
                self.stats.page_costs.append(self.sink.position - start)
                if self.opts.on_page:
                    self.opts.on_page(ref.doc.file_name if ref.doc else ref.kind)
        finally:
            if self.current is not None:
                self.current.close()
        self._finish()
        self.stats.size = self.sink.position
        self.stats.sha256 = self.sink.sha256
        return self.stats

    # -- pages ---------------------------------------------------------------------------

    def _page(self, ref: PageRef, number: int) -> int:
        xobjects: dict[bytes, int] = {}
        if ref.doc is None:  # front matter: a one-page PDF set by the text engine
            front = Imported(self._front(ref), self.sink)
            body, width, height = front.draw(b"/QFm"), *front.size(0)
            xobjects[b"/QFm"] = front.form(0)
        else:
            try:
                body, xobjects, width, height = self._document_page(ref.doc, ref.index)
            except (DocumentError, CopyLimitError) as exc:
                raise DocumentFailed(ref.doc, str(exc)) from None
            except (BundleCancelled, OSError):
                raise
            except Exception as exc:  # anything a hostile or broken file makes pypdf raise
                reason = f"page {ref.index} cannot be copied ({type(exc).__name__}: {exc})"
                raise DocumentFailed(ref.doc, reason[:200]) from None
        identify = ref.doc is None or ref.index not in ref.doc.foreign_pages
        stamp, stamp_forms = self.stamper.overlay(number, width, identify=identify)
        xobjects.update(stamp_forms)
        content = self.sink.add_stream(b"", body + b"\n" + stamp, compress=True)
        resources = self.fonts
        if xobjects:
            names = b" ".join(b"%s %d 0 R" % (k, v) for k, v in xobjects.items())
            resources += b" /XObject << %s >>" % names
        return self.sink.add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources << %s >>"
            b" /Contents %d 0 R >>" % (self.pages_root, num(width), num(height), resources, content)
        )

    def _front(self, ref: PageRef) -> bytes:
        if ref.kind == "cover":
            return self.opts.cover(self.part)
        pages = self.opts.contents if ref.kind == "contents" else self.opts.crosswalk
        return pages[ref.index]

    def _open(self, doc: DocSpec) -> _Open:
        if self.current is None or self.current.doc is not doc:
            if self.current is not None:
                self.current.close()
                self.current = None
            self.current = _Open(doc, self.part, self.sink, self.opts.small_images)
        return self.current

    def _document_page(
        self, doc: DocSpec, source_page: int
    ) -> tuple[bytes, dict[bytes, int], float, float]:
        current = self._open(doc)
        if current.frames is not None:
            return self._picture_page(doc, source_page, next(current.frames))
        assert current.reader is not None and current.copier is not None
        page = current.reader.pages[source_page - 1]
        copier = current.copier
        box = visible_box(_numbers(page, "/MediaBox"), _numbers(page, "/CropBox"))
        rotate = normal_rotation(resolve(dict.get(page, "/Rotate")) or 0)
        rotate = (rotate + doc.rotation.get(source_page, 0)) % 360
        form = self.sink.reserve()
        try:
            filters, data = copier.content_stream(page, doc.warnings)
        except DamagedPage:  # drawn by PDFium as an image instead (in its own rotation)
            assert doc.path is not None
            shown = draw_as_image(self.sink, form, doc.path, source_page)
            placement = place(shown, doc.rotation.get(source_page, 0) % 360)
            doc.warnings.append(DAMAGED_PAGE.format(page=source_page))
            drawn = b"q %s cm /QPg Do Q" % matrix(placement.matrix)
            return drawn, {b"/QPg": form}, placement.width, placement.height
        resources = resolve(dict.get(page, "/Resources"))
        entries = b" /Type /XObject /Subtype /Form /BBox [%s %s %s %s] /Resources %s" % (
            num(box.x0),
            num(box.y0),
            num(box.x1),
            num(box.y1),
            copier.serialize(dict.get(page, "/Resources"))
            if isinstance(resources, DictionaryObject)
            else b"<< >>",
        )
        if isinstance(resolve(dict.get(page, "/Group")), DictionaryObject):
            entries += b" /Group " + copier.serialize(dict.get(page, "/Group"))
        self.sink.write_stream(form, entries + filters, data)
        flat = flatten_annotations(page, copier, doc.warnings)
        copier.flush()
        placement = place(box, rotate)
        ops = [b"q", matrix(placement.matrix) + b" cm", b"/QPg Do"]
        if not flat.empty:
            ops.append(
                b"%s %s %s %s re W n" % (num(box.x0), num(box.y0), num(box.width), num(box.height))
            )
            ops.extend(flat.ops)
        ops.append(b"Q")
        return b"\n".join(ops), {b"/QPg": form, **flat.xobjects}, placement.width, placement.height

    def _picture_page(
        self, doc: DocSpec, source_page: int, frame: PictureFrame
    ) -> tuple[bytes, dict[bytes, int], float, float]:
        image = self.sink.add_stream(frame.entries, frame.data)
        width, height = placement_size(frame)
        rotate = (frame.rotate + doc.rotation.get(source_page, 0)) % 360
        placement = place(Box(0, 0, width, height), rotate, margin=PICTURE_MARGIN)
        ops = b"q %s cm %s Q" % (matrix(placement.matrix), draw_picture(b"/QIm", width, height))
        return ops, {b"/QIm": image}, placement.width, placement.height

    # -- document structure ----------------------------------------------------------------

    def _finish(self) -> None:
        sink = self.sink
        kids = b" ".join(b"%d 0 R" % k for k in self.kids)
        sink.write_object(
            self.pages_root, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(self.kids))
        )
        outline = self._outline()
        stamp = self.opts.created.strftime("D:%Y%m%d%H%M%SZ")
        title = self.opts.title
        if self.part.of > 1:
            title += f" (part {self.part.number} of {self.part.of})"
        info = sink.add(
            b"<< /Title %s /Producer %s /Creator %s /CreationDate (%s) /ModDate (%s) >>"
            % (
                text_string(title),
                text_string(self.opts.producer),
                text_string(self.opts.producer),
                stamp.encode(),
                stamp.encode(),
            )
        )
        outlines = b" /Outlines %d 0 R /PageMode /UseOutlines" % outline if outline else b""
        sink.write_object(
            self.catalog,
            b"<< /Type /Catalog /Pages %d 0 R%s /ViewerPreferences << /DisplayDocTitle true >> >>"
            % (self.pages_root, outlines),
        )
        sink.finish(self.catalog, info)

    def _outline(self) -> int | None:
        tree = outline_tree(self.part, self.opts.sections)
        if not tree:
            return None
        root = self.sink.reserve()
        self._outline_level(tree, root)
        first, last = tree[0][3], tree[-1][3]
        self.sink.write_object(
            root,
            b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
            % (first, last, _count(tree)),
        )
        return root

    def _outline_level(self, items: list[Any], parent: int) -> None:
        for item in items:
            item[3] = self.sink.reserve()
        for i, (title, page_index, children, number) in enumerate(items):
            if children:
                self._outline_level(children, number)
            parts = [
                b"/Title " + text_string(title),
                b"/Parent %d 0 R" % parent,
                b"/Dest [%d 0 R /XYZ null null null]" % self.kids[page_index],
            ]
            if i > 0:
                parts.append(b"/Prev %d 0 R" % items[i - 1][3])
            if i + 1 < len(items):
                parts.append(b"/Next %d 0 R" % items[i + 1][3])
            if children:
                parts.append(b"/First %d 0 R /Last %d 0 R" % (children[0][3], children[-1][3]))
                parts.append(b"/Count %d" % len(children))
            self.sink.write_object(number, b"<< " + b" ".join(parts) + b" >>")


def _count(items: list[Any]) -> int:
    return sum(1 + len(item[2]) for item in items)


def _numbers(page: DictionaryObject, key: str) -> list[Any] | None:
    value = resolve(dict.get(page, key))
    if not isinstance(value, ArrayObject):
        return None
    return [resolve(v) for v in list.__iter__(value)]


FRONT_TITLES = {"cover": "Cover sheet", "contents": "Contents", "crosswalk": "Criteria crosswalk"}


def outline_tree(part: Part, sections: list[Section]) -> list[Any]:
    """[title, page index in the part, children, (object number)] per bookmark, nested:
    front matter, then each section with one child per document (as far as this part has it)."""
    first_index: dict[int, int] = {}
    front: list[Any] = []
    for index, ref in enumerate(part.pages):
        if ref.doc is None:
            if ref.index == 0:
                front.append([FRONT_TITLES[ref.kind], index, [], 0])
        elif id(ref.doc) not in first_index:
            first_index[id(ref.doc)] = index
    tree = front
    for section in sections:
        children = []
        for doc in section.docs:
            if id(doc) in first_index:
                continued = bool(doc.parts) and doc.parts[0] < part.number
                title = doc.file_name + (" (continued)" if continued else "")
                children.append([title, first_index[id(doc)], [], 0])
        if children:
            tree.append([section.title, children[0][1], children, 0])
    return tree
