"""Tracking: the case timeline, the deadlines its events start, and denial letter analysis.

The dashboard over all cases is in ``tracking.dashboard`` (it reads the store).
"""

from .anchors import Anchor, anchor_dates, event_anchors
from .deadlines import (
    DONE,
    DUE_SOON,
    DUE_SOON_DAYS,
    OVERDUE,
    UPCOMING,
    Deadline,
    DeadlineReport,
    compute_deadlines,
    status_for,
)
from .denial import DenialAnalysis, analyse_denial, answer_reasons
from .events import EVENT_TYPES, Event, EventError, validate_event
from .ics import deadlines_calendar, write_deadlines_ics
from .route import AppealRoute, appeal_route

__all__ = [
    "DONE",
    "DUE_SOON",
    "DUE_SOON_DAYS",
    "EVENT_TYPES",
    "OVERDUE",
    "UPCOMING",
    "Anchor",
    "AppealRoute",
    "Deadline",
    "DeadlineReport",
    "DenialAnalysis",
    "Event",
    "EventError",
    "analyse_denial",
    "anchor_dates",
    "answer_reasons",
    "appeal_route",
    "compute_deadlines",
    "deadlines_calendar",
    "event_anchors",
    "status_for",
    "validate_event",
    "write_deadlines_ics",
]
