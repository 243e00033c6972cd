"""All cases' open deadlines, soonest first, for the dashboard and the case list's badges.

Awaited decisions (no sourced time limit, no date) are listed after every dated deadline.

One query for the cases and one for every event, then the engine per case: a clinic's few
hundred cases take milliseconds, so the dashboard can refresh on every change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..codec import case_from_dict
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
    for row in store.db.conn.execute("SELECT id, data FROM cases ORDER BY id"):
        case_events = events.get(row["id"], [])
        if not case_events:
            continue  # nothing recorded yet: no deadline can have started
        case = case_from_dict(json.loads(row["data"]))
        report = compute_deadlines(
            case, case_events, profile, today=today, due_soon_days=due_soon_days
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
