"""Timeline events in SQLite: each change one transaction with its audit entry.

The audit records which event and which fields changed, never their values (a note or a
reference number can carry patient details). Attachments linked to an event are ids in its
``data["attachments"]``; they must belong to the same case.
"""

from __future__ import annotations

import builtins
import json
import secrets
import sqlite3
from collections.abc import Mapping
from datetime import date
from typing import Any

from ..errors import NotFoundError
from ..tracking.events import Event, EventError, validate_event
from .cases import _audit, changed_paths, now_iso
from .db import Database

_COLUMNS = "id, case_id, type, date, data, created_at, updated_at"


def _row_to_event(row: sqlite3.Row) -> Event:
    return Event(
        id=row["id"],
        case_id=row["case_id"],
        type=row["type"],
        date=date.fromisoformat(row["date"]),
        data=json.loads(row["data"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _dump(data: Mapping[str, Any]) -> str:
    return json.dumps(dict(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class EventRepository:
    """Add, change, delete and list a case's timeline events."""

    def __init__(self, db: Database, *, reason_ids: tuple[str, ...] | None = None):
        """``reason_ids``: the profile's denial reason ids, checked on ``denied`` events."""
        self.db = db
        self.reason_ids = reason_ids

    def add(
        self, case_id: str, event_type: str, when: date | str, data: Mapping[str, Any] | None = None
    ) -> Event:
        day, clean = validate_event(event_type, when, data, reason_ids=self.reason_ids)
        stamp = now_iso()
        event_id = "e" + secrets.token_hex(5)
        with self.db.transaction() as conn:
            self._check_case(conn, case_id)
            self._check_attachments(conn, case_id, clean)
            conn.execute(
                f"INSERT INTO events ({_COLUMNS}) VALUES (?,?,?,?,?,?,?)",
                (event_id, case_id, event_type, day.isoformat(), _dump(clean), stamp, stamp),
            )
            detail = {"event": event_id, "type": event_type, "fields": sorted(clean)}
            _audit(conn, case_id, stamp, "event_added", detail)
        return self.get(event_id)

    def get(self, event_id: str) -> Event:
        row = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM events WHERE id = ?", (event_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no event {event_id!r}")
        return _row_to_event(row)

    def list(self, case_id: str) -> builtins.list[Event]:
        """The case's events in timeline order (date, then when they were recorded)."""
        rows = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM events WHERE case_id = ? ORDER BY date, created_at, id",
            (case_id,),
        ).fetchall()
        return [_row_to_event(r) for r in rows]

    def list_all(self) -> dict[str, builtins.list[Event]]:
        """Every case's events in one query (the dashboard reads all cases at once)."""
        rows = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM events ORDER BY case_id, date, created_at, id"
        ).fetchall()
        out: dict[str, builtins.list[Event]] = {}
        for row in rows:
            out.setdefault(row["case_id"], []).append(_row_to_event(row))
        return out

    def update(
        self,
        event_id: str,
        *,
        when: date | str | None = None,
        data: Mapping[str, Any] | None = None,
        replace: bool = False,
    ) -> Event:
        """Change the date and/or data fields (merged unless ``replace``; None removes a key)."""
        old = self.get(event_id)
        merged: dict[str, Any] = {} if replace else dict(old.data)
        if when is not None and "letter_date" not in (data or {}):
            merged.pop("letter_date", None)  # a denial's letter date follows its date
        for key, value in (data or {}).items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        day, clean = validate_event(old.type, when or old.date, merged, reason_ids=self.reason_ids)
        fields = changed_paths(dict(old.data), clean)
        if day != old.date:
            fields.insert(0, "date")
        if not fields:
            return old
        stamp = now_iso()
        with self.db.transaction() as conn:
            self._check_attachments(conn, old.case_id, clean)
            conn.execute(
                "UPDATE events SET date = ?, data = ?, updated_at = ? WHERE id = ?",
                (day.isoformat(), _dump(clean), stamp, event_id),
            )
            detail = {"event": event_id, "type": old.type, "fields": fields}
            _audit(conn, old.case_id, stamp, "event_changed", detail)
        return self.get(event_id)

    def link_attachment(self, event_id: str, attachment_id: str) -> Event:
        event = self.get(event_id)
        if attachment_id in event.attachments:
            return event
        return self.update(event_id, data={"attachments": [*event.attachments, attachment_id]})

    def delete(self, event_id: str) -> Event:
        event = self.get(event_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
            detail = {"event": event_id, "type": event.type}
            _audit(conn, event.case_id, now_iso(), "event_deleted", detail)
        return event

    @staticmethod
    def _check_case(conn: sqlite3.Connection, case_id: str) -> None:
        if conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
            raise NotFoundError(f"no case {case_id!r}")

    @staticmethod
    def _check_attachments(conn: sqlite3.Connection, case_id: str, data: Mapping[str, Any]) -> None:
        for attachment_id in data.get("attachments", []):
            row = conn.execute(
                "SELECT case_id FROM attachments WHERE id = ?", (attachment_id,)
            ).fetchone()
            if row is None or row["case_id"] != case_id:
                raise EventError(f"attachments: no attachment {attachment_id!r} in case {case_id}")
