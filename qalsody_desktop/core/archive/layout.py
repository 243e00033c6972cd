"""What a ``.qpa`` case archive contains, and the limits an import holds it to.

A ``.qpa`` file is a zip with exactly these entries and nothing else::

    manifest.json          format, app and schema versions, every other entry with sha256 + size
    case.json              the case facts in the import format (qalsody-case/1)
    rows/<table>.json      every row of every per-case table (attachments, events, letter edits,
                           exports, preferences, audit ...) as column -> value objects
    blobs/<sha256>         every stored file the rows refer to, named by its hash

Entry names are checked against this list before anything is read, which alone rules out paths
outside the archive's folder; the other checks give a clearer message for the usual attacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import QalsodyError

FORMAT = "qalsody-archive/1"
SUFFIX = ".qpa"
MANIFEST = "manifest.json"
CASE_JSON = "case.json"
ROWS_PREFIX = "rows/"
BLOBS_PREFIX = "blobs/"

_ROWS_NAME = re.compile(r"rows/([a-z_][a-z0-9_]{0,62})\.json")
_BLOB_NAME = re.compile(r"blobs/([0-9a-f]{64})")
_SHA256 = re.compile(r"[0-9a-f]{64}")

MiB = 1024 * 1024
GiB = 1024 * MiB


class ArchiveError(QalsodyError):
    """The archive cannot be written or read; nothing was written. The text is safe to show."""


@dataclass(frozen=True)
class Limits:
    """Bounds on what an import will expand; the defaults fit any real case with room to spare.

    Attachments are at most 300 MB each (intake limit), a decrypted working copy about the same;
    the JSON entries are a few KB to a few MB. ``max_ratio`` catches zip bombs: real PDFs and
    images compress a few times at most, a bomb thousands of times.
    """

    max_total: int = 2 * GiB  # expanded size of all entries together
    max_blob: int = 1 * GiB  # one stored file
    max_json: int = 128 * MiB  # manifest, case.json or one rows/<table>.json
    max_entries: int = 20_000
    max_ratio: int = 200  # expanded / compressed, checked on entries over ratio_floor
    ratio_floor: int = 1 * MiB


DEFAULT_LIMITS = Limits()


def too_compressed(file_size: int, compress_size: int, limits: Limits) -> bool:
    """An entry that expands like a zip bomb (the export stores such entries uncompressed)."""
    return file_size > limits.ratio_floor and file_size > limits.max_ratio * max(compress_size, 1)


def entry_kind(name: str) -> str | None:
    """``manifest`` / ``case`` / ``rows`` / ``blob`` for a well-formed name, else None."""
    if name == MANIFEST:
        return "manifest"
    if name == CASE_JSON:
        return "case"
    if _ROWS_NAME.fullmatch(name):
        return "rows"
    if _BLOB_NAME.fullmatch(name):
        return "blob"
    return None


def rows_entry(table: str) -> str:
    return f"{ROWS_PREFIX}{table}.json"


def table_of(name: str) -> str:
    match = _ROWS_NAME.fullmatch(name)
    if not match:
        raise ValueError(name)
    return match.group(1)


def blob_entry(sha256: str) -> str:
    return f"{BLOBS_PREFIX}{sha256}"


def blob_of(name: str) -> str:
    match = _BLOB_NAME.fullmatch(name)
    if not match:
        raise ValueError(name)
    return match.group(1)


def is_sha256(value: object) -> bool:
    return isinstance(value, str) and _SHA256.fullmatch(value) is not None


def show(name: str, limit: int = 80) -> str:
    """An entry name as it may appear in a message (hostile names can be long or odd)."""
    text = repr(name)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


@dataclass(frozen=True)
class FileEntry:
    name: str
    sha256: str
    size: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "size": self.size}


@dataclass(frozen=True)
class Manifest:
    """The archive's table of contents; an import trusts nothing that it does not list."""

    format: str
    app_version: str
    schema_version: int
    created_at: str
    case_id: str
    files: tuple[FileEntry, ...]
    tables: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "app": "qalsody-desktop",
            "app_version": self.app_version,
            "schema_version": self.schema_version,
            "created_at": self.created_at,
            "case_id": self.case_id,
            "tables": dict(sorted(self.tables.items())),
            "files": [f.to_json() for f in self.files],
        }

    @classmethod
    def from_json(cls, data: Any, archive: str) -> Manifest:
        """Parse and check the shape; the version checks come first so their message wins."""
        if not isinstance(data, dict):
            raise ArchiveError(f"{archive}: manifest.json is not an object")
        fmt = data.get("format")
        if fmt != FORMAT:
            raise ArchiveError(
                f"{archive}: unknown archive format {show(str(fmt), 40)}; this app reads {FORMAT}"
            )
        schema = data.get("schema_version")
        files = data.get("files")
        tables = data.get("tables", {})
        case_id = data.get("case_id")
        if (
            not isinstance(schema, int)
            or isinstance(schema, bool)
            or not isinstance(files, list)
            or not isinstance(tables, dict)
            or not isinstance(case_id, str)
            or not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", case_id)
        ):
            raise ArchiveError(f"{archive}: manifest.json is incomplete or malformed")
        entries = []
        for item in files:
            if not (
                isinstance(item, dict)
                and isinstance(item.get("name"), str)
                and is_sha256(item.get("sha256"))
                and isinstance(item.get("size"), int)
                and not isinstance(item.get("size"), bool)
                and item["size"] >= 0
            ):
                raise ArchiveError(f"{archive}: manifest.json lists a malformed file entry")
            entries.append(FileEntry(item["name"], item["sha256"], item["size"]))
        return cls(
            format=FORMAT,
            app_version=str(data.get("app_version", "?")),
            schema_version=schema,
            created_at=str(data.get("created_at", "")),
            case_id=case_id,
            files=tuple(entries),
            tables={str(k): v for k, v in tables.items() if isinstance(v, int)},
        )
