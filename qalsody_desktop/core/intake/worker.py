"""The reader process: ``python -m qalsody_desktop.core.intake.worker``.

Parsing untrusted files happens here, never in the app: a file that makes a reader loop, recurse
or allocate without end costs only this process, which the app kills (see ``pool``). The process
serves one request at a time over stdin/stdout with simple length-prefixed frames:

    b"QPI1" + header length (4 bytes, big-endian) + payload length (8 bytes) + JSON + payload

It announces itself with a ``{"ready": true}`` frame once its imports are done. stdout is kept for
frames only (stray prints go to stderr, which the app discards, as are all library logs: they
could quote document bytes).
"""

from __future__ import annotations

import json
import logging
import os
import struct
import sys
import warnings
from typing import IO, Any

MAGIC = b"QPI1"
_PREFIX = struct.Struct(">4sIQ")
MAX_HEADER = 256 * 1024 * 1024
MAX_PAYLOAD = 4 * 1024 * 1024 * 1024
BASE_MEMORY = 1536 * 1024 * 1024  # address space for the interpreter and the readers
MEMORY_PER_INPUT_BYTE = 6  # pypdf keeps the file, its objects and a re-written copy


class ProtocolError(Exception):
    """The other side sent something that is not a frame (it died or is not our worker)."""


def write_frame(stream: IO[bytes], header: dict[str, Any], payload: bytes = b"") -> None:
    body = json.dumps(header, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    stream.write(_PREFIX.pack(MAGIC, len(body), len(payload)))
    stream.write(body)
    if payload:
        stream.write(payload)
    stream.flush()


def read_frame(stream: IO[bytes]) -> tuple[dict[str, Any], bytes] | None:
    """The next frame, or None at a clean end of stream."""
    prefix = _read_exactly(stream, _PREFIX.size, allow_eof=True)
    if prefix is None:
        return None
    magic, header_len, payload_len = _PREFIX.unpack(prefix)
    if magic != MAGIC or header_len > MAX_HEADER or payload_len > MAX_PAYLOAD:
        raise ProtocolError("not a frame")
    header = json.loads(_read_exactly(stream, header_len) or b"{}")
    payload = (_read_exactly(stream, payload_len) or b"") if payload_len else b""
    if not isinstance(header, dict):
        raise ProtocolError("frame header is not an object")
    return header, payload


def _read_exactly(stream: IO[bytes], size: int, allow_eof: bool = False) -> bytes | None:
    """``size`` bytes in one buffer: read in one call, as the pieces joined would hold the
    input twice (a 60 MB scan: 120 MB at the join, the reader's peak)."""
    data = stream.read(size)  # a buffered stream reads until it has ``size`` or the end
    if len(data) == size:
        return data
    if allow_eof and not data:
        return None
    raise ProtocolError("stream ended inside a frame")


def _limit_memory(input_size: int) -> None:
    """Cap this process's address space so a memory bomb fails here with MemoryError."""
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the timeout still applies
        return
    soft = BASE_MEMORY + MEMORY_PER_INPUT_BYTE * input_size
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (ValueError, OSError):  # not permitted here (e.g. macOS): carry on without a cap
        pass


def _silence() -> IO[bytes]:
    """Reserve the real stdout for frames; everything else anyone prints goes to stderr."""
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    logging.getLogger().setLevel(logging.CRITICAL)  # pdfdoc still captures pypdf's own log
    warnings.simplefilter("ignore")
    try:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the app to handle
    except (ImportError, ValueError, OSError):
        pass
    return channel


def serve(requests: IO[bytes], replies: IO[bytes]) -> int:
    """Answer inspection requests until the app closes our stdin."""
    # the readers are imported up front so that the first request is not slowed by them
    from . import docx_text, images, pdfdoc  # noqa: F401
    from .jobs import JobOptions, run_job

    write_frame(replies, {"ready": True, "pid": os.getpid()})
    while True:
        try:
            frame = read_frame(requests)
        except ProtocolError:
            return 2
        if frame is None:
            return 0
        header, data = frame
        del frame  # the input is held once, by ``data``, and dropped before the reply
        _limit_memory(len(data))
        if header.get("job") == "ocr":
            from .ocr import ocr_job

            pages = [int(p) for p in header.get("pages") or []]
            timeout = float(header.get("page_timeout") or 30.0)
            write_frame(replies, ocr_job(str(header.get("fmt")), data, pages, timeout))
            continue
        inspection = run_job(
            str(header.get("fmt")),
            data,
            header.get("password"),
            JobOptions.from_wire(header.get("options") or {}),
        )
        del data
        reply, payload = inspection.to_wire()
        write_frame(replies, reply, payload)


def main() -> int:
    replies = _silence()
    try:
        return serve(sys.stdin.buffer, replies)
    except (BrokenPipeError, ConnectionError):  # the app went away: nothing left to do
        return 0


if __name__ == "__main__":
    sys.exit(main())
