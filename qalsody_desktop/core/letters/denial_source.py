"""Where an appeal letter finds its denial when none is given: the case timeline.

Reads the latest ``denied`` row of the ``events`` table directly (the events repository is
another module's; only the data shape is shared): data JSON keys ``letter_date``, ``received``,
``reference``, ``reasons`` (profile denial_reason ids) and optionally ``sentences`` (reason id
-> the sentence of the letter that matched).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..storage import Store
from .context import DenialInfo

DENIED = "denied"


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def denial_from_events(store: Store, case_id: str) -> DenialInfo | None:
    """The most recent recorded denial (by date, then by when it was recorded), or None."""
    row = store.db.conn.execute(
        "SELECT date, data FROM events WHERE case_id = ? AND type = ?"
        " ORDER BY date DESC, created_at DESC, rowid DESC LIMIT 1",
        (case_id, DENIED),
    ).fetchone()
    if row is None:
        return None
    try:
        data = json.loads(row[1] or "{}")
    except json.JSONDecodeError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    reasons = data.get("reasons") or []
    sentences = data.get("sentences") or {}
    return DenialInfo(
        letter_date=_date(data.get("letter_date")) or _date(row[0]),
        received_date=_date(data.get("received")),
        reference=(str(data["reference"]).strip() or None) if data.get("reference") else None,
        reason_ids=tuple(str(r) for r in reasons if isinstance(r, str) and r.strip()),
        matched_sentences=_sentences(sentences),
    )


def _sentences(raw: Any) -> dict[str, str]:
    """reason id -> sentence; a list of sentences for a reason gives its first."""
    if not isinstance(raw, dict):
        return {}
    out: dict[str, str] = {}
    for key, value in raw.items():
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str) and v.strip()), None)
        if isinstance(value, str) and value.strip():
            out[str(key)] = value.strip()
    return out
