"""Which timeline events give the dates the profile's deadline rules count from.

The profile's rules name anchors (``pa_submitted``, ``denial_notice_received``...; see
``policy.kinds.EVENTS``); the timeline records events (``submitted``, ``denied``...). The
mapping between the two is data here, read by the deadline engine and by the checklist
(``event_anchors``), so a new event or anchor is one line, not new code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ..policy.kinds import EVENTS
from .events import Day, Event


@dataclass(frozen=True)
class AnchorSource:
    """``anchor`` is the ``field`` of the latest ``event_type`` event (``when``: data filter).

    ``field`` is "date" (the event date) or a date field of the event's data; "received" falls
    back to the event date when the day of receipt was not recorded, which is the earlier and
    therefore the safe day to count a filing window from.
    """

    anchor: str
    event_type: str
    field: str = "date"
    when: tuple[tuple[str, tuple[str | None, ...]], ...] = ()


_ADVERSE = ("upheld", "partially_overturned", None)

ANCHOR_SOURCES: tuple[AnchorSource, ...] = (
    AnchorSource("pa_submitted", "submitted"),
    AnchorSource("denial_notice_date", "denied"),
    AnchorSource("denial_notice_received", "denied", "received"),
    AnchorSource("internal_appeal_submitted", "appeal_filed"),
    # a Medicare Advantage "reconsideration" is the plan-level appeal: the same act
    AnchorSource("reconsideration_submitted", "appeal_filed"),
    AnchorSource("final_denial_date", "final_denial_received"),
    AnchorSource("final_denial_received", "final_denial_received", "received"),
    # an appeal decided against the patient is the final internal adverse determination; with
    # no outcome recorded it may be, so its review window is shown rather than missed
    AnchorSource("final_denial_date", "appeal_decided", when=(("outcome", _ADVERSE),)),
    AnchorSource(
        "final_denial_received", "appeal_decided", "received", when=(("outcome", _ADVERSE),)
    ),
    # for Medicare Advantage the same adverse decision is an unfavourable reconsideration,
    # which the plan forwards to the Independent Review Entity itself
    AnchorSource("reconsideration_unfavourable", "appeal_decided", when=(("outcome", _ADVERSE),)),
    AnchorSource("external_review_requested", "external_review_requested"),
    AnchorSource("external_review_accepted_received", "external_review_accepted", "received"),
    AnchorSource("approval_date", "approved"),
    AnchorSource("approval_valid_to", "approved", "valid_to"),
)


@dataclass(frozen=True)
class DoneWhen:
    """A deadline is done once one of ``event_types`` is recorded on or after the day of the
    event its anchor came from (``strictly_after``: on a later day only, for an event type that
    also happens before, such as a renewal's new submission)."""

    event_types: tuple[str, ...]
    strictly_after: bool = False


DONE_BY: Mapping[str, DoneWhen] = {
    "pa_decision_expected": DoneWhen(("approved", "denied")),
    "follow_up_check": DoneWhen(("approved", "denied")),
    "internal_appeal_deadline": DoneWhen(("appeal_filed",)),
    "internal_appeal_decision_expected": DoneWhen(
        ("appeal_decided", "final_denial_received", "approved")
    ),
    "external_review_deadline": DoneWhen(("external_review_requested",)),
    # no event records the extra information being sent; the decision closes the window
    "external_review_extra_info_deadline": DoneWhen(("external_review_decided",)),
    "external_review_decision_expected": DoneWhen(("external_review_decided",)),
    # the IRE's decision is recorded as the external review's (the second, independent level)
    "ire_decision_expected": DoneWhen(("external_review_decided",)),
    "renewal_due": DoneWhen(("submitted",), strictly_after=True),
}

# A window the letter itself states (``denied`` data ``appeal_window``) replaces the rule's
# when it ends earlier, and stands in where no rule applies to the plan type.
STATED_WINDOWS: Mapping[str, tuple[str, str]] = {
    "internal_appeal_deadline": ("denied", "appeal_window"),
}

# A repeating deadline (``repeat_every``) moves to its next occurrence after one of these.
RECURRENCE_CONTACTS: Mapping[str, tuple[str, ...]] = {
    "follow_up_check": ("call", "info_requested", "p2p_held"),
}

# The anchoring event's ``urgency`` field picks between standard and expedited rules.
URGENCY_FIELD = "urgency"


@dataclass(frozen=True)
class Anchor:
    """A date a rule can count from, with the event that gave it (for the ``basis``)."""

    name: str
    date: date
    event_id: str | None
    event_type: str | None
    field: str
    origin_date: Day | None = None  # the date of the event behind it (done-ness counts from it)
    time: str | None = None  # HH:MM when the event recorded one (hour-based rules)
    urgency: str | None = None
    derived_from: str | None = None  # a rule id when computed, not recorded

    def describe(self) -> str:
        if self.derived_from:
            return (
                f"{self.name} {self.date.isoformat()} (computed by rule {self.derived_from}"
                f" from {self.event_type} event {self.event_id})"
            )
        what = "date" if self.field == "date" else self.field.replace("_", " ")
        return f"{self.event_type} event {self.event_id} ({what} {self.date.isoformat()})"


def _matches(event: Event, source: AnchorSource) -> bool:
    if event.type != source.event_type:
        return False
    return all(event.data.get(key) in allowed for key, allowed in source.when)


def _value(event: Event, source: AnchorSource) -> date | None:
    if source.field == "date":
        return event.date
    value = event.date_field(source.field)
    if value is None and source.field == "received":
        return event.date
    return value


def _order(event: Event) -> tuple[date, str, str]:
    return (event.date, event.created_at, event.id)


def anchor_dates(events: Iterable[Event]) -> dict[str, Anchor]:
    """Each anchor the events give, from the latest event that gives it."""
    ordered = sorted(events, key=_order)
    out: dict[str, Anchor] = {}
    latest: dict[str, tuple[date, str, str]] = {}
    for event in ordered:
        for source in ANCHOR_SOURCES:
            if not _matches(event, source):
                continue
            value = _value(event, source)
            if value is None:
                continue
            key = _order(event)
            if source.anchor in latest and latest[source.anchor] > key:
                continue
            latest[source.anchor] = key
            out[source.anchor] = Anchor(
                source.anchor,
                value,
                event.id,
                event.type,
                source.field,
                origin_date=event.date,
                time=event.data.get("time") if source.field == "date" else None,
                urgency=event.data.get(URGENCY_FIELD),
            )
    return out


def event_anchors(events: Iterable[Event]) -> set[str]:
    """The anchors the timeline has recorded, for ``evaluate_checklist(events=...)``."""
    return set(anchor_dates(events))


def _check_vocabulary() -> None:
    unknown = {s.anchor for s in ANCHOR_SOURCES} - set(EVENTS)
    if unknown:  # pragma: no cover - caught at import by the tests
        raise ValueError(f"anchors not in policy.kinds.EVENTS: {sorted(unknown)}")


_check_vocabulary()
