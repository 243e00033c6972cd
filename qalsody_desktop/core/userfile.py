"""Reading a file a user named: a regular file only, opened once, read with a bound.

A path from a command line or a drop can name anything: a FIFO (reading blocks forever), a
character device such as ``/dev/zero`` (endless bytes), a symlink to either, or a file that is
swapped between a ``stat`` and an ``open``. So the file is opened once without blocking, the
*open descriptor* is checked to be a regular file, and at most ``limit + 1`` bytes are read: the
limit applies to what is read, not to what ``st_size`` claimed.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import IO

from .errors import QalsodyError

CHUNK = 1 << 20


class UserFileError(QalsodyError):
    """The file cannot be used; the message names the file (never its content)."""


class CannotOpen(UserFileError):
    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: cannot read ({reason})")
        self.reason = reason


class NotRegular(UserFileError):
    def __init__(self, name: str, kind: str):
        super().__init__(f"{name}: {kind}, not a regular file; not read")
        self.kind = kind


def kind_of(mode: int) -> str:
    """A short name for what a non-regular file is, for messages."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: Path | str) -> int:
    """A read-only descriptor for ``path``, refused unless it is a regular file.

    O_NONBLOCK keeps a FIFO with no writer from blocking the open; O_NOCTTY keeps a terminal
    device from becoming ours. Both are harmless for a regular file.
    """
    name = Path(path).name
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise CannotOpen(name, "a symbolic link loop") from None
        raise CannotOpen(name, exc.strerror or str(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:
        os.close(fd)
        raise CannotOpen(name, exc.strerror or str(exc)) from None
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotRegular(name, kind_of(mode))
    return fd


def read_limited(path: Path | str, limit: int, *, what: str = "") -> bytes:
    """The bytes of the regular file ``path``; UserFileError when it has more than ``limit``
    (``what``, e.g. "for an attachment", completes the message)."""
    name = Path(path).name
    fd = open_regular(path)
    try:
        with os.fdopen(fd, "rb", closefd=True) as fh:
            if os.fstat(fh.fileno()).st_size > limit:  # surely too large: refused unread
                raise UserFileError(_too_large(name, limit, what))
            return read_bounded(fh, limit, name, what=what)
    except OSError as exc:
        raise CannotOpen(name, exc.strerror or str(exc)) from None


def read_bounded(fh: IO[bytes], limit: int, name: str, *, what: str = "") -> bytes:
    """Read at most ``limit`` bytes from an open binary file; more is refused, not truncated."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = fh.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise UserFileError(_too_large(name, limit, what))
    return b"".join(chunks)


def _too_large(name: str, limit: int, what: str) -> str:
    return f"{name}: larger than the {_size(limit)} limit{' ' + what if what else ''}; not read"


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit // (1024 * 1024)} MB"
    if limit >= 1024:
        return f"{limit // 1024} KB"
    return f"{limit}-byte"
