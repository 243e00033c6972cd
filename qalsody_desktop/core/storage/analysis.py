"""Stored document analyses, keyed by the file's content hash and the analyser's version.

Reading a 500-page record or recognizing a fax takes seconds to minutes; what was read depends
only on the bytes and on the analyser, so it is kept once per (sha256, analyser) and reused when
the same file is attached again (to this case after a removal, or to another case). A new
analyser version simply misses and analyses afresh. Not part of a case archive: it is derived
data, rebuilt on demand.
"""

from __future__ import annotations

import json
from typing import Any

from .cases import now_iso
from .db import Database


class AnalysisRepository:
    def __init__(self, db: Database):
        self.db = db

    def get(self, sha256: str, analyser: str) -> dict[str, Any] | None:
        row = self.db.conn.execute(
            "SELECT data FROM analysis_cache WHERE sha256 = ? AND analyser = ?",
            (sha256, analyser),
        ).fetchone()
        if row is None:
            return None
        try:
            data = json.loads(row[0])
        except ValueError:  # a damaged row is a miss, never an error
            return None
        return data if isinstance(data, dict) else None

    def put(self, sha256: str, analyser: str, data: dict[str, Any]) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO analysis_cache (sha256, analyser, data, created_at)"
                " VALUES (?, ?, ?, ?)",
                (sha256, analyser, json.dumps(data), now_iso()),
            )

    def count(self) -> int:
        return int(self.db.conn.execute("SELECT COUNT(*) FROM analysis_cache").fetchone()[0])
