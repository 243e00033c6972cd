"""Importing a ``.qpa`` archive: everything checked first, then written all at once or not at all.

Order: the zip's central directory (zipcheck), the manifest, the JSON entries against their
hashes and against this app's schema, then every stored file is expanded into a staging folder
inside the file store and hashed. Only when all of that passed are the new files moved into
place and the rows inserted in one transaction; if the transaction fails the files moved in are
removed again. A refused archive therefore leaves no case, no row and no file behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..codec import case_from_dict, case_to_dict
from ..errors import CaseValidationError
from ..model import Case
from ..paths import private_temp_dir
from ..storage.attachments import AttachmentRepository
from ..storage.blobs import BlobStore, fsync_dir
from ..storage.cases import CaseRepository, _audit, _dump, _search_columns, now_iso
from ..storage.db import Database
from ..storage.errors import is_expected, storage_reason
from . import ids, tables
from .layout import (
    CASE_JSON,
    DEFAULT_LIMITS,
    MANIFEST,
    ArchiveError,
    FileEntry,
    Limits,
    Manifest,
    blob_of,
    entry_kind,
    show,
    table_of,
)
from .zipcheck import copy_entry, open_archive, read_entry

REQUIRED_BLOB_COLUMNS = {"attachments": ("original_sha256", "working_sha256")}


@dataclass(frozen=True)
class ImportResult:
    case_id: str
    source_case_id: str
    renamed: dict[str, str]  # old id -> new id, for every id that was taken here
    tables: dict[str, int]
    blobs_added: int
    blobs_present: int
    archive_app_version: str


@dataclass
class _Contents:
    manifest: Manifest
    case: Case
    rows: dict[str, list[tables.Row]]
    blobs: dict[str, zipfile.ZipInfo]


def import_archive(
    db: Database, blobs: BlobStore, path: Path, *, limits: Limits = DEFAULT_LIMITS
) -> ImportResult:
    """Import the case in ``path``; ArchiveError (nothing written) when anything is wrong."""
    name = path.name
    specs = {s.name: s for s in tables.discover(db.conn)}
    with open_archive(path, limits) as (zf, infos):
        contents = _read_contents(zf, infos, name, db, specs)
        # staging in the data folder's private temp folder (same disk as the file store, so
        # files move in by rename); a killed import's staging is swept at the next start
        try:
            with private_temp_dir(blobs.root.parent, "import-") as staging:
                staged, present = _stage_blobs(zf, contents, name, blobs, staging)
                added = _move_into_store(blobs, staged)
                try:
                    new_id, renames = _insert(db, specs, contents, name)
                except BaseException:
                    _remove_unreferenced(db, blobs, added)
                    raise
        except OSError as exc:
            raise ArchiveError(
                f"{name}: cannot write to the data folder ({storage_reason(exc)});"
                " nothing was imported"
            ) from None
    return ImportResult(
        case_id=new_id,
        source_case_id=contents.manifest.case_id,
        renamed=renames,
        tables={t: len(r) for t, r in contents.rows.items()},
        blobs_added=len(added),
        blobs_present=len(present),
        archive_app_version=contents.manifest.app_version,
    )


# -- reading and checking ---------------------------------------------------------------------


def _json_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, entry: FileEntry, name: str) -> Any:
    data = read_entry(zf, info, name)
    if hashlib.sha256(data).hexdigest() != entry.sha256:
        raise ArchiveError(f"{name}: {entry.name} does not match its hash in the manifest; refused")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ArchiveError(f"{name}: {entry.name} is not valid JSON; refused") from None


def _read_manifest(zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], name: str) -> Manifest:
    info = infos.get(MANIFEST)
    if info is None:
        raise ArchiveError(f"{name}: no manifest.json; not a case archive")
    try:
        data = json.loads(read_entry(zf, info, name).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ArchiveError(f"{name}: manifest.json is not valid JSON; refused") from None
    manifest = Manifest.from_json(data, name)
    listed = [f.name for f in manifest.files]
    if len(set(listed)) != len(listed):
        raise ArchiveError(f"{name}: manifest.json lists an entry twice; refused")
    for entry in manifest.files:
        info = infos.get(entry.name)
        if entry_kind(entry.name) in (None, "manifest") or info is None:
            raise ArchiveError(f"{name}: manifest lists {show(entry.name)}, which is missing")
        if info.file_size != entry.size:
            raise ArchiveError(f"{name}: {entry.name} is not the size the manifest gives; refused")
    unlisted = set(infos) - set(listed) - {MANIFEST}
    if unlisted:
        raise ArchiveError(f"{name}: entry {show(min(unlisted))} is not in the manifest; refused")
    return manifest


def _read_contents(
    zf: zipfile.ZipFile,
    infos: dict[str, zipfile.ZipInfo],
    name: str,
    db: Database,
    specs: dict[str, tables.TableSpec],
) -> _Contents:
    manifest = _read_manifest(zf, infos, name)
    here = db.schema_version()
    if manifest.schema_version > here:
        raise ArchiveError(
            f"{name}: written by a newer version of the app (schema {manifest.schema_version},"
            f" this app knows {here}); update the app to import it"
        )
    case: Case | None = None
    rows: dict[str, list[tables.Row]] = {}
    found: dict[str, zipfile.ZipInfo] = {}
    for entry in manifest.files:
        kind = entry_kind(entry.name)
        if kind == "case":
            try:
                case = case_from_dict(_json_entry(zf, infos[entry.name], entry, name))
            except CaseValidationError as exc:
                raise ArchiveError(f"{name}: case.json: {exc}") from None
        elif kind == "rows":
            table = table_of(entry.name)
            rows[table] = _check_rows(
                table, _json_entry(zf, infos[entry.name], entry, name), specs, name
            )
        elif kind == "blob":
            if blob_of(entry.name) != entry.sha256:
                raise ArchiveError(f"{name}: {entry.name} is listed with another hash; refused")
            found[entry.sha256] = infos[entry.name]
    if case is None:
        raise ArchiveError(f"{name}: no {CASE_JSON}; not a case archive")
    _check_ownership(rows, specs, manifest.case_id, name)
    _check_required_blobs(rows, found, name)
    return _Contents(manifest, case, rows, found)


def _check_rows(
    table: str, data: Any, specs: dict[str, tables.TableSpec], name: str
) -> list[tables.Row]:
    spec = specs.get(table)
    if spec is None:
        raise ArchiveError(f"{name}: table {table!r} is unknown to this version of the app")
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ArchiveError(f"{name}: rows of {table} are not a list of objects; refused")
    known = set(spec.columns)
    out = []
    for number, row in enumerate(data, start=1):
        unknown = set(row) - known
        if unknown:
            raise ArchiveError(
                f"{name}: {table} has a column {show(str(min(unknown)), 40)} this app does"
                " not know; update the app to import it"
            )
        try:
            out.append({k: tables.decode_value(v) for k, v in row.items()})
        except ValueError:
            raise ArchiveError(f"{name}: {table} row {number} holds a non-value; refused") from None
        for value in out[-1].values():
            if isinstance(value, str) and value[:1] in "{[" and _too_deep(value):
                raise ArchiveError(f"{name}: {table} row {number} is nested too deeply; refused")
    return out


def _too_deep(text: str) -> bool:
    """JSON text the app could not read back (a nesting bomb); other text is left alone."""
    try:
        json.loads(text)
    except ValueError:
        return False  # not JSON: ordinary text such as "[date]" in a letter
    except RecursionError:
        return True
    return False


def _check_ownership(
    rows: dict[str, list[tables.Row]],
    specs: dict[str, tables.TableSpec],
    case_id: str,
    name: str,
) -> None:
    """Every row must belong to the archive's case: an archive cannot touch other cases."""
    cases = rows.get(tables.CASES, [])
    if len(cases) != 1 or cases[0].get("id") != case_id:
        raise ArchiveError(f"{name}: the case row is missing or is not case {case_id}; refused")
    for table, table_rows in rows.items():
        spec = specs[table]
        if spec.parent is None:
            continue
        parent_rows = rows.get(spec.parent, [])
        allowed = {r.get(spec.parent_column or "") for r in parent_rows}
        for row in table_rows:
            if row.get(spec.owner) not in allowed:
                raise ArchiveError(
                    f"{name}: a row of {table} does not belong to case {case_id}; refused"
                )


def _check_required_blobs(
    rows: dict[str, list[tables.Row]], found: dict[str, zipfile.ZipInfo], name: str
) -> None:
    for table, columns in REQUIRED_BLOB_COLUMNS.items():
        for row in rows.get(table, []):
            for column in columns:
                if row.get(column) not in found:
                    raise ArchiveError(
                        f"{name}: a file of attachment {row.get('id')} is not in the archive;"
                        " refused"
                    )


def _read_back(db: Database, case_id: str, name: str) -> None:
    """Inside the transaction: the app must be able to load what was inserted."""
    try:
        CaseRepository(db).get(case_id)
        AttachmentRepository(db).list(case_id)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        raise ArchiveError(f"{name}: attachment rows are malformed; refused") from None


# -- writing ----------------------------------------------------------------------------------


def _stage_blobs(
    zf: zipfile.ZipFile, contents: _Contents, name: str, blobs: BlobStore, staging: Path
) -> tuple[dict[str, Path], list[str]]:
    """Expand and hash every file; returns the new ones (staged) and those already stored."""
    staged: dict[str, Path] = {}
    present: list[str] = []
    for digest, info in contents.blobs.items():
        target = staging / digest
        with open(target, "xb") as fh:
            got = copy_entry(zf, info, name, fh)
        if got != digest:
            raise ArchiveError(f"{name}: {info.filename} does not match its hash; refused")
        if blobs.has(digest):
            present.append(digest)
            target.unlink()
        else:
            staged[digest] = target
    return staged, present


def _move_into_store(blobs: BlobStore, staged: dict[str, Path]) -> list[str]:
    added: list[str] = []
    try:
        for digest, source in staged.items():
            target = blobs.path_for(digest)
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if target.exists():
                continue  # another process stored the same bytes meanwhile
            os.chmod(source, 0o400)
            os.replace(source, target)
            added.append(digest)
            fsync_dir(target.parent)
    except BaseException:
        _unlink_blobs(blobs, added)
        raise
    return added


def _unlink_blobs(blobs: BlobStore, digests: list[str]) -> None:
    """Take files back out, and their two-letter folders when that leaves them empty."""
    for digest in digests:
        path = blobs.path_for(digest)
        with contextlib.suppress(OSError):
            path.unlink()
        with contextlib.suppress(OSError):
            path.parent.rmdir()  # fails (and is kept) when other files are in it


def _remove_unreferenced(db: Database, blobs: BlobStore, added: list[str]) -> None:
    """After a failed insert: remove the files this import added, unless a row now uses them."""
    unused = [
        digest
        for digest in added
        if db.conn.execute(
            "SELECT 1 FROM attachments WHERE original_sha256 = ? OR working_sha256 = ? LIMIT 1",
            (digest, digest),
        ).fetchone()
        is None
    ]
    _unlink_blobs(blobs, unused)


def _insert(
    db: Database, specs: dict[str, tables.TableSpec], contents: _Contents, name: str
) -> tuple[str, dict[str, str]]:
    """Insert every row in one transaction; ids taken here are renamed inside it (no race)."""
    source_id = contents.manifest.case_id
    case_row = dict(contents.rows[tables.CASES][0])
    # the facts come from case.json (checked); the search columns are derived from them
    last, first, dob, mrn, member = _search_columns(contents.case)
    case_row.update(
        id=source_id,
        data=_dump(case_to_dict(contents.case)),
        last_name=last,
        first_name=first,
        date_of_birth=dob,
        mrn=mrn,
        member_id=member,
    )
    rows = {**contents.rows, tables.CASES: [case_row]}
    try:
        with db.transaction() as conn:
            renames = ids.plan_renames(conn, specs, rows, source_id)
            new_id = renames.get(source_id, source_id)
            # a table added later may sort before its parent: check keys at COMMIT, not per row
            conn.execute("PRAGMA defer_foreign_keys = ON")
            for table, spec in specs.items():
                for row in rows.get(table, []):
                    tables.insert_row(conn, spec, ids.apply_renames(row, renames))
            _read_back(db, new_id, name)
            detail = {"source": name, "archive_case": source_id}
            _audit(conn, new_id, now_iso(), "imported_archive", detail)
    except sqlite3.Error as exc:
        if is_expected(exc):  # a full disk, a busy or damaged database: not the archive's fault
            raise ArchiveError(
                f"{name}: cannot write to the data folder ({storage_reason(exc)});"
                " nothing was imported"
            ) from None
        # constraint failures: the archive does not fit this database
        raise ArchiveError(f"{name}: rows do not fit this data folder ({exc}); refused") from None
    return new_id, renames
