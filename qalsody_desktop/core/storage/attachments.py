"""Attachment rows; the files themselves are in the blob store and never change."""

from __future__ import annotations

import builtins
import json
import secrets
import sqlite3
from typing import Any

from ..errors import NotFoundError
from ..evidence.records import Attachment, PageState
from .cases import ConflictError, _audit, now_iso
from .db import Database
from .snapshot import Removed, put_rows, take_rows

_COLUMNS = (
    "id, case_id, file_name, original_sha256, working_sha256, kind, mime, size, pages,"
    " has_text_layer, needs_conversion, category, category_source, confidence, matched,"
    " warnings, analysis, pages_state, document_date, position, added_at"
)


def _row_to_attachment(row: sqlite3.Row) -> Attachment:
    return Attachment(
        id=row["id"],
        case_id=row["case_id"],
        file_name=row["file_name"],
        original_sha256=row["original_sha256"],
        working_sha256=row["working_sha256"],
        kind=row["kind"],
        mime=row["mime"],
        size=row["size"],
        pages=row["pages"],
        has_text_layer=bool(row["has_text_layer"]),
        needs_conversion=bool(row["needs_conversion"]),
        category=row["category"],
        category_source=row["category_source"],
        confidence=row["confidence"],
        matched=json.loads(row["matched"]),
        warnings=json.loads(row["warnings"]),
        analysis=json.loads(row["analysis"]),
        pages_state=PageState.from_json(json.loads(row["pages_state"])),
        document_date=row["document_date"],
        position=row["position"],
        added_at=row["added_at"],
    )


class AttachmentRepository:
    def __init__(self, db: Database):
        self.db = db

    def new_id(self) -> str:
        return "a" + secrets.token_hex(5)

    def add(self, att: Attachment, page_texts: builtins.list[str]) -> Attachment | None:
        """Insert the row, its text and an audit entry in one transaction: insert-or-get.

        Returns None when inserted, or the attachment that already holds the same original
        bytes for the case (another process attached them between our check and this write;
        the check here runs inside the write lock, so two writers cannot both insert).
        """
        with self.db.transaction() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM attachments WHERE case_id = ? AND original_sha256 = ?",
                (att.case_id, att.original_sha256),
            ).fetchone()
            if row is not None:
                return _row_to_attachment(row)
            if att.position == 0:
                row = conn.execute(
                    "SELECT COALESCE(MAX(position), 0) + 1 FROM attachments WHERE case_id = ?",
                    (att.case_id,),
                ).fetchone()
                att.position = int(row[0])
            conn.execute(
                f"INSERT INTO attachments ({_COLUMNS}) VALUES ({','.join('?' * 21)})",
                (
                    att.id,
                    att.case_id,
                    att.file_name,
                    att.original_sha256,
                    att.working_sha256,
                    att.kind,
                    att.mime,
                    att.size,
                    att.pages,
                    int(att.has_text_layer),
                    int(att.needs_conversion),
                    att.category,
                    att.category_source,
                    att.confidence,
                    json.dumps(att.matched),
                    json.dumps(att.warnings),
                    json.dumps(att.analysis, default=str),
                    json.dumps(att.pages_state.to_json()),
                    att.document_date,
                    att.position,
                    att.added_at,
                ),
            )
            conn.execute(
                "INSERT INTO attachment_text (attachment_id, page_texts) VALUES (?, ?)",
                (att.id, json.dumps(page_texts)),
            )
            detail = {"attachment": att.id, "file": att.file_name, "category": att.category}
            _audit(conn, att.case_id, now_iso(), "attached", detail)
        return None

    def get(self, attachment_id: str) -> Attachment:
        row = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM attachments WHERE id = ?", (attachment_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no attachment {attachment_id!r}")
        return _row_to_attachment(row)

    def list(self, case_id: str) -> builtins.list[Attachment]:
        rows = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM attachments WHERE case_id = ? ORDER BY position, added_at",
            (case_id,),
        ).fetchall()
        return [_row_to_attachment(r) for r in rows]

    def find_by_hash(self, case_id: str, sha256: str) -> Attachment | None:
        row = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM attachments WHERE case_id = ?"
            " AND (original_sha256 = ? OR working_sha256 = ?)",
            (case_id, sha256, sha256),
        ).fetchone()
        return _row_to_attachment(row) if row else None

    def page_texts(self, attachment_id: str) -> builtins.list[str]:
        row = self.db.conn.execute(
            "SELECT page_texts FROM attachment_text WHERE attachment_id = ?", (attachment_id,)
        ).fetchone()
        return json.loads(row[0]) if row else []

    def update(self, attachment_id: str, **changes: Any) -> Attachment:
        """Change user-editable fields (category, pages_state, position, document_date)."""
        allowed = {"category", "category_source", "pages_state", "position", "document_date"}
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        att = self.get(attachment_id)
        values = dict(changes)
        if "pages_state" in values:
            values["pages_state"] = json.dumps(values["pages_state"].to_json())
        with self.db.transaction() as conn:
            sets = ", ".join(f"{k} = ?" for k in values)
            conn.execute(
                f"UPDATE attachments SET {sets} WHERE id = ?", (*values.values(), attachment_id)
            )
            _audit(
                conn,
                att.case_id,
                now_iso(),
                "attachment_changed",
                {"attachment": attachment_id, "fields": sorted(changes)},
            )
        return self.get(attachment_id)

    def reorder(self, case_id: str, ordered_ids: builtins.list[str]) -> None:
        with self.db.transaction() as conn:
            for position, attachment_id in enumerate(ordered_ids, start=1):
                conn.execute(
                    "UPDATE attachments SET position = ? WHERE id = ? AND case_id = ?",
                    (position, attachment_id, case_id),
                )

    def remove(self, attachment_id: str) -> Removed:
        """Delete the attachment, returning its rows so :meth:`restore` can undo it."""
        att = self.get(attachment_id)
        removed = Removed(att.case_id, "attachment", att.file_name)
        with self.db.transaction() as conn:
            for table, column in (("attachments", "id"), ("attachment_text", "attachment_id")):
                removed.rows.append((table, take_rows(conn, table, column, attachment_id)))
            conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
            detail = {"attachment": attachment_id, "file": att.file_name}
            _audit(conn, att.case_id, now_iso(), "detached", detail)
        return removed

    def restore(self, removed: Removed) -> None:
        """Put a removed attachment back; refused when the same file was attached again."""
        (_, rows), *_ = removed.rows
        row = rows[0]
        with self.db.transaction() as conn:
            again = conn.execute(
                "SELECT id FROM attachments WHERE case_id = ? AND original_sha256 = ?",
                (row["case_id"], row["original_sha256"]),
            ).fetchone()
            if again is not None:
                raise ConflictError(f"{removed.label} was attached again since; nothing to restore")
            if (
                conn.execute("SELECT 1 FROM cases WHERE id = ?", (row["case_id"],)).fetchone()
                is None
            ):
                raise NotFoundError(f"case {row['case_id']} no longer exists")
            for table, table_rows in removed.rows:
                put_rows(conn, table, table_rows)
            detail = {"attachment": row["id"], "file": removed.label}
            _audit(conn, removed.case_id, now_iso(), "restored", detail)

    def delete(self, attachment_id: str) -> Attachment:
        att = self.get(attachment_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
            detail = {"attachment": attachment_id, "file": att.file_name}
            _audit(conn, att.case_id, now_iso(), "detached", detail)
        return att
