"""The deadline engine: the profile's rules applied to a case's timeline.

Every date shown comes from a rule in the policy profile (amount, unit, anchor, plan types,
urgency, source, status) counted from a recorded event; nothing about a payer is written here.
A rule for another plan type is absent, a rule whose anchor has not happened yet is waiting,
and each deadline carries its basis (which event, which rule) so staff can check it by hand.
Where a rule changed, the version in force on the day of the event it counts from applies. A
decision the law says follows with no time limit the profile can source (the Independent
Review Entity's, after an unfavourable Medicare Advantage reconsideration) is tracked as
``awaiting`` with no due date rather than an invented one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from ..model import Case
from ..policy.kinds import EVENTS
from ..policy.model import AwaitedDecision, DeadlineRule, PolicyProfile
from .anchors import DONE_BY, RECURRENCE_CONTACTS, STATED_WINDOWS, Anchor, anchor_dates
from .businessdays import add_business_days
from .counting import Due, add_months, count, describe_count, due_day, due_text
from .events import Event
from .route import AppealRoute, appeal_route, rule_applies

UPCOMING, DUE_SOON, OVERDUE, DONE = "upcoming", "due_soon", "overdue", "done"
AWAITING = "awaiting"  # a decision that is due by law, with no sourced time limit: no date
STATUSES = (UPCOMING, DUE_SOON, OVERDUE, DONE, AWAITING)
# How close a deadline must be to show as due soon: a display threshold, not a payer rule.
DUE_SOON_DAYS = 7


@dataclass
class Deadline:
    id: str
    rule_id: str
    title: str
    due: Due | None  # None: awaited, no sourced time limit
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
    unit: str | None = None  # the rule's unit ("hours": a due time when one was recorded)
    other_counts: list[dict[str, str]] = field(default_factory=list)

    @property
    def due_date(self) -> date | None:
        return None if self.due is None else due_day(self.due)

    @property
    def sort_key(self) -> datetime:
        """Dated deadlines by their moment (a day at its end); awaited ones last."""
        if self.due is None:
            return datetime.max
        if isinstance(self.due, datetime):
            return self.due
        return datetime.combine(self.due, datetime.max.time())

    def days_left(self, today: date) -> int | None:
        return None if self.due_date is None else (self.due_date - today).days

    @property
    def due_label(self) -> str:
        """ "2026-11-05 14:00", "2026-11-05", or "awaited" (no date) for people to read."""
        if self.due is None:
            return "awaited"
        if isinstance(self.due, datetime):
            return self.due.strftime("%Y-%m-%d %H:%M")
        return self.due.isoformat()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "due": None if self.due is None else due_text(self.due),
            "unit": self.unit,
            "other_counts": self.other_counts,
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

    @property
    def dated_open(self) -> list[Deadline]:
        """Open deadlines with a date (what a calendar can hold)."""
        return [d for d in self.open if d.due is not None]

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
    routes: dict[tuple[str | None, str | None], AppealRoute] | None = None,
) -> DeadlineReport:
    """Every applicable deadline of the case, soonest first, with its status on ``today``.

    ``routes``: pass one dict to every call of a run over many cases on one day (the
    dashboard): each plan type and state's appeal route is then built once, not per case."""
    today = today or date.today()
    plan_type = case.insurance.plan_type
    case_urgency = case.request.urgency or "standard"
    rules = [r for r in profile.deadlines if rule_applies(r, plan_type)]
    anchors = _with_derived(anchor_dates(events), rules)
    out: list[Deadline] = []
    waiting: list[dict[str, str]] = []
    awaited = [a for a in profile.awaited if rule_applies(a, plan_type)]
    every: list[DeadlineRule | AwaitedDecision] = [*rules, *awaited]
    for rule in every:
        if rule.deadline in EVENTS:
            continue  # it computes an anchor (an approval's end), done above
        anchor = anchors.get(rule.from_event)
        urgency = (anchor.urgency if anchor else None) or case_urgency
        if rule.urgency and rule.urgency != urgency:
            continue
        if not rule.in_force(_relevant_day(anchor, today)):
            continue  # another version of the rule governs that day
        if anchor is None:
            waiting.append({"id": rule.deadline, "rule_id": rule.id, "needs": rule.from_event})
            continue
        if isinstance(rule, AwaitedDecision):
            out.append(_awaited(profile, rule, anchor, events))
            continue
        deadline = _deadline(profile, rule, anchor, anchors, events, today, due_soon_days)
        out.append(_stated_window(deadline, events, anchor, today, due_soon_days))
    out.extend(_letter_only_windows(out, events, today, due_soon_days))
    out.sort(key=lambda d: (d.sort_key, d.id))
    route = _route(profile, plan_type, case.insurance.state, today, routes)
    route.warnings.extend(_denials_after_appeal(events))
    return DeadlineReport(plan_type, case_urgency, today, route, out, waiting, anchors)


FINAL_TYPES = ("final_denial_received", "appeal_decided")


def _route(
    profile: PolicyProfile,
    plan_type: str | None,
    state: str | None,
    today: date,
    routes: dict[tuple[str | None, str | None], AppealRoute] | None,
) -> AppealRoute:
    """The appeal route, from ``routes`` when given (its lists shared, read only; the case's
    own warnings in a list of its own)."""
    if routes is None:
        return appeal_route(profile, plan_type, state, on=today)
    key = (plan_type, state)
    if key not in routes:
        routes[key] = appeal_route(profile, plan_type, state, on=today)
    return replace(routes[key], warnings=list(routes[key].warnings))


def _denials_after_appeal(events: Sequence[Event]) -> list[str]:
    """A ``denied`` letter dated after an internal appeal was filed, with no final decision
    recorded after it, is most likely the appeal's decision: recorded as an initial denial it
    restarts the internal appeal window and never starts the external review clock."""
    appeals = [e.date for e in events if e.type == "appeal_filed"]
    if not appeals:
        return []
    first_appeal = min(appeals)
    out = []
    for e in events:
        if e.type != "denied" or e.date <= first_appeal:
            continue
        if any(f.type in FINAL_TYPES and f.date >= e.date for f in events):
            continue
        out.append(
            f"denied event {e.id} ({e.date.isoformat()}) is dated after the internal appeal"
            f" filed on {first_appeal.isoformat()}: if it decides that appeal, record it as a"
            " final internal denial (event type final_denial_received) so the external review"
            " deadline runs from it"
        )
    return out


def _relevant_day(anchor: Anchor | None, today: date) -> date:
    """The day whose rules apply: that of the event counted from (today while none is)."""
    if anchor is None:
        return today
    return anchor.origin_date or anchor.date


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
            if base is None or not rule.in_force(_relevant_day(base, base.date)):
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


def _awaited(
    profile: PolicyProfile, item: AwaitedDecision, anchor: Anchor, events: Sequence[Event]
) -> Deadline:
    done_by = _completed_by(item.deadline, anchor, events)
    return Deadline(
        id=item.deadline,
        rule_id=item.id,
        title=item.title,
        due=None,
        status=DONE if done_by else AWAITING,
        basis=(
            f"{anchor.describe()}: awaited, no time limit in the profile's sources (rule {item.id})"
        ),
        source=item.source,
        source_title=profile.source(item.source).title,
        source_status=item.status,
        note=item.note,
        urgency=item.urgency,
        anchor=anchor,
        done_by=done_by,
    )


def _counted(rule: DeadlineRule, anchor: Anchor) -> Due:
    return count(rule, anchor.date, anchor.time if rule.unit == "hours" else None)


def _moment(due: Due) -> datetime:
    return due if isinstance(due, datetime) else datetime.combine(due, datetime.max.time())


def _earliest_count(
    profile: PolicyProfile, rule: DeadlineRule, anchor: Anchor, anchors: dict[str, Anchor]
) -> tuple[Due, Anchor, str, list[dict[str, str]]]:
    """The rule counted from its anchor and from each ``also_from`` anchor: the earliest wins
    (the safe date), the others are returned for the basis: date, how counted, whose reading."""
    counts = [(_counted(rule, anchor), anchor, rule.source)]
    for name in rule.also_from:
        other = anchors.get(name)
        if other is not None:
            counts.append((_counted(rule, other), other, rule.also_source or rule.source))
    due, used, _ = min(counts, key=lambda c: _moment(c[0]))
    basis = f"{used.describe()} {describe_count(rule)}"
    others = [
        {
            "due": due_text(other_due),
            "counted_from": other.describe(),
            "source": source,
            "source_title": profile.source(source).title,
        }
        for other_due, other, source in counts
        if other is not used
    ]
    if others:
        same = all(o["due"] == due_text(due) for o in others)
        basis += " (every count gives this day)" if same else " (the earlier, safe date)"
        basis += "".join(
            f"; {o['source_title']} counts from {o['counted_from']}: {o['due']}" for o in others
        )
    return due, used, basis, others


def _deadline(
    profile: PolicyProfile,
    rule: DeadlineRule,
    anchor: Anchor,
    anchors: dict[str, Anchor],
    events: Sequence[Event],
    today: date,
    due_soon_days: int,
) -> Deadline:
    due, anchor, counted, others = _earliest_count(profile, rule, anchor, anchors)
    basis = f"{counted} (rule {rule.id})"
    if rule.unit == "hours" and not isinstance(due, datetime):
        basis += "; no time of day recorded, so the day it ends is shown"
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
        unit=rule.unit,
        other_counts=others,
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
    if spec is None or letter is None or letter.type != spec[0] or deadline.due_date is None:
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
