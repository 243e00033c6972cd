"""Opening an untrusted ``.qpa`` zip: every entry is judged from the central directory first.

The checks run before one byte is expanded: names (absolute, ``..``, backslashes, unknown),
entry types (links, folders, devices), encryption, duplicates, declared sizes against the
limits, compression ratio, and overlapping entries (the "better zip bomb" reuses one compressed
stream for many entries). Reading then never trusts the declared size: it stops at the limit
and zipfile's CRC check catches a header that lied.
"""

from __future__ import annotations

import hashlib
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..userfile import UserFileError, open_regular
from .layout import ArchiveError, Limits, entry_kind, show, too_compressed

_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error)
_SUPPORTED_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
CHUNK = 1 << 20


@contextmanager
def open_archive(
    path: Path, limits: Limits
) -> Iterator[tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]]:
    """The open zip and its entries by name, after every check on the central directory."""
    name = path.name
    try:  # opened once: the descriptor checked (a regular file) is the one read
        handle = os.fdopen(open_regular(path), "rb")
    except UserFileError as exc:
        raise ArchiveError(str(exc)) from None
    with handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limits.max_total + limits.max_json:
            raise ArchiveError(f"{name}: {size} bytes is larger than any case archive may be")
        try:
            zf = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, *_READ_ERRORS, NotImplementedError):
            raise ArchiveError(
                f"{name}: not a case archive (not a zip file, or cut short in copying)"
            ) from None
        try:
            infos = check_entries(zf.infolist(), name, limits, size)
            yield zf, infos
        finally:
            zf.close()


def check_entries(
    infos: list[zipfile.ZipInfo], archive: str, limits: Limits, archive_size: int
) -> dict[str, zipfile.ZipInfo]:
    if len(infos) > limits.max_entries:
        raise ArchiveError(f"{archive}: {len(infos)} entries is more than a case archive holds")
    by_name: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        _check_name(info.filename, archive)
        _check_type(info, archive)
        if info.filename in by_name:
            raise ArchiveError(f"{archive}: entry {show(info.filename)} appears twice")
        by_name[info.filename] = info
        total += info.file_size
        _check_size(info, archive, limits)
    if total > limits.max_total:
        raise ArchiveError(
            f"{archive}: would expand to {total} bytes, over the {limits.max_total}-byte limit"
        )
    _check_layout(infos, archive, archive_size)
    return by_name


def _check_name(name: str, archive: str) -> None:
    shown = show(name)
    if not name or "\x00" in name:
        raise ArchiveError(f"{archive}: an entry has an empty or binary name")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise ArchiveError(f"{archive}: entry {shown} has an absolute path; refused")
    parts = name.replace("\\", "/").split("/")
    if ".." in parts:
        raise ArchiveError(f"{archive}: entry {shown} points outside the archive's folder; refused")
    if "\\" in name:
        raise ArchiveError(f"{archive}: entry {shown} has a backslash in its path; refused")
    if name.endswith("/"):
        raise ArchiveError(f"{archive}: entry {shown} is a folder entry; refused")
    if entry_kind(name) is None:
        raise ArchiveError(f"{archive}: unexpected entry {shown}; not a case archive")


def _check_type(info: zipfile.ZipInfo, archive: str) -> None:
    shown = show(info.filename)
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        raise ArchiveError(f"{archive}: entry {shown} is a symbolic link; refused")
    if kind == stat.S_IFDIR or info.external_attr & 0x10:  # 0x10: the MS-DOS folder bit
        raise ArchiveError(f"{archive}: entry {shown} is a folder entry; refused")
    if kind not in (0, stat.S_IFREG):
        raise ArchiveError(f"{archive}: entry {shown} is a special file; refused")
    if info.flag_bits & 0x1:
        raise ArchiveError(f"{archive}: entry {shown} is encrypted; case archives never are")
    if info.compress_type not in _SUPPORTED_COMPRESSION:
        raise ArchiveError(f"{archive}: entry {shown} uses an unsupported compression")


def _check_size(info: zipfile.ZipInfo, archive: str, limits: Limits) -> None:
    shown = show(info.filename)
    limit = limits.max_blob if entry_kind(info.filename) == "blob" else limits.max_json
    if info.file_size > limit:
        raise ArchiveError(
            f"{archive}: entry {shown} would expand to {info.file_size} bytes, over the"
            f" {limit}-byte limit"
        )
    if too_compressed(info.file_size, info.compress_size, limits):
        raise ArchiveError(
            f"{archive}: entry {shown} expands {info.file_size // max(info.compress_size, 1)}"
            " times (a zip bomb?); refused"
        )


def _check_layout(infos: list[zipfile.ZipInfo], archive: str, archive_size: int) -> None:
    """Entries' compressed data must not overlap or run past the end of the file."""
    spans = sorted(
        (i.header_offset, i.header_offset + 30 + len(i.filename.encode()) + i.compress_size)
        for i in infos
    )
    for (_, end), (next_start, _) in zip(spans, spans[1:], strict=False):
        if end > next_start:
            raise ArchiveError(f"{archive}: entries overlap (a zip bomb?); refused")
    if spans and spans[-1][1] > archive_size:
        raise ArchiveError(f"{archive}: cut short (an entry runs past the end of the file)")


def read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive: str) -> bytes:
    """The entry's bytes, never more than it declared (the size limit was checked on that)."""
    out = bytearray()
    for chunk in _chunks(zf, info, archive):
        out += chunk
    return bytes(out)


def copy_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive: str, dest: IO[bytes]) -> str:
    """Stream the entry into ``dest`` (fsynced); returns the SHA-256 of what was written."""
    digest = hashlib.sha256()
    for chunk in _chunks(zf, info, archive):
        digest.update(chunk)
        dest.write(chunk)
    dest.flush()
    os.fsync(dest.fileno())
    return digest.hexdigest()


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive: str) -> Iterator[bytes]:
    shown = show(info.filename)
    seen = 0
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                seen += len(chunk)
                if seen > info.file_size:
                    raise ArchiveError(f"{archive}: entry {shown} is longer than it declares")
                yield chunk
    except _READ_ERRORS as exc:
        raise ArchiveError(
            f"{archive}: entry {shown} is damaged ({type(exc).__name__}); refused"
        ) from None
    if seen != info.file_size:
        raise ArchiveError(f"{archive}: entry {shown} is shorter than it declares")
