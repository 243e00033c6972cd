"""Builders for the intake tests: small PDFs, images and DOCX files made on the fly."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"


def _font(writer: PdfWriter) -> DictionaryObject:
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    return DictionaryObject({NameObject("/F1"): writer._add_object(font)})


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def add_text_page(writer: PdfWriter, lines: list[str]) -> None:
    page = writer.add_blank_page(612, 792)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): _font(writer)})
    ops = b"BT /F1 12 Tf 72 720 Td 14 TL "
    ops += b"".join(b"(" + _escape(line) + b") Tj T* " for line in lines) + b"ET"
    stream = DecodedStreamObject()
    stream.set_data(ops)
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())


def to_bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def text_pdf(pages: list[list[str]]) -> bytes:
    writer = PdfWriter()
    for lines in pages:
        add_text_page(writer, lines)
    return to_bytes(writer)


def blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    return to_bytes(writer)


def encrypted_pdf(user: str, owner: str, algorithm: str = "AES-256") -> bytes:
    writer = PdfWriter()
    add_text_page(writer, ["Referral letter for neurology", "SOD1 mutation confirmed"])
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    return to_bytes(writer)


def image_only_pdf() -> bytes:
    """A 'scan': one page that is just a picture (as a scanner or Pillow writes it)."""
    image = Image.new("L", (850, 1100), 255)
    for y in range(100, 1000, 40):  # some dark bars, like lines of printed text
        image.paste(0, (100, y, 750, y + 12))
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=100)
    return buffer.getvalue()


def active_pdf(kind: str) -> bytes:
    """A text PDF plus one kind of active content: js, openaction, launch, embedded."""
    writer = PdfWriter()
    add_text_page(writer, ["Letter of medical necessity"])
    if kind == "js":
        from pypdf.actions import JavaScript

        writer.add_open_action(JavaScript("app.alert('hello');"))
    elif kind == "openaction":
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('open');"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    elif kind == "launch":
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/Launch"),
                NameObject("/F"): TextStringObject("calc.exe"),
            }
        )
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([NumberObject(v) for v in (0, 0, 100, 100)]),
                NameObject("/A"): action,
            }
        )
        page = writer.pages[0]
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    elif kind == "embedded":
        writer.add_attachment("notes.txt", b"attached data")
    elif kind == "goto":  # a harmless OpenAction: just show page 1
        writer._root_object[NameObject("/OpenAction")] = ArrayObject(
            [writer.pages[0].indirect_reference, NameObject("/Fit")]
        )
    else:
        raise ValueError(kind)
    return to_bytes(writer)


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A hand-made PDF with a correct xref: objects[i] becomes object i + 1."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def page_loop_pdf() -> bytes:
    """The page tree's Kids points back at itself."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ]
    )


def deeply_nested_pdf(depth: int = 50_000) -> bytes:
    """An object nested far deeper than any parser's recursion limit."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Deep " + b"[" * depth + b"]" * depth + b" >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ]
    )


def slow_pdf(repeats: int = 300_000) -> bytes:
    """~9 KB that keeps pypdf's text extraction busy for many seconds (a compressed 4 MB
    content stream): the kind of small hostile file that size-based isolation would miss."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): _font(writer)})
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 72 720 Td " + b"(x) Tj 1 0 Td " * repeats + b"ET")
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    return to_bytes(writer)


def image_bytes(fmt: str, size: tuple[int, int] = (64, 48), mode: str = "RGB", **save) -> bytes:
    image = Image.new(mode, size, 128 if mode in ("L", "I;16") else (200, 30, 30)[: len(mode)])
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


def multipage_tiff(pages: int) -> bytes:
    frames = [Image.new("1", (200, 300), 1) for _ in range(pages)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def jpeg_with_orientation(orientation: int) -> bytes:
    image = Image.new("RGB", (60, 40), (10, 120, 200))
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def png_claiming_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge canvas: a decompression bomb's calling card."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def docx_with_tables() -> bytes:
    """Header, body paragraphs, a table with a nested table, and a footer."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Neurology Associates - header line"
    section.footer.paragraphs[0].text = "Confidential footer line"
    document.add_paragraph("Letter of medical necessity for tofersen")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ALSFRS-R"
    table.cell(0, 1).text = "38"
    inner = table.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "NfL"
    inner.cell(0, 1).text = "92 pg/mL"
    table.cell(1, 0).text = "Biomarkers"
    document.add_paragraph("Closing paragraph")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def empty_docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def children_of_this_process() -> dict[int, str]:
    """Linux: child pid -> state letter ('Z' is a zombie), from /proc."""
    result: dict[int, str] = {}
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            pids = (task / "children").read_text().split()
        except OSError:
            continue
        for pid in pids:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            result[int(pid)] = stat.rsplit(")", 1)[1].split()[0]
    return result
