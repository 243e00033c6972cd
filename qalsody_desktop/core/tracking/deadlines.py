"""The deadline engine: the profile's rules applied to a case's timeline.

Every date shown comes from a rule in the policy profile (amount, unit, anchor, plan types,
urgency, source, status) counted from a recorded event; nothing about a payer is written here.
A rule for another plan type is absent, a rule whose anchor has not happened yet is waiting,
and each deadline carries its basis (which event, which rule) so staff can check it by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from ..model import Case
from ..policy.kinds import EVENTS
from ..policy.model import DeadlineRule, PolicyProfile
from .anchors import DONE_BY, RECURRENCE_CONTACTS, STATED_WINDOWS, Anchor, anchor_dates
from .businessdays import add_business_days
from .counting import Due, add_months, count, describe_count, due_day, due_text
from .events import Event
from .route import AppealRoute, appeal_route, rule_applies

UPCOMING, DUE_SOON, OVERDUE, DONE = "upcoming", "due_soon", "overdue", "done"
STATUSES = (UPCOMING, DUE_SOON, OVERDUE, DONE)
# How close a deadline must be to show as due soon: a display threshold, not a payer rule.
DUE_SOON_DAYS = 7


@dataclass
class Deadline:
    id: str
    rule_id: str
    title: str
    due: Due
    status: str
    basis: str
    source: str
    source_title: str
    source_status: str
    note: str = ""
    urgency: str | None = None
    anchor: Anchor | None = None
    done_by: str | None = None
    recurring: bool = False

    @property
    def due_date(self) -> date:
        return due_day(self.due)

    @property
    def sort_key(self) -> datetime:
        if isinstance(self.due, datetime):
            return self.due
        return datetime.combine(self.due, datetime.max.time())

    def days_left(self, today: date) -> int:
        return (self.due_date - today).days

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "due": due_text(self.due),
            "basis": self.basis,
            "source": self.source,
            "status": self.status,
            "rule_id": self.rule_id,
            "source_title": self.source_title,
            "source_status": self.source_status,
            "urgency": self.urgency,
            "note": self.note,
            "event_id": self.anchor.event_id if self.anchor else None,
            "done_by": self.done_by,
            "recurring": self.recurring,
        }


@dataclass
class DeadlineReport:
    plan_type: str | None
    urgency: str
    today: date
    route: AppealRoute
    deadlines: list[Deadline]
    waiting: list[dict[str, str]] = field(default_factory=list)
    anchors: dict[str, Anchor] = field(default_factory=dict)

    @property
    def open(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.status != DONE]

    def to_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "plan_type": self.plan_type,
            "urgency": self.urgency,
            "route": self.route.to_json(),
            "deadlines": [d.to_json() for d in self.deadlines],
            "waiting": self.waiting,
            "anchors": {
                name: {"date": a.date.isoformat(), "basis": a.describe()}
                for name, a in sorted(self.anchors.items())
            },
        }


def status_for(due: date, today: date, due_soon_days: int = DUE_SOON_DAYS) -> str:
    """overdue before today; due soon from today to ``due_soon_days`` ahead; else upcoming."""
    left = (due - today).days
    if left < 0:
        return OVERDUE
    return DUE_SOON if left <= due_soon_days else UPCOMING


def compute_deadlines(
    case: Case,
    events: Sequence[Event],
    profile: PolicyProfile,
    *,
    today: date | None = None,
    due_soon_days: int = DUE_SOON_DAYS,
) -> DeadlineReport:
    """Every applicable deadline of the case, soonest first, with its status on ``today``."""
    today = today or date.today()
    plan_type = case.insurance.plan_type
    case_urgency = case.request.urgency or "standard"
    rules = [r for r in profile.deadlines if rule_applies(r, plan_type)]
    anchors = _with_derived(anchor_dates(events), rules)
    out: list[Deadline] = []
    waiting: list[dict[str, str]] = []
    for rule in rules:
        if rule.deadline in EVENTS:
            continue  # it computes an anchor (an approval's end), done above
        anchor = anchors.get(rule.from_event)
        urgency = (anchor.urgency if anchor else None) or case_urgency
        if rule.urgency and rule.urgency != urgency:
            continue
        if anchor is None:
            waiting.append({"id": rule.deadline, "rule_id": rule.id, "needs": rule.from_event})
            continue
        deadline = _deadline(profile, rule, anchor, events, today, due_soon_days)
        out.append(_stated_window(deadline, events, anchor, today, due_soon_days))
    out.extend(_letter_only_windows(out, events, today, due_soon_days))
    out.sort(key=lambda d: (d.sort_key, d.id))
    route = appeal_route(profile, plan_type, case.insurance.state)
    return DeadlineReport(plan_type, case_urgency, today, route, out, waiting, anchors)


def _with_derived(anchors: dict[str, Anchor], rules: list[DeadlineRule]) -> dict[str, Anchor]:
    """Anchors a rule computes when no event recorded them (an approval's end date)."""
    anchors = dict(anchors)
    changed = True
    while changed:
        changed = False
        for rule in rules:
            if rule.deadline not in EVENTS or rule.deadline in anchors:
                continue
            base = anchors.get(rule.from_event)
            if base is None:
                continue
            anchors[rule.deadline] = replace(
                base,
                name=rule.deadline,
                date=due_day(count(rule, base.date)),
                field="date",
                time=None,
                derived_from=rule.id,
            )
            changed = True
    return anchors


def _deadline(
    profile: PolicyProfile,
    rule: DeadlineRule,
    anchor: Anchor,
    events: Sequence[Event],
    today: date,
    due_soon_days: int,
) -> Deadline:
    at = anchor.time if rule.unit == "hours" else None
    due = count(rule, anchor.date, at)
    basis = f"{anchor.describe()} {describe_count(rule)} (rule {rule.id})"
    if rule.repeat_every:
        due, basis = _next_occurrence(rule, anchor, due, basis, events)
    done_by = _completed_by(rule.deadline, anchor, events)
    status = DONE if done_by else status_for(due_day(due), today, due_soon_days)
    return Deadline(
        id=rule.deadline,
        rule_id=rule.id,
        title=rule.title,
        due=due,
        status=status,
        basis=basis,
        source=rule.source,
        source_title=profile.source(rule.source).title,
        source_status=rule.status,
        note=rule.note,
        urgency=rule.urgency,
        anchor=anchor,
        done_by=done_by,
        recurring=bool(rule.repeat_every),
    )


def _next_occurrence(
    rule: DeadlineRule, anchor: Anchor, first: Due, basis: str, events: Sequence[Event]
) -> tuple[Due, str]:
    """The first occurrence after the latest contact; the first one if there was none."""
    kinds = RECURRENCE_CONTACTS.get(rule.deadline, ())
    start = anchor.origin_date or anchor.date
    contacts = [e.date for e in events if e.type in kinds and e.date >= start]
    basis += f", then every {rule.repeat_every} days"
    due = first
    if contacts:
        last = max(contacts)
        step = timedelta(days=rule.repeat_every or 1)
        while due_day(due) <= last:
            due = due + step
        basis += f" after the last contact on {last.isoformat()}"
    return due, basis


def _completed_by(deadline_id: str, anchor: Anchor, events: Sequence[Event]) -> str | None:
    done = DONE_BY.get(deadline_id)
    if done is None:
        return None
    start = anchor.origin_date or anchor.date
    for event in sorted(events, key=lambda e: e.date):
        if event.type not in done.event_types or event.id == anchor.event_id:
            continue
        if event.date > start or (event.date == start and not done.strictly_after):
            return event.id
    return None


def _window_due(window: Any, letter: Event) -> tuple[date, str] | None:
    """The last day of a window the letter states ({amount, unit, from}), counted safely."""
    if not isinstance(window, dict):
        return None
    amount, unit = window.get("amount"), window.get("unit")
    if not isinstance(amount, int) or amount <= 0 or unit not in ("days", "months"):
        return None
    from_receipt = window.get("from") == "receipt" and letter.received is not None
    start = letter.received if from_receipt and letter.received else letter.date
    if unit == "months":
        due = add_months(start, amount)
    elif window.get("day_kind") == "business":
        due = add_business_days(start, amount)
    else:
        due = start + timedelta(days=amount)
    counted = "date received" if from_receipt else "letter date"
    return due, f"{amount} {unit} from the {counted} {start.isoformat()}"


def _stated_window(
    deadline: Deadline, events: Sequence[Event], anchor: Anchor, today: date, soon: int
) -> Deadline:
    """The letter's own window when it ends before the rule's (the letter binds the plan)."""
    spec = STATED_WINDOWS.get(deadline.id)
    letter = _event(events, anchor.event_id)
    if spec is None or letter is None or letter.type != spec[0]:
        return deadline
    stated = _window_due(letter.data.get(spec[1]), letter)
    if stated is None or stated[0] >= deadline.due_date:
        return deadline
    due, how = stated
    basis = f"{deadline.basis}; the denial letter states {how}, which ends earlier"
    status = deadline.status if deadline.status == DONE else status_for(due, today, soon)
    return replace(deadline, due=due, basis=basis, status=status)


def _letter_only_windows(
    found: list[Deadline], events: Sequence[Event], today: date, soon: int
) -> list[Deadline]:
    """A deadline no rule gives for this plan type, but the denial letter states."""
    out = []
    for deadline_id, (event_type, key) in STATED_WINDOWS.items():
        if any(d.id == deadline_id for d in found):
            continue
        letters = [e for e in events if e.type == event_type and e.data.get(key)]
        if not letters:
            continue
        letter = max(letters, key=lambda e: (e.date, e.created_at))
        stated = _window_due(letter.data.get(key), letter)
        if stated is None:
            continue
        anchor = Anchor("stated_window", letter.date, letter.id, letter.type, key, letter.date)
        done_by = _completed_by(deadline_id, anchor, events)
        out.append(
            Deadline(
                id=deadline_id,
                rule_id="stated_in_letter",
                title="Last day to appeal, as the denial letter states",
                due=stated[0],
                status=DONE if done_by else status_for(stated[0], today, soon),
                basis=f"{event_type} event {letter.id}: the letter states {stated[1]}",
                source="denial_letter",
                source_title="The denial letter itself",
                source_status="stated",
                note="No rule in the profile covers this plan type; the letter's window is used.",
                anchor=anchor,
                done_by=done_by,
            )
        )
    return out


def _event(events: Sequence[Event], event_id: str | None) -> Event | None:
    return next((e for e in events if e.id == event_id), None) if event_id else None
