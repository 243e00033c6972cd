"""What was sent (``exports``): each bundle as written, with its manifest and hash.

A payer may later say a page was missing; the record shows exactly which file went out, its
SHA-256, its page count and the manifest listing every document in it.
"""

from __future__ import annotations

import builtins
import json
import secrets
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..errors import NotFoundError
from .cases import _audit, now_iso
from .db import Database


@dataclass(frozen=True)
class ExportRecord:
    id: str
    case_id: str
    kind: str  # e.g. "bundle"
    path: str
    sha256: str
    pages: int
    manifest: dict[str, Any]
    created_at: str


def _row(row: sqlite3.Row) -> ExportRecord:
    return ExportRecord(
        id=row["id"],
        case_id=row["case_id"],
        kind=row["kind"],
        path=row["path"],
        sha256=row["sha256"],
        pages=int(row["pages"]),
        manifest=json.loads(row["manifest"]),
        created_at=row["created_at"],
    )


class ExportRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(
        self,
        case_id: str,
        kind: str,
        path: str,
        sha256: str,
        pages: int,
        manifest: dict[str, Any],
        *,
        created_at: str | None = None,
    ) -> ExportRecord:
        """Record one export (and an audit entry naming it, not its contents)."""
        record = ExportRecord(
            id="x" + secrets.token_hex(6),
            case_id=case_id,
            kind=kind,
            path=path,
            sha256=sha256,
            pages=pages,
            manifest=manifest,
            created_at=created_at or now_iso(),
        )
        try:
            with self.db.transaction() as conn:
                conn.execute(
                    "INSERT INTO exports (id, case_id, kind, path, sha256, pages, manifest,"
                    " created_at) VALUES (?,?,?,?,?,?,?,?)",
                    (
                        record.id,
                        case_id,
                        kind,
                        path,
                        sha256,
                        pages,
                        json.dumps(manifest, sort_keys=True),
                        record.created_at,
                    ),
                )
                detail = {"export": record.id, "kind": kind, "sha256": sha256, "pages": pages}
                _audit(conn, case_id, now_iso(), "exported", detail)
        except sqlite3.IntegrityError:
            raise NotFoundError(f"no case {case_id!r}") from None
        return record

    def get(self, export_id: str) -> ExportRecord:
        row = self.db.conn.execute("SELECT * FROM exports WHERE id = ?", (export_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no export {export_id!r}")
        return _row(row)

    def list(self, case_id: str, kind: str | None = None) -> builtins.list[ExportRecord]:
        """Newest first."""
        sql = "SELECT * FROM exports WHERE case_id = ?"
        params: tuple[str, ...] = (case_id,)
        if kind is not None:
            sql += " AND kind = ?"
            params += (kind,)
        rows = self.db.conn.execute(sql + " ORDER BY created_at DESC, rowid DESC", params)
        return [_row(r) for r in rows.fetchall()]

    def latest(self, case_id: str, kind: str) -> ExportRecord | None:
        found = self.list(case_id, kind)
        return found[0] if found else None

    def delete(self, export_id: str) -> None:
        """Forget the record (the file on disk is the user's and is left alone)."""
        record = self.get(export_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM exports WHERE id = ?", (export_id,))
            _audit(conn, record.case_id, now_iso(), "export_forgotten", {"export": export_id})
