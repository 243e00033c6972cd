"""Many cases: badge updates touch only changed rows, the list needs no sorting pass in its
default order, one dashboard refresh runs at a time, the work panels arrive from a worker."""

from __future__ import annotations

import copy
from datetime import date

from PySide6.QtCore import QRunnable, Qt

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.cases import CaseSummary
from qalsody_desktop.gui.case_list import BADGE_COLUMN, CaseListPanel
from qalsody_desktop.gui.deadline_dashboard import DeadlineDashboard
from qalsody_desktop.gui.task import TaskRunner

PROFILE = load_default_profile()


def summary(case_id: str, last: str, first: str = "Ann") -> CaseSummary:
    return CaseSummary(case_id, last, first, None, None, None, "2025-01-01T00:00:00+00:00")


def test_badges_announce_only_the_rows_that_changed(qtbot):
    panel = CaseListPanel()
    qtbot.addWidget(panel)
    panel.set_cases([summary(f"c{i}", f"Name{i:03d}") for i in range(200)], None)
    model = panel.model
    changes: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda a, b, *_: changes.append((a.row(), b.row(), a.column(), b.column()))
    )
    model.set_badges({"c5": "due 03-01", "c6": "⚠ 1 overdue", "c150": "due 04-02"})
    assert changes == [(5, 6, BADGE_COLUMN, BADGE_COLUMN), (150, 150, BADGE_COLUMN, BADGE_COLUMN)]
    changes.clear()
    model.set_badges({"c5": "due 03-01", "c6": "⚠ 1 overdue", "c150": "due 04-02"})
    assert changes == []  # nothing changed: nothing announced
    model.set_badges({"c5": "due 03-01", "c6": "⚠ 1 overdue", "c9": "due 05-05"})
    assert sorted(changes) == [(9, 9, 5, 5), (150, 150, 5, 5)]  # c150 cleared, c9 new
    assert model.data(model.index(150, BADGE_COLUMN)) == ""
    assert model.data(model.index(9, BADGE_COLUMN)) == "due 05-05"


def test_the_list_is_in_name_order_and_still_sorts_by_any_column(qtbot):
    panel = CaseListPanel()
    qtbot.addWidget(panel)
    cases = [summary("b", "baker", "Zed"), summary("a", "Zola"), summary("c", "Baker", "Anna")]
    panel.set_cases(cases, None)
    view, proxy = panel.view, panel.proxy

    def shown(column: int = 0) -> list[str]:
        return [proxy.index(r, column).data() for r in range(proxy.rowCount())]

    # ignoring case, as the Name column sorts
    assert shown() == ["Baker, Anna", "baker, Zed", "Zola, Ann"]
    assert view.horizontalHeader().sortIndicatorSection() == 0
    panel.model.set_badges({"a": "⚠ 1 overdue"})
    view.sortByColumn(BADGE_COLUMN, Qt.SortOrder.DescendingOrder)
    assert shown()[0] == "Zola, Ann"
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert shown() == ["Zola, Ann", "baker, Zed", "Baker, Anna"]
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert shown() == ["Baker, Anna", "baker, Zed", "Zola, Ann"]
    panel.set_cases([*cases, summary("d", "Adams")], None)  # a new case lands in its place
    assert shown()[0] == "Adams, Ann"


class HeldPool:
    """Starts nothing until told: a refresh stays 'running' as long as the test wants."""

    def __init__(self) -> None:
        self.queue: list[QRunnable] = []

    def start(self, runnable: QRunnable) -> None:
        self.queue.append(runnable)

    def run_next(self) -> None:
        self.queue.pop(0).run()


def test_one_dashboard_refresh_at_a_time(qtbot, store, example_path):
    case = load_case_file(example_path)
    a = store.cases.create(case)
    store.events.add(a, "denied", "2025-01-06")
    pool = HeldPool()
    tasks = TaskRunner(pool)  # type: ignore[arg-type]
    board = DeadlineDashboard(store, PROFILE, None, tasks, clock=lambda: date(2025, 8, 1))
    qtbot.addWidget(board)
    shown: list[dict[str, str]] = []
    board.badges_changed.connect(shown.append)
    board.refresh()
    b = store.cases.create(copy.deepcopy(case))
    store.events.add(b, "denied", "2025-07-20")
    board.refresh()
    board.refresh()  # asked twice while the first runs: one more run, not two
    assert len(pool.queue) == 1
    pool.run_next()
    qtbot.waitUntil(lambda: len(pool.queue) == 1, timeout=5000)  # the second run started
    assert shown == []  # the first result (without b) was outdated: not shown
    pool.run_next()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert set(shown[-1]) == {a, b}
    assert pool.queue == []


def test_work_panels_arrive_from_a_worker(qtbot, store, settings, dialogs):
    from qalsody_desktop.gui.main_window import MainWindow

    window = MainWindow(store, settings, dialogs, TaskRunner(), defer_work_panels=True)
    qtbot.addWidget(window)
    window.show()
    window.install_work_panels_soon()
    assert not hasattr(window, "letters")  # nothing built on the spot
    qtbot.waitUntil(lambda: hasattr(window, "timeline_ui"), timeout=20000)
    qtbot.waitUntil(lambda: window.tasks.active() == 0, timeout=20000)
    tabs = window.editor.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles[-4:] == ["Evidence", "Letters", "Bundle", "Timeline"]
    window.install_work_panels()  # already there: nothing added twice
    assert tabs.count() == len(titles)
