"""All cases' open deadlines, soonest first, for the dashboard and the case list's badges.

Awaited decisions (no sourced time limit, no date) are listed after every dated deadline.

One query for every event and one for the cases that have any, reading only the fields the
deadline engine and the rows use (name, plan type, state, urgency) with SQLite's
``json_extract`` instead of decoding each whole case: decoding was 80 % of a refresh (3,000
cases: 0.6 s of type dispatch to read four strings). Then the engine per case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..model import Case, Insurance, Patient, Request
from ..policy.model import PolicyProfile
from ..storage.events import EventRepository
from ..storage.store import Store
from .deadlines import DONE, DUE_SOON, DUE_SOON_DAYS, OVERDUE, Deadline, compute_deadlines


@dataclass(frozen=True)
class DashboardRow:
    case_id: str
    display_name: str
    plan_type: str | None
    deadline: Deadline

    def to_json(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "name": self.display_name,
            "plan_type": self.plan_type,
            **self.deadline.to_json(),
        }


@dataclass(frozen=True)
class CaseBadge:
    """What the case list shows beside a case: counts and the next date."""

    overdue: int
    due_soon: int
    next_due: date | None
    next_title: str | None


# What the engine reads of a case (compute_deadlines: plan type, state, urgency) and what a
# row shows (the name, from the search columns the case list reads too).
DEADLINE_FIELDS_SQL = (
    "SELECT id, last_name, first_name,"
    " json_extract(data, '$.insurance.plan_type') AS plan_type,"
    " json_extract(data, '$.insurance.state') AS state,"
    " json_extract(data, '$.request.urgency') AS urgency"
    " FROM cases WHERE id IN (SELECT case_id FROM events) ORDER BY id"
)


def deadline_case(row: Any) -> Case:
    """A case holding just the fields the deadline engine reads (see DEADLINE_FIELDS_SQL)."""
    return Case(
        patient=Patient(first_name=row["first_name"], last_name=row["last_name"]),
        insurance=Insurance(plan_type=row["plan_type"], state=row["state"]),
        request=Request(urgency=row["urgency"]),
    )


def open_deadlines(
    store: Store,
    profile: PolicyProfile,
    *,
    today: date | None = None,
    due_soon_days: int = DUE_SOON_DAYS,
) -> list[DashboardRow]:
    """Every case's deadlines that are not done, soonest (and so overdue) first."""
    today = today or date.today()
    events = EventRepository(store.db).list_all()
    rows: list[DashboardRow] = []
    routes: dict[Any, Any] = {}  # one appeal route per plan type and state, not per case
    # cases with nothing recorded are skipped: no deadline can have started
    for row in store.db.conn.execute(DEADLINE_FIELDS_SQL):
        case_events = events.get(row["id"], [])
        case = deadline_case(row)
        report = compute_deadlines(
            case, case_events, profile, today=today, due_soon_days=due_soon_days, routes=routes
        )
        rows.extend(
            DashboardRow(row["id"], case.display_name, case.insurance.plan_type, d)
            for d in report.deadlines
            if d.status != DONE
        )
    rows.sort(key=lambda r: (r.deadline.sort_key, r.case_id, r.deadline.id))
    return rows


def case_badges(rows: Iterable[DashboardRow]) -> dict[str, CaseBadge]:
    """Per case: how many deadlines are overdue and due soon, and the next one."""
    grouped: dict[str, list[Deadline]] = {}
    for r in rows:
        grouped.setdefault(r.case_id, []).append(r.deadline)
    out = {}
    for case_id, deadlines in grouped.items():
        dated = [d for d in deadlines if d.due is not None]  # awaited decisions have no date
        first = min(dated, key=lambda d: d.sort_key) if dated else None
        out[case_id] = CaseBadge(
            overdue=sum(d.status == OVERDUE for d in deadlines),
            due_soon=sum(d.status == DUE_SOON for d in deadlines),
            next_due=first.due_date if first else None,
            next_title=first.title if first else None,
        )
    return out
