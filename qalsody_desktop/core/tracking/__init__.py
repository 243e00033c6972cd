"""Tracking: the case timeline, the deadlines its events start, and denial letter analysis.

The dashboard over all cases is in ``tracking.dashboard`` (it reads the store). Names are
loaded on first use (PEP 562), so importing ``tracking.events`` for the store does not pull in
the holiday calendar, iCalendar and the denial analysis at start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "Anchor": "anchors",
    "anchor_dates": "anchors",
    "event_anchors": "anchors",
    "DONE": "deadlines",
    "DUE_SOON": "deadlines",
    "DUE_SOON_DAYS": "deadlines",
    "OVERDUE": "deadlines",
    "UPCOMING": "deadlines",
    "Deadline": "deadlines",
    "DeadlineReport": "deadlines",
    "compute_deadlines": "deadlines",
    "status_for": "deadlines",
    "DenialAnalysis": "denial",
    "analyse_denial": "denial",
    "answer_reasons": "denial",
    "EVENT_TYPES": "events",
    "Event": "events",
    "EventError": "events",
    "validate_event": "events",
    "deadlines_calendar": "ics",
    "write_deadlines_ics": "ics",
    "AppealRoute": "route",
    "appeal_route": "route",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
