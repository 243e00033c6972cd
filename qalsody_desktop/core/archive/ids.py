"""New ids for imported rows whose ids are already taken here, and the references rewritten.

Decision: an import never overwrites or merges. When the archive's case id (or an attachment,
event or export id) already exists in this data folder, for instance when a case is imported
back into the workstation it came from, the imported rows get fresh ids and the caller reports
the mapping. Ids that are free are kept, so a case moved to a new workstation keeps its id.
References are rewritten where ids live: key and link columns, and strings inside JSON columns
(a bundle order listing attachment ids) that equal a renamed id exactly.
"""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
from collections.abc import Callable
from typing import Any

from .tables import CASES, Row, TableSpec, exists

_HEX_TAIL = re.compile(r"[0-9a-f]+$")
MIN_JSON_ID = 6  # shorter strings inside JSON are too likely to be ordinary words or numbers


def fresh_id(old: str, taken: Callable[[str], bool]) -> str:
    """An unused id shaped like ``old``: same prefix, new random hex tail of the same length."""
    tail = _HEX_TAIL.search(old)
    width = (len(tail.group(0)) // 2) * 2 if tail else 0
    for _ in range(100):
        if width >= 8:
            candidate = old[: len(old) - width] + secrets.token_hex(width // 2)
        else:
            candidate = f"{old}-{secrets.token_hex(4)}"
        if candidate != old and not taken(candidate):
            return candidate
    raise RuntimeError("could not allocate an id")  # pragma: no cover - 2**32 tries' worth


def plan_renames(
    conn: sqlite3.Connection,
    specs: dict[str, TableSpec],
    rows: dict[str, list[Row]],
    case_id: str,
) -> dict[str, str]:
    """old id -> new id for every imported key that exists already (the case id included)."""
    renames: dict[str, str] = {}
    new_ids: set[str] = set()

    def taken_in(spec: TableSpec, column: str) -> Callable[[str], bool]:
        return lambda v: v in new_ids or exists(conn, spec, column, v)

    cases = specs[CASES]
    if exists(conn, cases, "id", case_id):
        renames[case_id] = fresh_id(case_id, taken_in(cases, "id"))
        new_ids.add(renames[case_id])
    for name, spec in specs.items():
        if name == CASES or spec.rowid_key or len(spec.primary_key) != 1:
            continue
        column = spec.primary_key[0]
        if column == spec.owner:  # keyed by its parent row (attachment_text): renamed with it
            continue
        for row in rows.get(name, []):
            value = row.get(column)
            if (
                isinstance(value, str)
                and value not in renames
                and exists(conn, spec, column, value)
            ):
                renames[value] = fresh_id(value, taken_in(spec, column))
                new_ids.add(renames[value])
    return renames


def apply_renames(row: Row, renames: dict[str, str]) -> Row:
    """The row with renamed ids in plain columns and inside JSON text columns."""
    if not renames:
        return dict(row)
    out: Row = {}
    for column, value in row.items():
        if isinstance(value, str) and value in renames:
            out[column] = renames[value]
        elif isinstance(value, str) and value[:1] in "{[":
            out[column] = _rewrite_json(value, renames)
        else:
            out[column] = value
    return out


def _rewrite_json(text: str, renames: dict[str, str]) -> str:
    try:
        data = json.loads(text)
        changed = [False]
        new = _walk(data, renames, changed)
    except (ValueError, RecursionError):  # not JSON (or refused earlier): left as it is
        return text
    return json.dumps(new, ensure_ascii=False) if changed[0] else text


def _walk(value: Any, renames: dict[str, str], changed: list[bool]) -> Any:
    if isinstance(value, str):
        if len(value) >= MIN_JSON_ID and value in renames:
            changed[0] = True
            return renames[value]
        return value
    if isinstance(value, dict):
        return {_walk(k, renames, changed): _walk(v, renames, changed) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, renames, changed) for v in value]
    return value
