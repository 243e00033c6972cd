"""The deadline dashboard: every case's open deadlines soonest first, overdue marked, badges."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from PySide6.QtCore import Qt

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.events import EventRepository
from qalsody_desktop.core.tracking.dashboard import CaseBadge
from qalsody_desktop.gui.deadline_dashboard import (
    DeadlineDashboard,
    badge_text,
    badge_tooltip,
    case_badge_texts,
)

PROFILE = load_default_profile()


@pytest.fixture
def two_cases(store, example_path):
    """A: fully insured, submitted Mon 2025-01-20. B: self-funded ERISA, denied 2025-02-28."""
    case = load_case_file(example_path)
    a = store.cases.create(case)
    other = copy.deepcopy(case)
    other.patient.first_name = "Rowan"
    other.insurance.plan_type = "self_funded_erisa"
    b = store.cases.create(other)
    repo = EventRepository(store.db)
    repo.add(a, "submitted", "2025-01-20", {"channel": "portal"})
    repo.add(b, "denied", "2025-02-28")
    return a, b


@pytest.fixture
def dashboard(qtbot, store, two_cases):
    board = DeadlineDashboard(store, PROFILE, clock=lambda: date(2025, 2, 4))
    qtbot.addWidget(board)
    board.resize(1100, 500)
    board.show()
    qtbot.waitExposed(board)
    return board


def rows(board: DeadlineDashboard) -> list[tuple[str, ...]]:
    m = board.model
    return [m.texts(i)[:5] for i in range(m.rowCount())]


def test_two_cases_deadlines_sorted_soonest_first_with_overdue_marked(dashboard, two_cases):
    dashboard.refresh()
    name_a = "Vance, Harold"  # the example case
    # A: first check +14 = 2025-02-03 (yesterday: overdue by 1 day), standard decision +15 =
    # 2025-02-04 (today). B: internal appeal 180 calendar days from the letter of 2025-02-28:
    # Mar 31 (31), Apr 30 (61), May 31 (92), Jun 30 (122), Jul 31 (153), Aug 27 (180); from
    # today: Mar 4 (28), Apr 4 (59), May 4 (89), Jun 4 (120), Jul 4 (150), Aug 4 (181), so 204.
    assert rows(dashboard) == [
        (
            "2025-02-03",
            "⚠ OVERDUE by 1 day",
            name_a,
            "fully insured",
            "Check on the pending request (week 3, then weekly)",
        ),
        (
            "2025-02-04",
            "due soon: today",
            name_a,
            "fully insured",
            "Standard prior authorization decision expected",
        ),
        (
            "2025-08-27",
            "upcoming: in 204 days",
            "Vance, Rowan",
            "self funded erisa",
            "Last day to file the internal appeal with Cigna",
        ),
    ]
    m = dashboard.model
    assert m.data(m.index(0, 1), Qt.ItemDataRole.BackgroundRole).name() == "#ffd6d6"
    assert m.data(m.index(2, 1), Qt.ItemDataRole.BackgroundRole) is None
    assert "⚠ 1 overdue" in dashboard.summary.text()
    assert "3 open deadline(s) in 2 case(s)" in dashboard.summary.text()


def test_double_click_opens_the_rows_case(qtbot, dashboard, two_cases):
    dashboard.refresh()
    view = dashboard.view
    rect = view.visualRect(dashboard.model.index(2, 2))
    with qtbot.waitSignal(dashboard.open_case, timeout=1000) as blocker:
        # what the window system delivers: a click, then the double-click
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [two_cases[1]]
    view.selectRow(0)
    with qtbot.waitSignal(dashboard.open_case, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [two_cases[0]]


def test_refresh_sees_new_events_and_emits_badges(qtbot, dashboard, store, two_cases):
    a, b = two_cases
    dashboard.refresh()
    assert dashboard.badge_texts() == {a: "⚠ 1 overdue", b: "due 08-27"}
    # A was denied on 2025-02-03: both PA deadlines are done; appeal by +180 days = 2025-08-02
    # (Mar 3 = 28, Apr 3 = 59, May 3 = 89, Jun 3 = 120, Jul 3 = 150, Aug 2 = 180)
    EventRepository(store.db).add(a, "denied", "2025-02-03")
    with qtbot.waitSignal(dashboard.badges_changed) as blocker:
        dashboard.refresh()
    assert blocker.args == [{a: "due 08-02", b: "due 08-27"}]
    assert [r[0] for r in rows(dashboard)] == ["2025-08-02", "2025-08-27"]
    assert case_badge_texts(store, PROFILE, today=date(2025, 2, 4)) == blocker.args[0]


def test_badge_text_and_tooltip():
    today = date(2025, 12, 1)
    assert badge_text(CaseBadge(2, 0, date(2025, 11, 20), "X"), today) == "⚠ 2 overdue"
    assert badge_text(CaseBadge(0, 1, date(2025, 12, 3), "X"), today) == "due 12-03"
    assert badge_text(CaseBadge(0, 0, date(2026, 1, 5), "X"), today) == "due 2026-01-05"
    tip = badge_tooltip(CaseBadge(1, 2, date(2025, 11, 20), "Check on the request"))
    assert tip == (
        "1 deadline(s) overdue; 2 due within a week; next: Check on the request (2025-11-20)"
    )


def test_no_events_no_rows(qtbot, store, example_path):
    store.cases.create(load_case_file(example_path))
    board = DeadlineDashboard(store, PROFILE, clock=lambda: date(2025, 2, 4))
    qtbot.addWidget(board)
    board.refresh()
    assert board.model.rowCount() == 0 and "No open deadlines" in board.summary.text()
    assert board.badge_texts() == {}
    assert "&" in board.refresh_button.text() and board.view.accessibleName()


@pytest.mark.parametrize("pool", ["synchronous", "threads"])
def test_refresh_on_the_task_runner(qtbot, store, two_cases, pool):
    from qalsody_desktop.gui.task import SynchronousPool, TaskRunner

    tasks = TaskRunner(SynchronousPool()) if pool == "synchronous" else TaskRunner()
    board = DeadlineDashboard(store, PROFILE, None, tasks, clock=lambda: date(2025, 2, 4))
    qtbot.addWidget(board)
    with qtbot.waitSignal(board.badges_changed, timeout=5000) as blocker:
        board.refresh()
        board.refresh()  # the first result, if it comes later, is dropped
    a, b = two_cases
    assert blocker.args == [{a: "⚠ 1 overdue", b: "due 08-27"}]
    qtbot.waitUntil(lambda: tasks.active() == 0, timeout=5000)
    assert [r[0] for r in rows(board)] == ["2025-02-03", "2025-02-04", "2025-08-27"]


def test_a_medicare_advantage_case_shows_its_hour_deadline_and_the_awaited_ire(
    qtbot, store, example_path
):
    case = load_case_file(example_path)
    case.insurance.plan_type = "medicare_advantage"
    case.request.urgency = "expedited"
    ma = store.cases.create(case)
    repo = EventRepository(store.db)
    repo.add(ma, "submitted", "2025-02-03", {"time": "15:20"})
    other = store.cases.create(copy.deepcopy(case))
    for kind, day, data in (
        ("denied", "2025-01-10", {}),
        ("appeal_filed", "2025-01-20", {}),
        ("appeal_decided", "2025-01-24", {"outcome": "upheld"}),
    ):
        repo.add(other, kind, day, data)
    board = DeadlineDashboard(store, PROFILE, clock=lambda: date(2025, 2, 4))
    qtbot.addWidget(board)
    board.refresh()
    got = {(r[0], r[1], r[4]) for r in rows(board)}
    # expedited Part B drug request: 02-03 15:20 + 24 h = 02-04 15:20 (today)
    assert (
        "2025-02-04 15:20",
        "due soon: today",
        "Expedited Medicare Advantage organization determination expected (Part B drug)",
    ) in got
    last = board.model.texts(board.model.rowCount() - 1)
    assert last[0] == "awaited" and last[1] == "awaiting (no time limit to count)"
    assert last[4].startswith("Independent Review Entity decision awaited")
    index = board.model.index(board.model.rowCount() - 1, 0)
    assert board.model.data(index, Qt.ItemDataRole.BackgroundRole) is None
    assert case_badge_texts(store, PROFILE, date(2025, 2, 4))[other] == ""
