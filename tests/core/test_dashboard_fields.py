"""The dashboard reads four fields per case, not the whole case: same rows as the full case."""

from __future__ import annotations

from datetime import date

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.tracking.dashboard import open_deadlines
from qalsody_desktop.core.tracking.deadlines import DONE, compute_deadlines

PROFILE = load_default_profile()


def test_rows_match_the_engine_on_the_whole_case(store, example_path):
    variants = [
        ("fully_insured", "NC", "standard"),
        ("medicare_advantage", "NC", "expedited"),
        ("self_funded_erisa", None, None),
        (None, "VA", "standard"),
    ]
    today = date(2025, 8, 1)
    for number, (plan, state, urgency) in enumerate(variants):
        case = load_case_file(example_path)
        case.patient.last_name = f"Quill{number}"
        case.insurance.plan_type, case.insurance.state = plan, state
        case.request.urgency = urgency
        case_id = store.cases.create(case)
        store.events.add(case_id, "submitted", "2025-05-02", {"urgency": "standard"})
        store.events.add(case_id, "denied", "2025-06-10")
        if number % 2:
            store.events.add(case_id, "appeal_filed", "2025-07-01")
    store.cases.create(load_case_file(example_path))  # no events: not read at all
    got = [
        (r.case_id, r.display_name, r.plan_type, r.deadline.to_json())
        for r in open_deadlines(store, PROFILE, today=today)
    ]
    expected = []
    for summary in store.cases.list():
        events = store.events.list(summary.id)
        if not events:
            continue
        case = store.cases.get(summary.id).case  # decoded in full
        report = compute_deadlines(case, events, PROFILE, today=today)
        expected += [
            (summary.id, case.display_name, case.insurance.plan_type, d)
            for d in report.deadlines
            if d.status != DONE
        ]
    expected.sort(key=lambda r: (r[3].sort_key, r[0], r[3].id))
    assert got == [(cid, name, plan, d.to_json()) for cid, name, plan, d in expected]
    assert {plan for _cid, _name, plan, _d in got} >= {"fully_insured", "medicare_advantage"}


def test_a_shared_route_table_gives_each_case_its_own_warnings(store, example_path):
    case = load_case_file(example_path)
    first, second = store.cases.create(case), store.cases.create(case)
    store.events.add(first, "denied", "2025-03-01")
    store.events.add(first, "appeal_filed", "2025-03-20")
    store.events.add(first, "denied", "2025-05-02")  # the appeal's answer, recorded as a denial
    store.events.add(second, "denied", "2025-03-01")
    today = date(2025, 6, 1)
    routes: dict = {}
    shared = [
        compute_deadlines(case, store.events.list(cid), PROFILE, today=today, routes=routes)
        for cid in (first, second)
    ]
    alone = [
        compute_deadlines(case, store.events.list(cid), PROFILE, today=today)
        for cid in (first, second)
    ]
    assert len(routes) == 1  # one plan type and state: built once
    assert [r.route.to_json() for r in shared] == [r.route.to_json() for r in alone]
    assert shared[0].route.warnings and not shared[1].route.warnings
