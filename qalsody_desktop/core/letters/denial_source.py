"""Where an appeal letter finds its denial when none is given: the case timeline.

Reads ``events`` rows directly (the events repository is another module's; only the data shape
is shared). An initial denial is a ``denied`` event: data JSON keys ``letter_date``,
``received``, ``reference``, ``reasons`` (profile denial_reason ids) and optionally
``sentences`` (reason id -> the sentence of the letter that matched). The final internal
adverse determination is the latest ``final_denial_received`` event or ``appeal_decided`` event
whose outcome is adverse (upheld, partially overturned, or not recorded): its own reference,
letter date (the event date) and receipt date; its reasons are its own when the event records
them (``reasons``, ``sentences``), else those of the initial denial it upheld.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ..storage import Store
from .context import DenialInfo

DENIED = "denied"
FINAL_TYPES = ("final_denial_received", "appeal_decided")
ADVERSE_OUTCOMES = ("upheld", "partially_overturned", None)


@dataclass(frozen=True)
class DenialChoice:
    """A recorded initial denial an internal appeal may answer (for a chooser)."""

    event_id: str
    denial: DenialInfo

    @property
    def label(self) -> str:
        d = self.denial
        parts = [d.letter_date.isoformat() if d.letter_date else "undated"]
        if d.reference:
            parts.append(f"ref {d.reference}")
        parts.append(f"{len(d.reason_ids)} reason(s)")
        return " · ".join(parts)


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _data(raw: str | None) -> dict[str, Any]:
    try:
        data = json.loads(raw or "{}")
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _reference(data: dict[str, Any]) -> str | None:
    value = data.get("reference")
    return (str(value).strip() or None) if value else None


def initial_denials(store: Store, case_id: str) -> list[DenialChoice]:
    """Every recorded initial denial, newest first (by date, then by when it was recorded)."""
    rows = store.db.conn.execute(
        "SELECT id, date, data FROM events WHERE case_id = ? AND type = ?"
        " ORDER BY date DESC, created_at DESC, rowid DESC",
        (case_id, DENIED),
    ).fetchall()
    out = []
    for event_id, day, raw in rows:
        data = _data(raw)
        reasons = data.get("reasons") or []
        info = DenialInfo(
            letter_date=_date(data.get("letter_date")) or _date(day),
            received_date=_date(data.get("received")),
            reference=_reference(data),
            reason_ids=tuple(str(r) for r in reasons if isinstance(r, str) and r.strip()),
            matched_sentences=_sentences(data.get("sentences") or {}),
            event_id=event_id,
        )
        out.append(DenialChoice(event_id, info))
    return out


def denial_from_events(
    store: Store, case_id: str, event_id: str | None = None
) -> DenialInfo | None:
    """The initial denial ``event_id`` (a ``denied`` event of the case), else the latest; None
    when none is recorded. An unknown ``event_id`` is a ``LookupError`` naming it."""
    choices = initial_denials(store, case_id)
    if event_id is None:
        return choices[0].denial if choices else None
    found = next((c for c in choices if c.event_id == event_id), None)
    if found is None:
        known = ", ".join(c.event_id for c in choices) or "none recorded"
        raise LookupError(f"no denial event {event_id!r} in the case (denials: {known})")
    return found.denial


def final_denial_from_events(store: Store, case_id: str) -> DenialInfo | None:
    """The final internal adverse determination, with the initial denial it upheld; None when
    the timeline records none."""
    rows = store.db.conn.execute(
        "SELECT id, type, date, data FROM events WHERE case_id = ? AND type IN (?, ?)"
        " ORDER BY date DESC, created_at DESC, rowid DESC",
        (case_id, *FINAL_TYPES),
    ).fetchall()
    for event_id, type_, day, raw in rows:
        data = _data(raw)
        if type_ == "appeal_decided" and data.get("outcome") not in ADVERSE_OUTCOMES:
            continue
        letter = _date(day)
        earlier = [
            c.denial
            for c in initial_denials(store, case_id)
            if c.denial.letter_date is None or letter is None or c.denial.letter_date <= letter
        ]
        initial = earlier[0] if earlier else None
        # the final letter's own reasons when recorded; else those of the denial it upheld
        own = [str(r) for r in data.get("reasons") or [] if isinstance(r, str) and r.strip()]
        if own:
            reasons, sentences = tuple(own), _sentences(data.get("sentences") or {})
        elif initial is not None:
            reasons, sentences = tuple(initial.reason_ids), dict(initial.matched_sentences)
        else:
            reasons, sentences = (), {}
        return DenialInfo(
            letter_date=letter,
            received_date=_date(data.get("received")),
            reference=_reference(data),
            reason_ids=reasons,
            matched_sentences=sentences,
            event_id=event_id,
            final=True,
            initial=initial,
        )
    return None


def as_final(denial: DenialInfo) -> DenialInfo:
    """A denial given by hand for an external review request is taken as the final one."""
    return replace(denial, final=True)


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
