"""Writing one case, its rows and its files into a ``.qpa`` archive, atomically.

The rows are read in one read transaction, so the archive is a consistent snapshot even while
the app is saving; the files are immutable (content-addressed), so reading them later is safe.
Each stored file is hashed as it is copied: a damaged file in the data folder stops the export
instead of travelling to another workstation.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import __version__
from ..codec import case_from_dict, case_to_dict
from ..errors import CaseValidationError, NotFoundError
from ..paths import note_output_folder
from ..storage.blobs import BlobStore, fsync_dir, sha256_file
from ..storage.cases import now_iso
from ..storage.db import Database
from . import tables
from .layout import (
    CASE_JSON,
    DEFAULT_LIMITS,
    FORMAT,
    MANIFEST,
    ArchiveError,
    FileEntry,
    Limits,
    Manifest,
    blob_entry,
    is_sha256,
    rows_entry,
    too_compressed,
)

# Files these tables point to must be in the archive; other hashes travel when they are stored.
REQUIRED_BLOB_TABLES = ("attachments",)
CHUNK = 1 << 20


@dataclass(frozen=True)
class ExportResult:
    case_id: str
    path: Path
    sha256: str  # of the archive file
    size: int
    tables: dict[str, int]
    blobs: int
    blob_bytes: int
    files: list[FileEntry] = field(default_factory=list)


@contextlib.contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read transaction: every SELECT inside sees the same committed state (WAL)."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")


def collect_hashes(value: Any, found: set[str]) -> None:
    """Every SHA-256-looking string in a column value, including inside JSON text."""
    if isinstance(value, str):
        if is_sha256(value):
            found.add(value)
        elif value[:1] in "{[":
            with contextlib.suppress(ValueError, RecursionError):
                collect_hashes(json.loads(value), found)
    elif isinstance(value, dict):
        for item in value.values():
            collect_hashes(item, found)
    elif isinstance(value, list):
        for item in value:
            collect_hashes(item, found)


def _read_case(db: Database, case_id: str) -> tuple[dict[str, Any], dict[str, list[tables.Row]]]:
    specs = tables.discover(db.conn)
    with read_snapshot(db.conn) as conn:
        rows = {s.name: tables.read_rows(conn, s, case_id) for s in specs}
    if not rows.get(tables.CASES):
        raise NotFoundError(f"no case {case_id!r}")
    try:
        case = case_from_dict(json.loads(rows[tables.CASES][0]["data"]))
    except (CaseValidationError, ValueError) as exc:
        raise ArchiveError(f"case {case_id} cannot be read back ({exc}); not exported") from None
    return case_to_dict(case), rows


def _blob_plan(
    blobs: BlobStore, case_id: str, rows: dict[str, list[tables.Row]]
) -> dict[str, Path]:
    required: set[str] = set()
    optional: set[str] = set()
    for table, table_rows in rows.items():
        for row in table_rows:
            for column, value in row.items():
                if table in REQUIRED_BLOB_TABLES and column.endswith("sha256") and value:
                    required.add(str(value))
                collect_hashes(value, optional)
    plan: dict[str, Path] = {}
    for digest in sorted(required | optional):
        path = blobs.path_for(digest) if is_sha256(digest) else None
        if path is not None and path.is_file():
            plan[digest] = path
        elif digest in required:
            raise ArchiveError(
                f"case {case_id}: attached file {digest[:12]} is missing from the data folder;"
                " not exported"
            )
    return plan


def export_case(
    db: Database, blobs: BlobStore, case_id: str, out: Path, *, limits: Limits = DEFAULT_LIMITS
) -> ExportResult:
    """Write ``out`` (replaced atomically); an error leaves no file and no temporary behind.

    The archive is held to the limits an import applies, so every export can be imported: an
    entry that deflates so well that it would look like a zip bomb (a PDF of repeated text, a
    blank uncompressed scan) is written again uncompressed.
    """
    if out.is_dir():
        raise ArchiveError(f"{out}: is a folder; give a file name ending in .qpa")
    if not out.parent.is_dir():
        raise ArchiveError(f"{out.parent}: no such folder")
    case_dict, rows = _read_case(db, case_id)
    plan = _blob_plan(blobs, case_id, rows)
    sizes = {digest: path.stat().st_size for digest, path in plan.items()}
    blob_bytes = sum(sizes.values())
    if blob_bytes > limits.max_total or max(sizes.values(), default=0) > limits.max_blob:
        raise ArchiveError(
            f"case {case_id}: its files ({blob_bytes} bytes) are more than an archive may hold"
            f" ({limits.max_total} in all, {limits.max_blob} each); not exported"
        )
    stored: set[str] = set()
    # the temporary archive (patient data) is beside ``out``: a killed export's is swept later
    note_output_folder(blobs.root.parent, out.parent)
    while True:
        fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=".tmp-", suffix=".qpa")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as fh:
                entries, dense = _write_zip(fh, db, case_id, case_dict, rows, plan, stored, limits)
                fh.flush()
                os.fsync(fh.fileno())
            if dense - stored:
                stored |= dense
                tmp.unlink()
                continue
            _check_importable(case_id, entries, limits)
            os.chmod(tmp, 0o600)
            digest = sha256_file(tmp)
            size = tmp.stat().st_size
            os.replace(tmp, out)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            raise
        break
    fsync_dir(out.parent)
    return ExportResult(
        case_id=case_id,
        path=out,
        sha256=digest,
        size=size,
        tables={name: len(r) for name, r in rows.items()},
        blobs=len(plan),
        blob_bytes=blob_bytes,
        files=entries,
    )


def _check_importable(case_id: str, entries: list[FileEntry], limits: Limits) -> None:
    total = sum(e.size for e in entries)
    big_json = [e.name for e in entries if e.name.endswith(".json") and e.size > limits.max_json]
    if total > limits.max_total or big_json or len(entries) + 1 > limits.max_entries:
        raise ArchiveError(
            f"case {case_id} is too large for an archive ({total} bytes in {len(entries)}"
            " entries); not exported"
        )


def _info(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.compress_type = compress
    info.external_attr = (stat.S_IFREG | 0o600) << 16
    return info


def _worth_compressing(path: Path) -> bool:
    """PDFs and images are mostly compressed already; deflating them again costs time only."""
    with open(path, "rb") as fh:
        sample = fh.read(256 * 1024)
    return len(zlib.compress(sample, 1)) < 0.9 * len(sample)


def _write_zip(
    fh: Any,
    db: Database,
    case_id: str,
    case_dict: dict[str, Any],
    rows: dict[str, list[tables.Row]],
    plan: dict[str, Path],
    stored: set[str],
    limits: Limits,
) -> tuple[list[FileEntry], set[str]]:
    """Write the archive; returns its entries and the names an import would take for bombs."""
    entries: list[FileEntry] = []
    with zipfile.ZipFile(fh, "w", allowZip64=True) as zf:

        def put_json(name: str, data: Any) -> None:
            body = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True).encode("utf-8")
            method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            zf.writestr(_info(name, method), body)
            entries.append(FileEntry(name, hashlib.sha256(body).hexdigest(), len(body)))

        put_json(CASE_JSON, case_dict)
        for table, table_rows in rows.items():
            put_json(rows_entry(table), table_rows)
        for digest, path in plan.items():
            entries.append(_put_blob(zf, case_id, digest, path, blob_entry(digest) in stored))
        manifest = Manifest(
            format=FORMAT,
            app_version=__version__,
            schema_version=db.schema_version(),
            created_at=now_iso(),
            case_id=case_id,
            files=tuple(entries),
            tables={name: len(r) for name, r in rows.items()},
        )
        body = json.dumps(manifest.to_json(), indent=1, ensure_ascii=False).encode("utf-8")
        zf.writestr(_info(MANIFEST, zipfile.ZIP_DEFLATED), body)
        dense = {
            i.filename
            for i in zf.infolist()
            if too_compressed(i.file_size, i.compress_size, limits)
        }
    return entries, dense


def _put_blob(
    zf: zipfile.ZipFile, case_id: str, digest: str, path: Path, store_only: bool
) -> FileEntry:
    deflate = not store_only and _worth_compressing(path)
    compress = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    hasher = hashlib.sha256()
    size = 0
    with open(path, "rb") as src, zf.open(_info(blob_entry(digest), compress), "w") as dst:
        while chunk := src.read(CHUNK):
            hasher.update(chunk)
            dst.write(chunk)
            size += len(chunk)
    if hasher.hexdigest() != digest:
        raise ArchiveError(
            f"case {case_id}: stored file {digest[:12]} is damaged (hash mismatch); not exported"
        )
    return FileEntry(blob_entry(digest), digest, size)
