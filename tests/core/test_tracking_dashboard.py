"""All cases' open deadlines soonest first, and the case list's badges; with a timing figure."""

from __future__ import annotations

import time
from datetime import date

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.events import EventRepository
from qalsody_desktop.core.tracking.dashboard import case_badges, open_deadlines
from qalsody_desktop.core.tracking.deadlines import DUE_SOON, OVERDUE, UPCOMING

PROFILE = load_default_profile()


def test_dashboard_lists_open_deadlines_soonest_first(store, example_path):
    base = load_case_file(example_path)
    repo = EventRepository(store.db)
    late = store.cases.create(base)
    repo.add(late, "denied", "2025-01-06")  # + 180 = 2025-07-05: overdue on 2025-08-01
    soon = store.cases.create(base)
    # + 120: Apr 11..30 = 20, May (51), Jun (81), Jul (112), Aug 8 -> 120: due soon
    repo.add(soon, "final_denial_received", "2025-04-10")
    repo.add(soon, "denied", "2025-03-01")
    repo.add(soon, "appeal_filed", "2025-03-20")  # closes the 180-day appeal window
    quiet = store.cases.create(base)  # nothing recorded: not on the dashboard
    done = store.cases.create(base)
    repo.add(done, "submitted", "2025-07-01")
    repo.add(done, "approved", "2025-07-09", {"valid_to": "2026-01-08"})  # renewal 2025-12-09
    rows = open_deadlines(store, PROFILE, today=date(2025, 8, 1))
    got = [(r.case_id, r.deadline.id, r.deadline.to_json()["due"], r.deadline.status) for r in rows]
    # soon's appeal decision arrived as the final denial: that clock is done, not listed
    assert got == [
        (late, "internal_appeal_deadline", "2025-07-05", OVERDUE),
        (soon, "external_review_deadline", "2025-08-08", DUE_SOON),
        (done, "renewal_due", "2025-12-09", UPCOMING),
    ]
    assert quiet not in {r.case_id for r in rows}
    badges = case_badges(rows)
    assert (badges[late].overdue, badges[late].due_soon) == (1, 0)
    assert (badges[soon].overdue, badges[soon].due_soon) == (0, 1)
    assert badges[soon].next_due == date(2025, 8, 8)
    assert (badges[done].overdue, badges[done].next_title) == (0, "Start the renewal request")


def test_dashboard_over_300_cases_is_fast(store, example_path):
    base = load_case_file(example_path)
    repo = EventRepository(store.db)
    for i in range(300):
        case_id = store.cases.create(base)
        repo.add(case_id, "submitted", f"2025-0{1 + i % 9}-1{i % 10}")
        repo.add(case_id, "denied", f"2025-0{1 + i % 9}-2{i % 8}")
    started = time.perf_counter()
    rows = open_deadlines(store, PROFILE, today=date(2025, 6, 1))
    elapsed = time.perf_counter() - started
    print(f"dashboard: 300 cases, {len(rows)} open deadlines in {elapsed * 1000:.0f} ms")
    assert len(rows) == 300  # one open internal appeal deadline per case
    assert elapsed < 2.0
