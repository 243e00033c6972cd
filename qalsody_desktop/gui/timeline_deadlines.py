"""The right side of the Timeline tab: the case's deadlines, its appeal route, the .ics export.

The engine (``compute_deadlines``) runs on the case as edited, so a plan type changed in the
editor shows its route at once; it takes about a millisecond.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Case
from ..core.policy.model import PolicyProfile
from ..core.tracking.deadlines import DONE, DeadlineReport, compute_deadlines
from ..core.tracking.events import Event
from ..core.tracking.ics import write_deadlines_ics
from .fit import fit_columns
from .timeline_model import DeadlineTableModel
from .wording import file_stem

ICS_SUFFIX = ".ics"
EXPORT_KEY = "Ctrl+Shift+K"


def make_table(parent: QWidget, name: str, accessible: str) -> QTableView:
    """A read-only, row-selecting table as both halves of the tab use it."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


def shortcut_action(
    owner: QWidget, text: str, key: Any, slot: Callable[[], object], parent: QWidget
) -> QAction:
    """An action with a shortcut active while the focus is inside ``owner``."""
    action = QAction(text, parent)
    action.setShortcut(QKeySequence(key))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    return action


class DeadlinesPane(QWidget):
    """Deadlines with status in words and colour, the route and why, and the calendar export."""

    status = Signal(str)

    def __init__(
        self,
        profile: PolicyProfile,
        dialogs: Any,
        clock: Callable[[], date],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.profile = profile
        self.dialogs = dialogs
        self.clock = clock
        self.case_id: str | None = None
        self.case_name = ""  # for the suggested calendar file name
        self.report: DeadlineReport | None = None
        self.model = DeadlineTableModel(self)
        self.view = make_table(self, "caseDeadlines", "Deadlines")
        self.view.setModel(self.model)
        # due date, status and deadline first; the basis and source go first when narrow
        # (each row's tooltip gives its basis in plain words; the appeal route box its rules)
        self.fitter = fit_columns(self.view, stretch=2, keep=3)
        self.route = QTextBrowser(self)
        self.route.setObjectName("appealRoute")
        self.route.setAccessibleName("Appeal route")
        self.route.setOpenLinks(False)
        self.export_button = QPushButton("E&xport calendar (.ics)…", self)
        self.export_button.setToolTip(f"Write the open deadlines to a calendar file ({EXPORT_KEY})")
        self.export_button.clicked.connect(lambda: self.export_calendar())
        self.export_action = shortcut_action(
            self, "Export calendar (.ics)…", EXPORT_KEY, self.export_calendar, self
        )
        self.label = QLabel("Dead&lines:", self)
        self.label.setBuddy(self.view)
        self.route_label = QLabel("Appeal &route:", self)
        self.route_label.setBuddy(self.route)
        head = QHBoxLayout()
        head.addWidget(self.label, 1)
        head.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.route_label)
        layout.addWidget(self.route, 2)
        QWidget.setTabOrder(self.export_button, self.view)
        QWidget.setTabOrder(self.view, self.route)
        self.show_case(None, None, [])

    def show_case(self, case_id: str | None, case: Case | None, events: Sequence[Event]) -> None:
        today = self.clock()
        self.case_id = case_id
        self.case_name = case.display_name if case is not None else ""
        if case_id is None or case is None:
            self.report = None
            self.model.set_deadlines([], today)
            self.route.setHtml("")
        else:
            self.report = compute_deadlines(case, events, self.profile, today=today)
            self.model.set_deadlines(self.report.deadlines, today)
            self.route.setHtml(route_html(self.report))
        can_export = bool(self.report and self.report.dated_open)
        self.export_button.setEnabled(can_export)
        self.export_action.setEnabled(can_export)

    def export_calendar(self) -> Path | None:
        """Write the case's open deadlines to an .ics file the user picks."""
        if self.case_id is None or self.report is None or not self.report.dated_open:
            self.status.emit("No open deadline to export")
            return None
        suggested = f"{file_stem(self.case_name, 'deadlines')}{ICS_SUFFIX}"
        path = self.dialogs.save_path(self, "Export deadlines as a calendar (.ics)", suggested)
        if path is None:
            return None
        path = Path(path)
        if path.suffix.lower() != ICS_SUFFIX:
            path = path.with_suffix(ICS_SUFFIX)
        try:
            written = write_deadlines_ics(path, self.case_id, self.report.deadlines)
        except (OSError, ValueError) as exc:
            self.dialogs.error(self, "Calendar not written", f"{path.name} was not written: {exc}")
            return None
        noun = "deadline" if written == 1 else "deadlines"
        self.status.emit(f"Wrote {written} open {noun} to {path.name}")
        return path


def route_html(report: DeadlineReport) -> str:
    """The route that applies and why, the rules that do not, and what has not started."""
    route = report.route
    plan = (report.plan_type or "plan type not set").replace("_", " ")
    parts = [f"<p><b>{escape(plan)}</b>, {escape(report.urgency)} review.</p>"]
    parts += [f"<p><b>⚠ {escape(w)}</b></p>" for w in route.warnings]
    if route.steps:
        parts.append("<p>Applies:</p><ul>")
        for s in route.steps:
            note = f"<br><i>{escape(s['note'])}</i>" if s.get("note") else ""
            parts.append(
                f"<li>{escape(s['title'])} — {escape(s['source_title'])}"
                f" ({escape(s['source_status'])}){note}</li>"
            )
        parts.append("</ul>")
    else:
        parts.append(f"<p>{escape(route.summary)}</p>")
    if route.not_applicable:
        parts.append("<p>Not for this plan type:</p><ul>")
        parts += [
            f"<li>{escape(m['deadline'].replace('_', ' '))}: {escape(m['reason'])}</li>"
            for m in route.not_applicable
        ]
        parts.append("</ul>")
    if report.waiting:
        parts.append("<p>Start when recorded:</p><ul>")
        parts += [
            f"<li>{escape(w['id'].replace('_', ' '))}: needs {escape(w['needs'].replace('_', ' '))}"
            "</li>"
            for w in report.waiting
        ]
        parts.append("</ul>")
    done = [d for d in report.deadlines if d.status == DONE]
    if done:
        parts.append(f"<p>{len(done)} deadline(s) done.</p>")
    return "".join(parts)
