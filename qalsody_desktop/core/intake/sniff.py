"""Tell what a file really is from its bytes; the extension is only a claim to check.

Staff rename files, scanners pick odd extensions and e-mail gateways mangle names, so the
content decides. A supported file under the wrong name is accepted with a warning; anything
else is refused with a reason that says what the file looks like instead.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PureWindowsPath

PDF_SEARCH_BYTES = 1024  # readers accept a %PDF- header after this much leading junk

MIME = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "tiff": "image/tiff",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
KIND = {"pdf": "pdf", "png": "image", "jpeg": "image", "tiff": "image", "docx": "docx"}
LABEL = {
    "pdf": "a PDF",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "tiff": "a TIFF image",
    "docx": "a DOCX",
}
EXTENSIONS = {
    ".pdf": "pdf",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".jpe": "jpeg",
    ".jfif": "jpeg",
    ".tif": "tiff",
    ".tiff": "tiff",
    ".docx": "docx",
}

# Things staff are likely to drop that we do not read: (magic at offset 0, what it looks like).
_OTHER_MAGIC: list[tuple[bytes, str]] = [
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old-format (.doc/.xls) or password-protected Office file",
    ),
    (b"{\\rtf", "an RTF document"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"%!PS", "a PostScript file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a program"),
    (b"II+\x00", "a BigTIFF image (not supported)"),
    (b"MM\x00+", "a BigTIFF image (not supported)"),
]


@dataclass(frozen=True)
class Sniffed:
    """The verdict on a file's bytes: a supported ``fmt`` or an ``error`` sentence."""

    fmt: str | None  # "pdf" | "png" | "jpeg" | "tiff" | "docx"
    error: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    pdf_offset: int = 0  # where %PDF- starts (junk before it is tolerated)

    @property
    def kind(self) -> str | None:
        return KIND.get(self.fmt or "")

    @property
    def mime(self) -> str | None:
        return MIME.get(self.fmt or "")


def extension(file_name: str) -> str:
    """Lower-case extension of a basename, '' when there is none (Windows or POSIX paths)."""
    return PureWindowsPath(file_name).suffix.lower()


def sniff(data: bytes, file_name: str) -> Sniffed:
    """Detect the real type of ``data``; ``file_name`` only supplies the claimed extension."""
    ext = extension(file_name)
    claimed = EXTENSIONS.get(ext)
    if not data:
        return Sniffed(None, "empty file (0 bytes)")
    fmt, looks_like = _detect(data)
    if fmt is None:
        return Sniffed(None, _refusal(ext, claimed, looks_like))
    warnings: list[str] = []
    if claimed is not None and claimed != fmt:
        warnings.append(
            f"file name ends in {ext} but the content is {LABEL[fmt]}; read as {LABEL[fmt]}"
        )
    offset = data.find(b"%PDF-", 0, PDF_SEARCH_BYTES) if fmt == "pdf" else 0
    if offset > 0:
        warnings.append(f"{offset} bytes of unexpected data before the PDF header (ignored)")
    return Sniffed(fmt, None, tuple(warnings), max(offset, 0))


def _refusal(ext: str, claimed: str | None, looks_like: str | None) -> str:
    what = looks_like or "unrecognised data"
    if claimed is not None:
        return f"not {LABEL[claimed]}: file starts like {what}"
    shown = ext or "no extension"
    if looks_like is None or _matches(ext, looks_like):
        return f"unsupported file type ({shown})"
    return f"unsupported file type ({shown}): it looks like {looks_like}"


_EXT_WORDS = {
    ".txt": "plain text",
    ".csv": "plain text",
    ".htm": "HTML",
    ".html": "HTML",
    ".xml": "XML",
    ".zip": "ZIP",
    ".gif": "GIF",
    ".bmp": "BMP",
    ".webp": "WebP",
    ".heic": "HEIC",
    ".rtf": "RTF",
    ".ps": "PostScript",
    ".gz": "gzip",
    ".7z": "7-Zip",
    ".rar": "RAR",
    ".exe": "program",
}


def _matches(ext: str, looks_like: str) -> bool:
    """True when the description only repeats what the extension says."""
    if not ext:
        return False
    word = _EXT_WORDS.get(ext)
    return (word is not None and word in looks_like) or f"({ext}" in looks_like


def _detect(data: bytes) -> tuple[str | None, str | None]:
    """(supported format, None) or (None, description of what the bytes look like)."""
    head = data[:16]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", None
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg", None
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff", None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _detect_zip(data)
    if b"%PDF-" in data[:PDF_SEARCH_BYTES]:
        return "pdf", None
    for magic, description in _OTHER_MAGIC:
        if head.startswith(magic):
            return None, description
    return None, _describe_text_or_media(data)


def _detect_zip(data: bytes) -> tuple[str | None, str | None]:
    """A DOCX is a ZIP with word/document.xml; name the other Office formats when refusing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            content_types = ""
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size <= 1_000_000:
                    content_types = archive.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None, "a damaged or truncated ZIP archive"
    except RuntimeError:  # an encrypted member
        return None, "a password-protected ZIP archive"
    if "word/document.xml" in names or "wordprocessingml.document.main+xml" in content_types:
        if "macroEnabled" in content_types or "word/vbaProject.bin" in names:
            return None, "a Word document with macros (.docm)"
        return "docx", None
    if "xl/workbook.xml" in names:
        return None, "an Excel workbook (.xlsx)"
    if "ppt/presentation.xml" in names:
        return None, "a PowerPoint presentation (.pptx)"
    if "mimetype" in names and "content.xml" in names:
        return None, "an OpenDocument file (.odt/.ods)"
    return None, "a ZIP archive"


def _describe_text_or_media(data: bytes) -> str | None:
    head = data[:64]
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
            return "a HEIC photo"
        return "a video or media file"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "a WebP image"
    sample = data[:4096]
    utf16 = sample.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in sample and not utf16:
        return None
    encoding = "utf-16" if utf16 else "utf-8"
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError as exc:
        if len(data) <= len(sample) or exc.start < len(sample) - 4:
            return None
        text = sample[: exc.start].decode(encoding)  # a character cut at the sample's end
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > len(text) // 100:
        return None
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith(("<!doctype html", "<html")) or "<html" in lowered[:1000]:
        return "an HTML page"
    if lowered.startswith("<?xml"):
        return "an XML document"
    return "plain text"
