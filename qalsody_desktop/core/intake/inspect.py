"""The one entry point of intake: open a dropped file safely and report what it is.

``inspect_file``/``inspect_bytes`` never raise for bad input: every outcome is an
``Inspection`` with status "ok", "rejected" or "needs_password" and, when not ok, one sentence
saying why. The type comes from the bytes (``sniff``); the parsing runs in a warm reader process
(``pool``) with a wall-clock limit, so a hostile file can neither hang nor crash the app.
Messages and log lines name files only, never their contents.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path, PureWindowsPath
from typing import Any

from ..userfile import CannotOpen, NotRegular, open_regular
from .common import (
    NEEDS_PASSWORD,
    OK,
    REJECTED,
    CancelCheck,
    Cancelled,
    Inspection,
    has_meaningful_text,
    page_list,
)
from .jobs import JobOptions, run_job
from .pool import Outcome, default_pool
from .sniff import sniff

__all__ = [
    "NEEDS_PASSWORD",
    "OK",
    "REJECTED",
    "Inspection",
    "inspect_bytes",
    "inspect_file",
    "ocr_document",
    "prewarm",
    "shutdown",
]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_BYTES = 500 * 1024 * 1024
CANCELLED_ERROR = "reading was cancelled"
_fallback_logged = False


def inspect_file(
    path: Path | str,
    password: str | None = None,
    *,
    max_text_pages: int | None = None,
    max_text_chars: int = 20_000_000,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int | None = None,
    cancel: CancelCheck | None = None,
    isolate: bool = True,
) -> Inspection:
    """Inspect the file at ``path``; too-large files are refused before they are read."""
    name = Path(path).name
    try:  # opened once; the descriptor is what is checked and read (a FIFO cannot block it)
        with os.fdopen(open_regular(path), "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                return _too_large(name, size, max_bytes)
            data = handle.read(max_bytes + 1)  # bounded: the limit is on what is read
    except NotRegular as exc:  # the words other code and the GUI already know, and the kind
        return _refused(
            name, "not a regular file" + ("" if "folder" in exc.kind else f" ({exc.kind})")
        )
    except CannotOpen as exc:
        return _refused(name, f"cannot read the file ({exc.reason})")
    except OSError as exc:
        return _refused(name, f"cannot read the file ({exc.strerror or type(exc).__name__})")
    if len(data) > max_bytes:
        return _too_large(name, len(data), max_bytes)
    return inspect_bytes(
        data,
        name,
        password,
        max_text_pages=max_text_pages,
        max_text_chars=max_text_chars,
        timeout=timeout,
        max_bytes=max_bytes,
        max_pixels=max_pixels,
        cancel=cancel,
        isolate=isolate,
    )


def inspect_bytes(
    data: bytes,
    file_name: str,
    password: str | None = None,
    *,
    max_text_pages: int | None = None,
    max_text_chars: int = 20_000_000,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int | None = None,
    cancel: CancelCheck | None = None,
    isolate: bool = True,
) -> Inspection:
    """Inspect ``data`` named ``file_name`` (only its basename is kept or shown).

    ``cancel`` is asked between pages (in-process) or every 50 ms (isolated); when it returns
    True the reading stops and the file is reported as rejected. ``isolate=False`` reads in this
    process: for debugging only, as the timeout cannot be enforced there.
    """
    started = time.monotonic()
    name = PureWindowsPath(file_name).name or file_name  # strips POSIX and Windows folders
    data = bytes(data)
    if len(data) > max_bytes:
        return _too_large(name, len(data), max_bytes)
    sniffed = sniff(data, name)
    if sniffed.fmt is None:
        return _refused(name, sniffed.error or "unsupported file type")
    options = JobOptions(max_text_pages, max_text_chars, max_pixels)
    if isolate:
        result = _isolated(sniffed.fmt, data, password, options, timeout, cancel)
    else:
        result = _here(sniffed.fmt, data, password, options, cancel)
    result.file_name = name
    result.kind = result.kind or sniffed.kind
    result.mime = result.mime or sniffed.mime
    result.warnings = list(dict.fromkeys([*sniffed.warnings, *result.warnings]))
    log.debug(
        "intake: %s is %s (%s) after %.2f s",
        name,
        result.status,
        sniffed.fmt,
        time.monotonic() - started,
    )
    return result


OCR_PARALLEL = max(1, min(2, os.cpu_count() or 1))  # pages recognized at the same time
OCR_PAGE_TIMEOUT = 90.0  # one page, all its readings (upright check, up to four turns)
OCR_CALL_TIMEOUT = 30.0  # one Tesseract run
OcrProgress = Callable[[int, int], None]


def ocr_document(
    inspection: Inspection,
    data: bytes,
    *,
    page_timeout: float | None = None,
    cancel: CancelCheck | None = None,
    progress: OcrProgress | None = None,
    isolate: bool = True,
) -> Inspection:
    """Recognize the scanned pages of an inspected file (all pages of an image, the image-only
    pages of a PDF) in the reader processes, one page per request (two at a time on two or more
    cores) so that progress shows and Cancel acts within a page; ``data`` is the file as
    inspected (the working copy if any).

    Fills the per-page origins, confidences, turns and skews. No engine, an engine failure or a
    timeout leave the pages "scanned, not read" with a warning saying why; the file stays
    usable. Cancel rejects the file like a cancelled reading.
    """
    if not inspection.ok or inspection.kind not in ("pdf", "image"):
        return inspection
    count = inspection.pages or 0
    texts = list(inspection.page_texts) + [""] * (count - len(inspection.page_texts))
    inspection.page_texts = texts[:count] if count else texts
    inspection.page_origins = ["text" if has_meaningful_text(t) else "" for t in texts]
    inspection.page_confidence = [None] * len(texts)
    inspection.page_turns = [0] * len(texts)
    inspection.page_skew = [0.0] * len(texts)
    wanted = (
        list(range(1, count + 1)) if inspection.kind == "image" else inspection.image_only_pages
    )
    if not wanted:
        return inspection
    fmt = sniff(data, inspection.file_name).fmt or ""
    page_timeout = OCR_PAGE_TIMEOUT if page_timeout is None else page_timeout
    failure: str | None = None
    stop = threading.Event()  # set when the engine is missing: the other pages stop too

    def stopped() -> bool:
        return stop.is_set() or (cancel is not None and cancel())

    if progress is not None:
        progress(0, len(wanted))
    # one page per reader process and core: Tesseract runs single-threaded (see ocr.py)
    parallel = max(1, min(OCR_PARALLEL, len(wanted)))
    with ThreadPoolExecutor(parallel, thread_name_prefix="ocr") as executor:
        futures = [
            executor.submit(_ocr_request, fmt, data, page, page_timeout, stopped, isolate)
            for page in wanted
        ]
        for done, future in enumerate(as_completed(futures), start=1):
            reply = future.result()
            if reply is None:  # cancelled, or stopped after the engine was found missing
                stop.set()
                continue
            inspection.ocr_engine = inspection.ocr_engine or reply.get("engine")
            for item in reply.get("pages") or []:
                _apply_page(inspection, item)
            if reply.get("error"):
                failure = str(reply["error"])
                if "no OCR engine" in failure or "could not be started" in failure:
                    stop.set()  # no point asking again for every page
            if progress is not None and not stop.is_set():
                progress(done, len(wanted))
    if cancel is not None and cancel():
        return Inspection(inspection.file_name, inspection.kind).reject(CANCELLED_ERROR)
    read = inspection.ocr_pages
    unread = [p for p in wanted if p not in read]
    if read and not unread:  # "no text layer ... needs OCR" is no longer news
        inspection.warnings = [w for w in inspection.warnings if "no text layer" not in w]
    if read:
        inspection.warn(
            f"text recognized by OCR on page {page_list(read)}: facts read from it need checking"
        )
    if unread:
        why = f" ({failure})" if failure else ""
        inspection.warn(f"scanned, not read: page {page_list(unread)}{why}")
    return inspection


def _apply_page(inspection: Inspection, item: dict[str, Any]) -> None:
    index = int(item["page"]) - 1
    if not 0 <= index < len(inspection.page_texts):
        return
    text = str(item.get("text") or "")
    inspection.page_turns[index] = int(item.get("rotation") or 0) % 360
    inspection.page_skew[index] = float(item.get("skew") or 0.0)
    if has_meaningful_text(text):
        inspection.page_texts[index] = text
        inspection.page_origins[index] = "ocr"
        inspection.page_confidence[index] = float(item.get("confidence") or 0.0)


def _ocr_request(
    fmt: str,
    data: bytes,
    page: int,
    timeout: float,
    cancel: CancelCheck | None,
    isolate: bool,
) -> dict[str, Any] | None:
    """The reader's reply for one page; None when cancelled."""
    if not isolate:
        from .ocr import ocr_job

        if cancel is not None and cancel():
            return None
        return ocr_job(fmt, data, [page], OCR_CALL_TIMEOUT)
    header = {"job": "ocr", "fmt": fmt, "pages": [page], "page_timeout": OCR_CALL_TIMEOUT}
    outcome = default_pool().run(header, data, timeout=timeout, cancel=cancel)
    if outcome.status == "done" and outcome.header is not None:
        return outcome.header
    if outcome.status == "cancelled":
        return None
    if outcome.status == "timeout":
        return {"pages": [], "error": f"OCR did not finish page {page} within {timeout:g} s"}
    if outcome.status == "unavailable":
        return {"pages": [], "error": "no reader process could be started for OCR"}
    return {"pages": [], "error": f"the OCR reader stopped unexpectedly on page {page}"}


def prewarm() -> None:
    """Start a reader process ahead of the first file (e.g. when a case is opened)."""
    default_pool().prewarm()


def shutdown() -> None:
    """Stop idle reader processes now (they also stop on their own when idle or at exit)."""
    default_pool().close()


def _isolated(
    fmt: str,
    data: bytes,
    password: str | None,
    options: JobOptions,
    timeout: float,
    cancel: CancelCheck | None,
) -> Inspection:
    request = {"fmt": fmt, "password": password, "options": options.to_wire()}
    outcome: Outcome = default_pool().run(request, data, timeout=timeout, cancel=cancel)
    if outcome.status == "done" and outcome.header is not None:
        return Inspection.from_wire(outcome.header, outcome.payload)
    if outcome.status == "timeout":
        return Inspection("").reject(f"could not be read within {timeout:g} s")
    if outcome.status == "cancelled":
        return Inspection("").reject(CANCELLED_ERROR)
    if outcome.status == "crashed":
        code = "" if outcome.exit_code is None else f" (exit code {outcome.exit_code})"
        return Inspection("").reject(f"the reader stopped unexpectedly on this file{code}")
    global _fallback_logged
    if not _fallback_logged:
        log.warning("intake: no reader process available; reading files in the app process")
        _fallback_logged = True
    return _here(fmt, data, password, options, cancel)


def _here(
    fmt: str,
    data: bytes,
    password: str | None,
    options: JobOptions,
    cancel: CancelCheck | None,
) -> Inspection:
    try:
        return run_job(fmt, data, password, options, cancel)
    except Cancelled:
        return Inspection("").reject(CANCELLED_ERROR)


def _refused(name: str, error: str) -> Inspection:
    return Inspection(name).reject(error)


def _too_large(name: str, size: int, limit: int) -> Inspection:
    return _refused(name, f"file is too large ({_human(size)}; the limit is {_human(limit)})")


def _human(size: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}".replace(".0 ", " ")
    return f"{size} bytes"
