"""Undoable removal of a timeline event, and the event repository the timeline widgets share.

``EventRepository`` (core/storage/events.py) deletes an event for good; the GUI's Undo needs
the row back exactly (id, timestamps, data), as ``AttachmentRepository.remove/restore`` does for
files. Until the core repository has ``remove``/``restore`` these two functions do it over
``store.db`` with the same snapshot helpers and the same audit trail (ids and types, never the
note or reference text).
"""

from __future__ import annotations

import json

from ..core.errors import NotFoundError
from ..core.policy.model import PolicyProfile
from ..core.storage.cases import ConflictError, _audit, now_iso
from ..core.storage.db import Database
from ..core.storage.events import EventRepository
from ..core.storage.snapshot import Removed, put_rows, take_rows
from ..core.tracking.events import EVENT_TYPES


def event_repository(db: Database, profile: PolicyProfile) -> EventRepository:
    """The repository with the profile's denial reasons checked on ``denied`` events."""
    return EventRepository(db, reason_ids=tuple(r.id for r in profile.denial_reasons))


def remove_event(db: Database, event_id: str) -> Removed:
    """Delete the event, returning its row so :func:`restore_event` can put it back."""
    with db.transaction() as conn:
        rows = take_rows(conn, "events", "id", event_id)
        if not rows:
            raise NotFoundError(f"no event {event_id!r}")
        row = rows[0]
        spec = EVENT_TYPES.get(row["type"])
        label = f"{spec.title if spec else row['type']} of {row['date']}"
        removed = Removed(row["case_id"], "event", label, [("events", rows)])
        conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        _audit(
            conn,
            row["case_id"],
            now_iso(),
            "event_deleted",
            {"event": event_id, "type": row["type"]},
        )
    return removed


def restore_event(db: Database, removed: Removed) -> None:
    """Put a removed event back as it was; links to files removed since are dropped."""
    (_, rows), *_ = removed.rows
    row = dict(rows[0])
    with db.transaction() as conn:
        if conn.execute("SELECT 1 FROM cases WHERE id = ?", (row["case_id"],)).fetchone() is None:
            raise NotFoundError(f"case {row['case_id']} no longer exists")
        if conn.execute("SELECT 1 FROM events WHERE id = ?", (row["id"],)).fetchone():
            raise ConflictError(f"{removed.label} is already back; nothing to restore")
        data = json.loads(row["data"])
        linked = data.get("attachments") or []
        kept = [
            a
            for a in linked
            if conn.execute(
                "SELECT 1 FROM attachments WHERE id = ? AND case_id = ?", (a, row["case_id"])
            ).fetchone()
        ]
        if kept != linked:
            if kept:
                data["attachments"] = kept
            else:
                data.pop("attachments", None)
            row["data"] = json.dumps(
                data, sort_keys=True, separators=(",", ":"), ensure_ascii=False
            )
        put_rows(conn, "events", [row])
        detail = {"event": row["id"], "type": row["type"]}
        _audit(conn, removed.case_id, now_iso(), "event_restored", detail)
