"""Render development-set documents as real PDFs by three producers, read them back, degrade
a third into fax-like scans.

Producers: the app's own Helvetica writer (``core.synthetic.pdfwriter``), Qt's rich-text engine
(QTextDocument printed by QPdfWriter: HTML tables, embedded TrueType fonts) and a fixed-pitch
Courier "EHR printout" written by hand (absolute positioning, no wrapping logic shared with the
others). Text is read back with PDFium (pypdfium2), as a native intake engine would.
"""

from __future__ import annotations

import html
import io
import os
import random
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .people import Context, make_context
from .styles import STYLES, Block

PRODUCERS = ("helvetica", "qt", "courier")


@dataclass(frozen=True)
class DevDoc:
    category: str
    style: str
    producer: str
    seed: int
    scanned: bool  # a third of the documents also exist as a fax-like scan

    @property
    def key(self) -> str:
        return f"{self.category}/{self.style}/{self.producer}/{self.seed}"


def documents(seeds_per_producer: int = 1) -> list[DevDoc]:
    """Every style x producer x seed; every third document (in a fixed order) is also scanned."""
    out: list[DevDoc] = []
    n = 0
    for category, styles in STYLES.items():
        for style in styles:
            for producer in PRODUCERS:
                for k in range(seeds_per_producer):
                    seed = zlib.crc32(f"{category}/{style}/{producer}/{k}".encode())
                    out.append(DevDoc(category, style, producer, seed, n % 3 == 0))
                    n += 1
    return out


def blocks_of(doc: DevDoc) -> tuple[Context, list[Block]]:
    ctx = make_context(doc.seed)
    return ctx, STYLES[doc.category][doc.style](ctx)


def render(doc: DevDoc) -> bytes:
    _, blocks = blocks_of(doc)
    return {"helvetica": _helvetica, "qt": _qt, "courier": _courier}[doc.producer](blocks)


def _helvetica(blocks: list[Block]) -> bytes:
    from qalsody_desktop.core.synthetic.pdfwriter import PdfWriter

    w = PdfWriter(title="document", font_size=10)
    for b in blocks:
        if b[0] == "h":
            w.heading(b[1], level=2)
        elif b[0] == "p":
            w.paragraph(b[1])
        elif b[0] == "kv":
            w.rows(list(b[1]))
        else:
            header, rows = b[1], b[2]
            width = w.line_width / max(1, len(header))
            w.table(list(header), [list(r) for r in rows], [width] * len(header))
    return w.to_bytes()


def _qt(blocks: list[Block]) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    if QGuiApplication.instance() is None:  # the training script; pytest-qt shares it later
        from PySide6.QtWidgets import QApplication

        QApplication([])
    parts = []
    for b in blocks:
        if b[0] == "h":
            parts.append(f"<h3>{html.escape(b[1])}</h3>")
        elif b[0] == "p":
            parts.append("<p>" + html.escape(b[1]).replace("\n", "<br/>") + "</p>")
        elif b[0] == "kv":
            parts.append(
                "<p>"
                + "<br/>".join(f"<b>{html.escape(k)}:</b> {html.escape(v)}" for k, v in b[1])
                + "</p>"
            )
        else:
            head = "".join(f"<th>{html.escape(h)}</th>" for h in b[1])
            body = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in b[2]
            )
            parts.append(f"<table border='1' cellpadding='3'><tr>{head}</tr>{body}</table>")
    doc = QTextDocument()
    doc.setDefaultStyleSheet("body { font-family: 'DejaVu Serif'; font-size: 10pt; }")
    doc.setHtml("<body>" + "".join(parts) + "</body>")
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.Letter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
        )
    )
    writer.setResolution(150)
    doc.print_(writer)
    del writer
    buf.close()
    return bytes(data.data())


def _courier(blocks: list[Block]) -> bytes:
    """A fixed-pitch printout: 80 columns, labels and values padded, tables as columns."""
    lines: list[str] = []
    for b in blocks:
        if b[0] == "h":
            lines += ["", b[1].upper(), "-" * min(78, len(b[1]))]
        elif b[0] == "p":
            for para in b[1].split("\n"):
                words, cur = para.split(), ""
                for word in words:
                    if len(cur) + len(word) + 1 > 80:
                        lines.append(cur)
                        cur = word
                    else:
                        cur = f"{cur} {word}".strip()
                lines.append(cur)
        elif b[0] == "kv":
            lines += [f"{k + ':':<22}{v}" for k, v in b[1]]
        else:
            width = max(8, 78 // max(1, len(b[1])))
            for row in [b[1], *b[2]]:
                lines.append("".join(f"{c[: width - 1]:<{width}}" for c in row))
    pages = [lines[i : i + 60] for i in range(0, max(1, len(lines)), 60)]
    return _raw_pdf(pages)


def _esc(text: str) -> str:
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _raw_pdf(pages: list[list[str]]) -> bytes:
    objs: list[bytes] = [b"", b""]  # 1 catalog, 2 pages: filled below
    kids = []
    font_ref = 3
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    for page in pages:
        ops = ["BT /F1 9 Tf 11 TL 40 750 Td"] + [f"({_esc(line)}) '" for line in page] + ["ET"]
        stream = "\n".join(ops).encode("latin-1")
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objs)
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d"
            b" 0 R >> >> /Contents %d 0 R >>" % (font_ref, content)
        )
        kids.append(len(objs))
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    )
    return out.getvalue()


def page_texts(pdf: bytes) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            tp = page.get_textpage()
            out.append(tp.get_text_range())
            tp.close()
            page.close()
        return out
    finally:
        doc.close()


def fax_images(pdf: bytes, seed: int) -> list:
    """Each page as a fax would arrive: 204x196 dpi, 1-bit, speckled, skewed up to 2 degrees."""
    import pypdfium2 as pdfium

    rng = random.Random(seed)
    doc = pdfium.PdfDocument(pdf)
    images = []
    try:
        for page in doc:
            img = page.render(scale=204 / 72).to_pil().convert("L")
            page.close()
            img = img.resize((img.width, img.height * 196 // 204))
            img = img.rotate(rng.uniform(-2, 2), fillcolor=255, expand=False)
            px = img.load()
            for _ in range(img.width * img.height // 2000):  # salt-and-pepper speckle
                px[rng.randrange(img.width), rng.randrange(img.height)] = rng.choice((0, 255))
            images.append(img.point(lambda v: 255 if v > 150 else 0, mode="1"))
    finally:
        doc.close()
    return images


def need_tesseract() -> None:
    """Skip without Tesseract, except in CI (QALSODY_REQUIRE_TOOLS), where it must be there."""
    import shutil

    import pytest

    if shutil.which("tesseract") is None:
        if os.environ.get("QALSODY_REQUIRE_TOOLS"):
            pytest.fail("tesseract is missing; CI installs tesseract-ocr")
        pytest.skip("tesseract is not installed")


def ocr_text(images: list) -> list[str]:
    """Tesseract on each page (one thread each, two pages at a time)."""
    from concurrent.futures import ThreadPoolExecutor

    with tempfile.TemporaryDirectory() as tmp:

        def one(item: tuple[int, object]) -> str:
            i, img = item
            path = Path(tmp) / f"p{i}.png"
            img.save(path, dpi=(204, 196))  # type: ignore[attr-defined]
            res = subprocess.run(
                ["tesseract", str(path), "stdout", "--psm", "3"],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )
            return res.stdout

        with ThreadPoolExecutor(max_workers=2) as pool:
            return list(pool.map(one, enumerate(images)))


def text_of(doc: DevDoc) -> list[str]:
    return page_texts(render(doc))
