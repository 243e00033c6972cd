"""The case timeline: what happened when (submission, calls, letters), as typed, checked data.

Each event type declares the fields it may carry, so a typo or a field that does not belong
(``valid_to`` on a call) is refused with the field named instead of stored and ignored. Dates
in ``data`` are ISO strings: the stored JSON is read as is by the deadline engine, the appeal
letters and the GUI. A letter's ``date`` is the date printed on it, ``received`` the day it
arrived (deadlines counted from receipt fall back to the printed date, which is earlier).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import QalsodyError
from ..model import URGENCY

CHANNELS = ("portal", "fax", "phone", "mail", "email")
CALL_DIRECTIONS = ("outgoing", "incoming")
OUTCOMES = ("upheld", "overturned", "partially_overturned", "withdrawn")


class EventError(QalsodyError):
    """An event that cannot be recorded as given; the message names the field."""


@dataclass(frozen=True)
class FieldSpec:
    """One data field: its type tag (str, date, time, list[str], table, choice) and choices."""

    type: str
    title: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventType:
    id: str
    title: str
    fields: Mapping[str, FieldSpec] = field(default_factory=dict)
    letter: bool = False  # a document from the payer: ``received`` must not precede ``date``


# Fields every event may carry.
COMMON_FIELDS: Mapping[str, FieldSpec] = {
    "reference": FieldSpec("str", "Reference / confirmation number"),
    "note": FieldSpec("str", "Note"),
    "attachments": FieldSpec("list[str]", "Attached documents (attachment ids)"),
    "received": FieldSpec("date", "Date received"),
    "time": FieldSpec("time", "Time (HH:MM, local)"),
}
_URGENCY = FieldSpec("choice", "Review urgency", URGENCY)
_CHANNEL = FieldSpec("choice", "Channel", CHANNELS)
_OUTCOME = FieldSpec("choice", "Outcome", OUTCOMES)

EVENT_TYPES: Mapping[str, EventType] = {
    t.id: t
    for t in (
        EventType(
            "submitted",
            "Request submitted",
            {
                "channel": _CHANNEL,
                "to": FieldSpec("str", "Sent to"),
                "urgency": _URGENCY,
                "export_id": FieldSpec("str", "Bundle sent (export id)"),
                "manifest": FieldSpec("table", "Bundle manifest"),
            },
        ),
        EventType(
            "call",
            "Call",
            {
                "direction": FieldSpec("choice", "Direction", CALL_DIRECTIONS),
                "with": FieldSpec("str", "Called / caller"),
                "representative": FieldSpec("str", "Representative"),
                "outcome": FieldSpec("str", "What was said"),
            },
        ),
        EventType(
            "info_requested",
            "Payer asked for information",
            {"requested": FieldSpec("str", "What was asked for"), "due": FieldSpec("date", "Due")},
            letter=True,
        ),
        EventType("p2p_scheduled", "Peer-to-peer scheduled", {"with": FieldSpec("str", "With")}),
        EventType(
            "p2p_held",
            "Peer-to-peer held",
            {"with": FieldSpec("str", "With"), "outcome": FieldSpec("str", "What was said")},
        ),
        EventType(
            "approved",
            "Approved",
            {
                "valid_from": FieldSpec("date", "Valid from"),
                "valid_to": FieldSpec("date", "Valid to"),
            },
            letter=True,
        ),
        EventType(
            "denied",
            "Denied",
            {
                "letter_date": FieldSpec("date", "Letter date"),
                "reasons": FieldSpec("list[str]", "Denial reasons (profile ids)"),
                "sentences": FieldSpec("table", "Sentence that stated each reason"),
                "appeal_window": FieldSpec("table", "Appeal window stated in the letter"),
            },
            letter=True,
        ),
        EventType(
            "appeal_filed",
            "Internal appeal filed",
            {"channel": _CHANNEL, "urgency": _URGENCY, "export_id": FieldSpec("str", "Bundle")},
        ),
        EventType("appeal_decided", "Appeal decided", {"outcome": _OUTCOME}, letter=True),
        EventType(
            "final_denial_received",
            "Final internal denial",
            {
                "reasons": FieldSpec("list[str]", "Denial reasons (profile ids)"),
                "sentences": FieldSpec("table", "Sentence that stated each reason"),
            },
            letter=True,
        ),
        EventType(
            "external_review_requested",
            "External review requested",
            {"channel": _CHANNEL, "urgency": _URGENCY, "export_id": FieldSpec("str", "Bundle")},
        ),
        EventType("external_review_accepted", "External review accepted", {}, letter=True),
        EventType(
            "external_review_decided", "External review decided", {"outcome": _OUTCOME}, letter=True
        ),
    )
}

Day = date  # the type, for annotations inside classes that have a ``date`` field
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Event:
    """One timeline entry as stored; ``data`` holds JSON values (dates as ISO strings)."""

    id: str
    case_id: str
    type: str
    date: date
    data: Mapping[str, Any] = field(default_factory=dict)
    created_at: str = ""
    updated_at: str = ""

    @property
    def title(self) -> str:
        spec = EVENT_TYPES.get(self.type)
        return spec.title if spec else self.type

    def date_field(self, name: str) -> Day | None:
        value = self.data.get(name)
        return Day.fromisoformat(value) if isinstance(value, str) and value else None

    @property
    def received(self) -> Day | None:
        return self.date_field("received")

    @property
    def reference(self) -> str | None:
        return self.data.get("reference") or None

    @property
    def attachments(self) -> list[str]:
        return list(self.data.get("attachments") or [])

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.id,
            "case_id": self.case_id,
            "type": self.type,
            "title": self.title,
            "date": self.date.isoformat(),
            "data": dict(self.data),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


def event_fields(event_type: str) -> Mapping[str, FieldSpec]:
    """Every field an event of this type may carry (common ones included)."""
    return {**COMMON_FIELDS, **_spec(event_type).fields}


def _spec(event_type: str) -> EventType:
    spec = EVENT_TYPES.get(event_type)
    if spec is None:
        raise EventError(f"unknown event type {event_type!r}; one of: {', '.join(EVENT_TYPES)}")
    return spec


def validate_event(
    event_type: str,
    when: date | str,
    data: Mapping[str, Any] | None = None,
    *,
    reason_ids: tuple[str, ...] | None = None,
) -> tuple[date, dict[str, Any]]:
    """The event's date and data, checked and normalised (dates to ISO, empty values dropped).

    ``reason_ids``: the profile's denial reason ids; a ``denied`` event naming another is refused.
    """
    spec = _spec(event_type)
    day = _as_date("date", when)
    allowed = event_fields(event_type)
    out: dict[str, Any] = {}
    for key, value in (data or {}).items():
        if value is None or value == "" or value == [] or value == {}:
            continue
        fspec = allowed.get(key)
        if fspec is None:
            raise EventError(f"{key}: not a field of a {event_type} event")
        out[key] = _check_value(key, fspec, value)
    received = out.get("received")
    if received and spec.letter and received < day.isoformat():
        raise EventError(f"received: {received} is before the letter date {day.isoformat()}")
    if received and not spec.letter:
        raise EventError(f"received: a {event_type} event has no date received")
    if event_type == "denied":
        letter = out.setdefault("letter_date", day.isoformat())
        if letter != day.isoformat():
            raise EventError(f"letter_date: {letter} differs from the event date {day}")
        _check_reasons(out, reason_ids)
    if event_type == "final_denial_received":
        _check_reasons(out, reason_ids)
    if event_type == "approved":
        start = out.get("valid_from", day.isoformat())
        end = out.get("valid_to")
        if end and end <= start:
            raise EventError(f"valid_to: {end} is not after the approval start {start}")
    return day, out


def _check_reasons(out: dict[str, Any], reason_ids: tuple[str, ...] | None) -> None:
    reasons = out.get("reasons", [])
    if reason_ids is not None:
        unknown = [r for r in reasons if r not in reason_ids]
        if unknown:
            raise EventError(
                f"reasons: unknown denial reason {unknown[0]!r}; one of: {', '.join(reason_ids)}"
            )
    sentences = out.get("sentences", {})
    stray = [k for k in sentences if k not in reasons]
    if stray:
        raise EventError(f"sentences: {stray[0]!r} is not one of the event's reasons")
    if any(not isinstance(v, str) for v in sentences.values()):
        raise EventError("sentences: each reason maps to the sentence that stated it (text)")


def _check_value(key: str, spec: FieldSpec, value: Any) -> Any:
    if spec.type == "date":
        return _as_date(key, value).isoformat()
    if spec.type == "time":
        if not isinstance(value, str) or not _TIME.match(value.strip()):
            raise EventError(f"{key}: {value!r} is not a time HH:MM (24-hour)")
        return value.strip()
    if spec.type == "choice":
        if value not in spec.choices:
            raise EventError(f"{key}: {value!r} is not one of: {', '.join(spec.choices)}")
        return value
    if spec.type == "str":
        if not isinstance(value, str):
            raise EventError(f"{key}: must be text")
        return value.strip()
    if spec.type == "list[str]":
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise EventError(f"{key}: must be a list of text values")
        return list(dict.fromkeys(v.strip() for v in value if v.strip()))
    if spec.type == "table":
        if not isinstance(value, Mapping):
            raise EventError(f"{key}: must be an object")
        return dict(value)
    raise AssertionError(f"unknown field type {spec.type}")  # pragma: no cover


def _as_date(key: str, value: date | str) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if not _ISO_DATE.match(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise EventError(f"{key}: {value!r} is not a date YYYY-MM-DD") from None
