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
import time
from pathlib import Path, PureWindowsPath

from ..userfile import CannotOpen, NotRegular, open_regular
from .common import NEEDS_PASSWORD, OK, REJECTED, CancelCheck, Cancelled, Inspection
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
    max_text_pages: int = 50,
    max_text_chars: int = 200_000,
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
    max_text_pages: int = 50,
    max_text_chars: int = 200_000,
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
