"""The .ics export parses with icalendar and holds every open deadline, and nothing else."""

from __future__ import annotations

from datetime import date, datetime

from icalendar import Calendar

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.events import EventRepository
from qalsody_desktop.core.tracking.deadlines import DONE, compute_deadlines
from qalsody_desktop.core.tracking.ics import write_deadlines_ics

PROFILE = load_default_profile()


def test_ics_holds_every_open_deadline(store, example_path, tmp_path):
    case = load_case_file(example_path)
    case.request.urgency = "expedited"
    case_id = store.cases.create(case)
    repo = EventRepository(store.db)
    repo.add(case_id, "submitted", "2025-05-26")
    repo.add(case_id, "denied", "2025-06-07", {"received": "2025-06-12"})
    repo.add(case_id, "appeal_filed", "2025-06-20", {"time": "10:15"})
    # NC lets an urgent case ask for expedited external review alongside the expedited appeal
    repo.add(case_id, "external_review_requested", "2025-06-20")
    repo.add(case_id, "external_review_accepted", "2025-06-21", {"received": "2025-06-23"})
    report = compute_deadlines(case, repo.list(case_id), PROFILE, today=date(2025, 6, 26))
    open_ = [d for d in report.deadlines if d.status != DONE]
    done = [d for d in report.deadlines if d.status == DONE]
    assert {d.id for d in open_} == {
        "internal_appeal_decision_expected",
        "external_review_decision_expected",
        "external_review_extra_info_deadline",
    }
    assert done  # the scenario has done ones too, so the filter is exercised

    path = tmp_path / "out" / "deadlines.ics"
    assert write_deadlines_ics(path, case_id, report.deadlines) == len(open_)
    cal = Calendar.from_ical(path.read_bytes())
    events = cal.walk("VEVENT")
    by_uid = {str(e["UID"]): e for e in events}
    assert set(by_uid) == {f"{case_id}-{d.rule_id}@qalsody-pa-desk" for d in open_}
    for d in open_:
        start = by_uid[f"{case_id}-{d.rule_id}@qalsody-pa-desk"].decoded("DTSTART")
        assert start == d.due
        assert d.title in str(by_uid[f"{case_id}-{d.rule_id}@qalsody-pa-desk"]["SUMMARY"])
    # the expedited appeal decision has a time: 2025-06-20 10:15 + 72 h = 2025-06-23 10:15
    timed = [e.decoded("DTSTART") for e in events if isinstance(e.decoded("DTSTART"), datetime)]
    assert timed == [datetime(2025, 6, 23, 10, 15)]
    text = path.read_text()
    assert case.patient.last_name not in text and case.insurance.member_id not in text
    assert (path.stat().st_mode & 0o777) == 0o600
