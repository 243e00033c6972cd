"""User edits over generated letter paragraphs, kept per case, letter kind and block id.

An edit remembers the generated text it was made over (``base_text``), so regeneration can tell
"the case changed elsewhere" (the edit still applies) from "this very paragraph changed" (the
user must choose). The audit trail records which block was edited, never the text.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass

from .cases import _audit, now_iso
from .db import Database


@dataclass(frozen=True)
class LetterEdit:
    block_id: str
    base_text: str  # the generated paragraph the user edited
    text: str  # what the user wrote instead
    updated_at: str = ""


class LetterEditRepository:
    def __init__(self, db: Database):
        self.db = db

    def list(self, case_id: str, kind: str) -> builtins.list[LetterEdit]:
        rows = self.db.conn.execute(
            "SELECT block_id, base_text, text, updated_at FROM letter_edits"
            " WHERE case_id = ? AND kind = ? ORDER BY block_id",
            (case_id, kind),
        ).fetchall()
        return [LetterEdit(r[0], r[1], r[2], r[3]) for r in rows]

    def get(self, case_id: str, kind: str, block_id: str) -> LetterEdit | None:
        return next((e for e in self.list(case_id, kind) if e.block_id == block_id), None)

    def save(self, case_id: str, kind: str, block_id: str, base_text: str, text: str) -> None:
        """Insert or replace the edit of one block."""
        stamp = now_iso()
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO letter_edits (case_id, kind, block_id, base_text, text, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(case_id, kind, block_id) DO UPDATE SET"
                " base_text = excluded.base_text, text = excluded.text,"
                " updated_at = excluded.updated_at",
                (case_id, kind, block_id, base_text, text, stamp),
            )
            _audit(conn, case_id, stamp, "letter_edited", {"kind": kind, "block": block_id})

    def delete(self, case_id: str, kind: str, block_id: str) -> bool:
        """Drop one edit (the generated text shows again); False if there was none."""
        stamp = now_iso()
        with self.db.transaction() as conn:
            gone = conn.execute(
                "DELETE FROM letter_edits WHERE case_id = ? AND kind = ? AND block_id = ?",
                (case_id, kind, block_id),
            ).rowcount
            if gone:
                detail = {"kind": kind, "block": block_id}
                _audit(conn, case_id, stamp, "letter_edit_removed", detail)
        return bool(gone)

    def clear(self, case_id: str, kind: str) -> int:
        with self.db.transaction() as conn:
            gone = conn.execute(
                "DELETE FROM letter_edits WHERE case_id = ? AND kind = ?", (case_id, kind)
            ).rowcount
            if gone:
                _audit(conn, case_id, now_iso(), "letter_edits_cleared", {"kind": kind})
        return int(gone)
