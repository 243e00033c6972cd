"""Rows taken out of the database whole, so a delete can be undone exactly.

The files behind an attachment stay in the blob store (they are never deleted by a detach),
so putting the rows back restores the attachment with its category, pages and analysis.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Removed:
    """What a delete took away: table name -> rows (column -> value), in insert order."""

    case_id: str
    what: str  # e.g. "attachment" / "event", for messages
    label: str  # a file name or event type, never patient data
    rows: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)


def take_rows(
    conn: sqlite3.Connection, table: str, column: str, value: Any
) -> list[dict[str, Any]]:
    cur = conn.execute(f"SELECT * FROM {table} WHERE {column} = ?", (value,))  # noqa: S608
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def put_rows(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
            tuple(row.values()),
        )
