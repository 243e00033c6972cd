"""Per-case preferences (``case_prefs``): small JSON values under a key, such as bundle settings.

They are choices about presentation (which documents a bundle leaves out, in which order,
by which route), not facts about the patient, so they live beside the case rather than in it
and never appear in a case export.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from ..errors import NotFoundError
from .cases import _audit, now_iso
from .db import Database


class CasePrefs:
    """Get and set one case's preferences; ``None`` as a value removes the key."""

    def __init__(self, db: Database):
        self.db = db

    def get(self, case_id: str, key: str, default: Any = None) -> Any:
        row = self.db.conn.execute(
            "SELECT value FROM case_prefs WHERE case_id = ? AND key = ?", (case_id, key)
        ).fetchone()
        return json.loads(row[0]) if row else default

    def all(self, case_id: str) -> dict[str, Any]:
        rows = self.db.conn.execute(
            "SELECT key, value FROM case_prefs WHERE case_id = ? ORDER BY key", (case_id,)
        ).fetchall()
        return {r["key"]: json.loads(r["value"]) for r in rows}

    def set(self, case_id: str, key: str, value: Any) -> None:
        self.set_many(case_id, {key: value})

    def set_many(
        self,
        case_id: str,
        values: Mapping[str, Any],
        *,
        audit: tuple[str, dict[str, Any]] | None = None,
    ) -> None:
        """All keys in one transaction (a settings dialog saves all or nothing); ``audit``
        (action, detail) adds an audit entry in the same transaction."""
        try:
            with self.db.transaction() as conn:
                if audit is not None:
                    _audit(conn, case_id, now_iso(), *audit)
                for key, value in values.items():
                    if value is None:
                        conn.execute(
                            "DELETE FROM case_prefs WHERE case_id = ? AND key = ?", (case_id, key)
                        )
                    else:
                        conn.execute(
                            "INSERT INTO case_prefs (case_id, key, value) VALUES (?, ?, ?)"
                            " ON CONFLICT (case_id, key) DO UPDATE SET value = excluded.value",
                            (case_id, key, json.dumps(value, sort_keys=True)),
                        )
        except sqlite3.IntegrityError:
            raise NotFoundError(f"no case {case_id!r}") from None

    def delete(self, case_id: str, key: str) -> None:
        self.set_many(case_id, {key: None})
