"""Cases in SQLite: the import-format JSON plus search columns, written in one transaction."""

from __future__ import annotations

import builtins
import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..codec import case_from_dict, case_to_dict
from ..errors import NotFoundError, QalsodyError
from ..model import Case, StoredCase
from .db import Database


class ConflictError(QalsodyError):
    """The case changed in another window or process since it was opened."""


@dataclass(frozen=True)
class CaseSummary:
    """What the case list shows; cheap to load for hundreds of cases."""

    id: str
    last_name: str
    first_name: str
    date_of_birth: str | None
    mrn: str | None
    member_id: str | None
    updated_at: str

    @property
    def display_name(self) -> str:
        return f"{self.last_name}, {self.first_name}".strip(", ") or "(unnamed)"


@dataclass(frozen=True)
class AuditEntry:
    id: int
    case_id: str
    at: str
    action: str
    detail: dict[str, Any]


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def changed_paths(old: Any, new: Any, path: str = "") -> list[str]:
    """Field paths that differ; the audit records these, never the values (they are PHI)."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in sorted(set(old) | set(new)):
            where = f"{path}.{key}" if path else key
            out += changed_paths(old.get(key), new.get(key), where)
        return out
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return [path]
        out = []
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            out += changed_paths(a, b, f"{path}[{i}]")
        return out
    return [] if old == new else [path]


class CaseRepository:
    def __init__(self, db: Database):
        self.db = db

    def create(self, case: Case, *, action: str = "created", source: str | None = None) -> str:
        data = case_to_dict(case)
        stamp = now_iso()
        with self.db.transaction() as conn:
            for _ in range(10):
                case_id = secrets.token_hex(5)
                try:
                    conn.execute(
                        "INSERT INTO cases (id, data, last_name, first_name, date_of_birth, mrn,"
                        " member_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                        (case_id, _dump(data), *_search_columns(case), stamp, stamp),
                    )
                    break
                except sqlite3.IntegrityError:
                    continue
            else:  # pragma: no cover - 40 bits of randomness ten times over
                raise QalsodyError("could not allocate a case id")
            detail = {"source": source} if source else {}
            _audit(conn, case_id, stamp, action, detail)
        return case_id

    def get(self, case_id: str) -> StoredCase:
        row = self.db.conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no case {case_id!r}")
        return StoredCase(
            id=row["id"],
            case=case_from_dict(json.loads(row["data"])),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            revision=row["revision"],
        )

    def save(self, case_id: str, case: Case, *, base_revision: int | None = None) -> int:
        """Replace the case's facts; returns the new revision. Nothing changed: no write."""
        new = case_to_dict(case)
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT data, revision FROM cases WHERE id = ?", (case_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no case {case_id!r}")
            if base_revision is not None and row["revision"] != base_revision:
                raise ConflictError(
                    f"case {case_id} was changed elsewhere since it was opened; reopen it"
                )
            paths = changed_paths(json.loads(row["data"]), new)
            if not paths:
                return int(row["revision"])
            stamp = now_iso()
            revision = int(row["revision"]) + 1
            conn.execute(
                "UPDATE cases SET data=?, last_name=?, first_name=?, date_of_birth=?, mrn=?,"
                " member_id=?, updated_at=?, revision=? WHERE id=?",
                (_dump(new), *_search_columns(case), stamp, revision, case_id),
            )
            _audit(conn, case_id, stamp, "updated", {"fields": paths})
        return revision

    def delete(self, case_id: str) -> None:
        with self.db.transaction() as conn:
            if conn.execute("DELETE FROM cases WHERE id = ?", (case_id,)).rowcount == 0:
                raise NotFoundError(f"no case {case_id!r}")
            _audit(conn, case_id, now_iso(), "deleted", {})

    def list(self) -> list[CaseSummary]:
        rows = self.db.conn.execute(
            "SELECT id, last_name, first_name, date_of_birth, mrn, member_id, updated_at"
            " FROM cases ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id"
        ).fetchall()
        return [CaseSummary(**dict(r)) for r in rows]

    def resolve(self, ref: str) -> str:
        """A full id or a unique prefix of one (people type short ids)."""
        ref = ref.strip()
        if not ref:
            raise NotFoundError("no case id given")
        rows = self.db.conn.execute(
            "SELECT id FROM cases WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 3",
            (ref, ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"),
        ).fetchall()
        ids = {r["id"] for r in rows}
        if ref in ids:
            return ref
        if len(ids) == 1:
            return ids.pop()
        if not ids:
            raise NotFoundError(f"no case {ref!r}")
        raise NotFoundError(f"{ref!r} matches several cases; give more of the id")

    def audit(self, case_id: str) -> builtins.list[AuditEntry]:
        rows = self.db.conn.execute(
            "SELECT * FROM audit WHERE case_id = ? ORDER BY id", (case_id,)
        ).fetchall()
        return [
            AuditEntry(r["id"], r["case_id"], r["at"], r["action"], json.loads(r["detail"]))
            for r in rows
        ]


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _search_columns(case: Case) -> tuple[str, str, str | None, str | None, str | None]:
    p = case.patient
    dob = p.date_of_birth.isoformat() if p.date_of_birth else None
    return p.last_name, p.first_name, dob, p.mrn, case.insurance.member_id


def _audit(
    conn: sqlite3.Connection, case_id: str, at: str, action: str, detail: dict[str, Any]
) -> None:
    conn.execute(
        "INSERT INTO audit (case_id, at, action, detail) VALUES (?,?,?,?)",
        (case_id, at, action, json.dumps(detail, sort_keys=True)),
    )
