"""Read a PDF: decrypt it, count pages, extract text, spot scans and active content.

pypdf reads the structure (encryption, page tree, active content, image detection) and writes
the decrypted copy; the text comes from PDFium (pypdfium2), which reads a 25-page text PDF in
a tenth of the time pypdf's pure-Python extractor takes. pypdf's extractor remains the
fallback when PDFium cannot open a file that pypdf could repair, or pypdfium2 is missing.
Every page is read: a wrong patient's pages at the end of a 300-page record must be seen.

Everything a hostile or broken file can make pypdf raise becomes a rejection or a warning here;
hangs are the caller's business (``inspect`` runs this in a separate, killable process).
pypdf's log messages can quote bytes of the document, so they are captured for repair
detection and never reach the application log.
"""

from __future__ import annotations

import io
import logging
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError, LimitReachedError

from ..pdfstreams import damaged_pages
from .common import (
    NEEDS_PASSWORD,
    CancelCheck,
    Inspection,
    TextBudget,
    check_cancel,
    has_meaningful_text,
    page_list,
    short_reason,
)
from .passwords import password_candidates
from .pdf_active import (
    ACTIVE_WARNINGS,
    page_has_images,
    release_large_streams,
    scan_active_content,
)

MIME = "application/pdf"
DEFAULT_MAX_TEXT_PAGES: int | None = None  # every page
DEFAULT_MAX_TEXT_CHARS = 20_000_000  # a safety cap (a 5,000-page record), never hit in practice

OWNER_ONLY_WARNING = "was encrypted (owner password only); stored decrypted"
PASSWORD_WARNING = "was password-protected; stored decrypted with the password given"
CERTIFICATE_ERROR = (
    "encrypted with a certificate (public-key security), which cannot be opened "
    "without the recipient's private key"
)
REPAIRED_WARNING = (
    "damaged PDF structure was repaired while reading; check that every page is present"
)
# What pypdf logs when it had to rebuild the cross-reference table to find the objects at all
# (not the common, harmless "object found at another offset").
_REPAIR_LOG = re.compile(r"startxref|eof marker|parsing for object streams|rebuil", re.IGNORECASE)


class _Refused(Exception):
    """Internal: stop reading with this message (and status)."""

    def __init__(self, message: str, status: str = "rejected"):
        super().__init__(message)
        self.status = status


def inspect_pdf(
    data: bytes,
    password: str | None = None,
    *,
    max_text_pages: int | None = DEFAULT_MAX_TEXT_PAGES,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
    cancel: CancelCheck | None = None,
) -> Inspection:
    """Inspect PDF bytes; never raises for bad input (``Cancelled`` propagates)."""
    result = Inspection(file_name="", kind="pdf", mime=MIME)
    with _captured_pypdf_log() as log:
        try:
            _read(result, data, password, max_text_pages, max_text_chars, cancel, log)
        except _Refused as refused:
            return result.reject(str(refused), refused.status)
    return result


class SharedInput(io.BytesIO):
    """The input bytes as a stream, never copied. ``BytesIO`` shares the bytes it starts from
    until ``getbuffer()`` is called, which pypdf does to learn the size (then a 60 MB scan is
    held twice for the whole read); without ``getbuffer`` pypdf seeks to the end instead."""

    @property
    def getbuffer(self) -> Any:
        raise AttributeError("getbuffer")  # hasattr() says no


def _read(
    result: Inspection,
    data: bytes,
    password: str | None,
    max_text_pages: int | None,
    max_text_chars: int,
    cancel: CancelCheck | None,
    log: list[str],
) -> None:
    try:
        reader = PdfReader(SharedInput(data), strict=False)
    except NotImplementedError as exc:
        if "encryption" in str(exc).lower():  # pypdf knows only the password handler
            result.encrypted = True
            raise _Refused(CERTIFICATE_ERROR) from None
        raise _Refused(_open_error(exc)) from None
    except Exception as exc:  # pypdf raises many types on hostile input
        raise _Refused(_open_error(exc)) from None
    if _guard(lambda: reader.is_encrypted, _open_error):
        result.encrypted = True
        _decrypt(result, reader, password)
    count = _guard(lambda: len(reader.pages), _pages_error)
    if count == 0:
        raise _Refused("PDF has no pages")
    result.pages = count
    # junk before the header shifts every offset; sniff already warned about that
    if data.startswith(b"%PDF-") and any(_REPAIR_LOG.search(m) for m in log):
        result.warn(REPAIRED_WARNING)
    check_cancel(cancel)
    if result.encrypted:
        result.working_copy = _guard(lambda: _decrypted_copy(reader, count), _copy_error)
    plain = result.working_copy if result.working_copy is not None else data
    _read_text(result, reader, plain, count, max_text_pages, max_text_chars, cancel)
    _check_streams(result, reader)
    _check_active_content(result, reader)


def _guard(action: Any, describe: Any) -> Any:
    """Run ``action``; turn anything pypdf raises into ``_Refused(describe(exc))``."""
    try:
        return action()
    except _Refused:
        raise
    except Exception as exc:  # pypdf raises many types on hostile input, all mean "unreadable"
        raise _Refused(describe(exc)) from None


def _open_error(exc: Exception) -> str:
    reason = short_reason(exc)
    if isinstance(exc, DependencyError) or "is required for" in str(exc):
        found = re.search(r"(\w+Decode)", str(exc))
        method = found.group(1) if found else "an unusual method"
        return f"PDF uses a compression this app cannot read ({method})"
    if isinstance(exc, NotImplementedError):
        return f"PDF uses a feature this app cannot read ({reason})"
    return _common_error(exc, reason)


def _common_error(exc: Exception, reason: str) -> str:
    if isinstance(exc, RecursionError):
        return "corrupt PDF: its structure is nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "PDF is too large to read (out of memory)"
    if isinstance(exc, LimitReachedError):
        return f"corrupt or hostile PDF: it exceeds a safety limit of the reader ({reason})"
    if "startxref" in reason:
        return "corrupt or truncated PDF: the end of the file (startxref) is missing"
    if "root object" in reason.lower():
        return "corrupt or truncated PDF: its document catalog (Root) is missing"
    return f"corrupt or truncated PDF: {reason}"


def _pages_error(exc: Exception) -> str:
    reason = short_reason(exc)
    if isinstance(exc, LimitReachedError) and "depth" in reason:
        return "corrupt PDF: its page tree is nested deeper than the reader's safety limit"
    if "cyclic" in reason or "loop" in reason:
        return "corrupt PDF: its page tree loops back on itself"
    if isinstance(exc, (RecursionError, MemoryError, LimitReachedError)):
        return _common_error(exc, reason)
    return f"corrupt or truncated PDF: its pages cannot be found ({reason})"


def _copy_error(exc: Exception) -> str:
    return f"encrypted PDF could not be re-written as a decrypted copy ({short_reason(exc)})"


def _decrypt(result: Inspection, reader: PdfReader, password: str | None) -> None:
    """Open with the empty user password (owner-only) or the one given; else ask for it."""

    def attempt(candidate: str) -> bool:
        try:
            return bool(reader.decrypt(candidate))
        except (DependencyError, NotImplementedError) as exc:
            raise _Refused(
                f"PDF uses an encryption method that cannot be opened ({short_reason(exc)})"
            ) from None
        except Exception:  # malformed /Encrypt values: this candidate does not open it
            return False

    if attempt(""):
        result.warn(OWNER_ONLY_WARNING)
        return
    if password is None or password == "":
        raise _Refused("password-protected PDF: enter its password to open it", NEEDS_PASSWORD)
    if any(attempt(candidate) for candidate in password_candidates(password)):
        result.warn(PASSWORD_WARNING)
        return
    raise _Refused("wrong password for this password-protected PDF", NEEDS_PASSWORD)


def _read_text(
    result: Inspection,
    reader: PdfReader,
    data: bytes,
    count: int,
    max_text_pages: int | None,
    max_text_chars: int,
    cancel: CancelCheck | None,
) -> None:
    budget = TextBudget(max_text_chars)
    failed: list[int] = []
    scanned: list[int] = []
    read = count if max_text_pages is None else min(count, max(0, max_text_pages))
    texts = _pdfium_texts(data, read, cancel)
    result.text_engine = "pdfium" if texts is not None else "pypdf"
    for index in range(read):
        check_cancel(cancel)
        if budget.exhausted:
            read = index
            break
        page: Any = None
        try:
            if texts is not None:
                text = texts[index]
                if text is None:
                    raise ValueError("unreadable page")
            else:
                page = reader.pages[index]
                text = page.extract_text() or ""
            text = text.replace("\x00", "")
        except Exception:  # one unreadable page does not make the document unreadable
            failed.append(index + 1)
            text = ""
        text = budget.take(text)
        result.page_texts.append(text)
        if not has_meaningful_text(text) and _has_images(reader, index, page):
            scanned.append(index + 1)
        release_large_streams(reader)  # one page's images held at a time, not every page's
    result.has_text_layer = any(has_meaningful_text(t) for t in result.page_texts)
    result.image_only_pages = scanned
    if failed:
        result.warn(f"text could not be read from page {page_list(failed)}")
    if read and not result.has_text_layer:
        if scanned:
            result.warn("scanned PDF: no text layer (pages are images; the text needs OCR)")
        else:
            result.warn("no text found on the pages read")
    elif scanned:
        result.warn(
            f"no text layer on {len(scanned)} of {read} pages read "
            f"(scanned images: page {page_list(scanned)})"
        )
    if budget.truncated:
        result.warn(f"text cut off at {max_text_chars:,} characters")
    if read < count:
        result.warn(f"text read from the first {read} of {count} pages")


def _check_streams(result: Inspection, reader: PdfReader) -> None:
    """Warn about page content that cannot be decoded as stored (see ``bundle.damaged``)."""
    repairable, lost = damaged_pages(reader)
    if repairable:
        result.warn(
            f"damaged compressed content on page {page_list(repairable)}: the bundle repairs it"
        )
    if lost:
        result.warn(
            f"damaged content on page {page_list(lost)} cannot be decoded: the bundle shows"
            " it as an image rendered from it; check it against the original"
        )


def _pdfium_texts(data: bytes, pages: int, cancel: CancelCheck | None) -> list[str | None] | None:
    """Each page's text read by PDFium (None for a page it cannot read); None when PDFium is
    not installed or cannot open the file at all (pypdf, which repairs more, takes over)."""
    if os.environ.get("QALSODY_PDF_TEXT") == "pypdf":  # benchmarks and tests compare engines
        return None
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception:  # damaged beyond PDFium's repair, or an encryption it refuses
        return None
    texts: list[str | None] = []
    try:
        if len(pdf) < pages:
            return None  # PDFium sees another page tree than pypdf: trust neither blindly
        for index in range(pages):
            check_cancel(cancel)
            try:
                page = pdf[index]
                try:
                    textpage = page.get_textpage()
                    try:
                        text = textpage.get_text_bounded()
                    finally:
                        textpage.close()
                finally:
                    page.close()
                texts.append(text.replace("\r\n", "\n").replace("\r", "\n"))
            except Exception:
                texts.append(None)
    finally:
        pdf.close()
    return texts


def _has_images(reader: PdfReader, index: int, page: Any) -> bool:
    try:
        return page_has_images(page if page is not None else reader.pages[index])
    except Exception:
        return False


def _check_active_content(result: Inspection, reader: PdfReader) -> None:
    try:
        root = reader.trailer.raw_get("/Root")
        codes, complete = scan_active_content(root)
    except Exception:
        codes, complete = [], False
    result.active_content = codes
    for code in codes:
        result.warn(ACTIVE_WARNINGS[code])
    if not complete:
        result.warn(
            "the check for active content (scripts, actions, attachments) could not finish; "
            "treat this PDF with care"
        )


def _decrypted_copy(reader: PdfReader, count: int) -> bytes:
    """The document re-written without encryption; verified to open and keep every page."""
    writer = PdfWriter(clone_from=reader)
    buffer = io.BytesIO()
    writer.write(buffer)
    copy = buffer.getvalue()
    check = PdfReader(io.BytesIO(copy), strict=False)
    if check.is_encrypted or len(check.pages) != count:
        raise ValueError("the copy does not match the original")
    return copy


# -- pypdf log capture --------------------------------------------------------------------------

_capture = threading.local()
_install_lock = threading.Lock()
_installed = False


class _CaptureHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        messages = getattr(_capture, "messages", None)
        if messages is not None and len(messages) < 1000:
            with suppress(Exception):
                messages.append(record.getMessage())


def _install_capture() -> None:
    """Route the "pypdf" logger to a per-thread buffer, away from the application's log."""
    global _installed
    with _install_lock:
        if _installed:
            return
        logger = logging.getLogger("pypdf")
        logger.addHandler(_CaptureHandler())
        logger.propagate = False
        logger.setLevel(logging.WARNING)
        _installed = True


@contextmanager
def _captured_pypdf_log() -> Iterator[list[str]]:
    _install_capture()
    previous = getattr(_capture, "messages", None)
    messages: list[str] = []
    _capture.messages = messages
    try:
        yield messages
    finally:
        _capture.messages = previous
