"""Which database rows belong to one case, found from the schema rather than a fixed list.

A table belongs to a case when it has a ``case_id`` column, or a foreign key into a table that
does (``attachment_text`` -> ``attachments``). Reading the schema means a table another part of
the app adds later travels in the archive without this module changing. Identifiers used in SQL
always come from the live schema, never from an archive.
"""

from __future__ import annotations

import base64
import sqlite3
from dataclasses import dataclass
from typing import Any

CASES = "cases"
_SKIP = {"sqlite_sequence"}

Row = dict[str, Any]


@dataclass(frozen=True)
class TableSpec:
    """One per-case table: its columns, key, and the SQL condition selecting a case's rows."""

    name: str
    columns: tuple[str, ...]
    primary_key: tuple[str, ...]
    rowid_key: str | None  # an INTEGER PRIMARY KEY: not copied, the database numbers the row
    owner: str  # "case_id" / "id" (cases) or the foreign-key column to the parent
    parent: str | None  # the table ``owner`` points into (None: the case itself)
    parent_column: str | None
    where: str  # "<cond>" with exactly one "?" for the case id

    def select_sql(self) -> str:
        return f"SELECT * FROM {quote(self.name)} WHERE {self.where}"


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _columns(conn: sqlite3.Connection, table: str) -> list[sqlite3.Row]:
    return list(conn.execute(f"PRAGMA table_info({quote(table)})").fetchall())


def _rowid_key(info: list[sqlite3.Row]) -> str | None:
    pk = [r for r in info if r["pk"]]
    if len(pk) == 1 and str(pk[0]["type"]).upper() == "INTEGER":
        return str(pk[0]["name"])
    return None


def discover(conn: sqlite3.Connection) -> list[TableSpec]:
    """The per-case tables in insert order (parents before children); ``cases`` first."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
        if r[0] not in _SKIP
    ]
    infos = {n: _columns(conn, n) for n in names}
    specs: dict[str, TableSpec] = {}

    def make(name: str, owner: str, parent: str | None, pcol: str | None, where: str) -> None:
        info = infos[name]
        specs[name] = TableSpec(
            name=name,
            columns=tuple(str(r["name"]) for r in info),
            primary_key=tuple(
                str(r["name"]) for r in sorted(info, key=lambda r: r["pk"]) if r["pk"]
            ),
            rowid_key=_rowid_key(info),
            owner=owner,
            parent=parent,
            parent_column=pcol,
            where=where,
        )

    if CASES not in infos:
        return []
    make(CASES, "id", None, None, f"{quote('id')} = ?")
    for name in names:
        if name != CASES and any(r["name"] == "case_id" for r in infos[name]):
            make(name, "case_id", CASES, "id", f"{quote('case_id')} = ?")
    changed = True
    while changed:  # children of included tables, to any depth
        changed = False
        for name in names:
            if name in specs:
                continue
            for fk in conn.execute(f"PRAGMA foreign_key_list({quote(name)})").fetchall():
                parent = specs.get(fk["table"])
                if parent is None or fk["to"] is None:
                    continue
                where = (
                    f"{quote(fk['from'])} IN (SELECT {quote(fk['to'])} FROM "
                    f"{quote(parent.name)} WHERE {parent.where})"
                )
                make(name, str(fk["from"]), parent.name, str(fk["to"]), where)
                changed = True
                break
    return list(specs.values())


def read_rows(conn: sqlite3.Connection, spec: TableSpec, case_id: str) -> list[Row]:
    order = ", ".join(quote(c) for c in spec.primary_key) or "rowid"
    rows = conn.execute(f"{spec.select_sql()} ORDER BY {order}", (case_id,)).fetchall()
    return [{k: encode_value(r[k]) for k in r.keys()} for r in rows]  # noqa: SIM118 - sqlite3.Row


def encode_value(value: Any) -> Any:
    """SQLite values as JSON; BLOB columns become ``{"$base64": ...}`` (no column is a dict)."""
    if isinstance(value, bytes):
        return {"$base64": base64.b64encode(value).decode("ascii")}
    return value


def decode_value(value: Any) -> Any:
    """Inverse of :func:`encode_value`; raises ValueError for anything that is not a value."""
    if value is None or isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict) and set(value) == {"$base64"} and isinstance(value["$base64"], str):
        return base64.b64decode(value["$base64"], validate=True)
    raise ValueError("not a column value")


def insert_row(conn: sqlite3.Connection, spec: TableSpec, row: Row) -> None:
    """Insert with the live schema's column names; the rowid key is left to the database."""
    cols = [c for c in spec.columns if c in row and c != spec.rowid_key]
    conn.execute(
        f"INSERT INTO {quote(spec.name)} ({', '.join(quote(c) for c in cols)})"
        f" VALUES ({', '.join('?' * len(cols))})",
        [row[c] for c in cols],
    )


def exists(conn: sqlite3.Connection, spec: TableSpec, column: str, value: Any) -> bool:
    row = conn.execute(
        f"SELECT 1 FROM {quote(spec.name)} WHERE {quote(column)} = ? LIMIT 1", (value,)
    ).fetchone()
    return row is not None
