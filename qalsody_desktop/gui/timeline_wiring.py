"""Put the Timeline tab, the deadline dashboard and their menu into the main window.

One call from ``MainWindow.__init__`` (before ``_restore_geometry``, so the dashboard dock's
place is restored with the window state)::

    self.timeline_ui = install_timeline(self)

It uses only what the window already has (store, profile, dialogs, tasks, undo stack, editor,
evidence panel, case list), so the window module itself does not grow.

Keys: Ctrl+Shift+E add an event (switches to the Timeline tab), Ctrl+Shift+K export the case's
deadlines as .ics, Ctrl+Shift+D show/hide the deadline dashboard; in the tab, Enter edits and
Delete deletes the selected event; F5 refreshes the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from .deadline_dashboard import DeadlineDashboard
from .timeline_view import TimelinePanel

DASHBOARD_KEY = "Ctrl+Shift+D"


@dataclass
class TimelineWiring:
    panel: TimelinePanel
    tab: int
    dashboard: DeadlineDashboard
    dock: QDockWidget
    menu: QMenu
    actions: dict[str, QAction]


def install_timeline(window: Any) -> TimelineWiring:
    """Build the panel and the dashboard, connect them, add the Timeline menu."""
    panel = TimelinePanel(
        window.store,
        window.profile,
        window.dialogs,
        window.tasks,
        window,
        undo_stack=window.undo_stack,
    )
    tab = window.editor.tabs.addTab(panel, "Timeline")
    dashboard = DeadlineDashboard(
        window.store, window.profile, window.dialogs, window.tasks, window
    )
    dock = QDockWidget("Deadlines (all cases)", window)
    dock.setObjectName("deadlineDock")
    dock.setWidget(dashboard)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()
    # a third of the window, not half: the case list and checklist keep their rows on a laptop
    dock.visibilityChanged.connect(
        lambda visible: (
            visible
            and window.resizeDocks(
                [dock], [max(170, window.height() // 3)], Qt.Orientation.Vertical
            )
        )
    )

    def sync_case() -> None:
        """The open case or its unsaved edits changed (cheap: events are read on a new case)."""
        editing = window.editing
        panel.set_case(
            window.current_id if editing else None, window.editor.case() if editing else None
        )

    def timeline_changed() -> None:
        window.refresh_kit()  # the checklist reads the timeline (a submission, a denial)
        dashboard.refresh()  # the dock and the case list's badges

    def open_from_dashboard(case_id: str) -> None:
        if case_id != window.current_id and window.confirm_leave():  # unsaved edits asked
            window.open_case(case_id)
        if window.current_id == case_id:
            window.editor.tabs.setCurrentIndex(tab)

    def add_event() -> None:
        if panel.case_id is not None:
            window.editor.tabs.setCurrentIndex(tab)

    window.editor.changed.connect(sync_case)
    window.evidence.changed.connect(panel.files_changed)
    window.evidence.record_denial.connect(panel.propose_denial)
    window.evidence.model.recategorized.connect(panel.file_recategorized)
    panel.changed.connect(timeline_changed)
    panel.status.connect(lambda text: window.statusBar().showMessage(text, 6000))
    dashboard.open_case.connect(open_from_dashboard)
    # saved, imported, deleted cases: the list is reloaded, and so are all deadlines
    window.case_list.model.modelReset.connect(dashboard.refresh)
    dock.visibilityChanged.connect(lambda visible: visible and dashboard.refresh())
    set_badges = getattr(window.case_list.model, "set_badges", None)
    if set_badges is not None:  # the case list's deadline column (see the report's diff)
        dashboard.badges_changed.connect(set_badges)

    toggle = dock.toggleViewAction()
    toggle.setText("Deadline &dashboard")
    toggle.setObjectName("action_dashboard")
    toggle.setShortcut(QKeySequence(DASHBOARD_KEY))
    toggle.setStatusTip("Every case's open deadlines, soonest first")
    actions = {"add_event": panel.add_action, "export_ics": panel.deadlines.export_action}
    panel.add_action.setText("&Add event…")
    panel.deadlines.export_action.setText("&Export deadlines calendar (.ics)…")
    panel.add_action.triggered.connect(add_event)
    for action in actions.values():
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    actions["dashboard"] = toggle
    window.addAction(toggle)
    menu = QMenu("&Timeline", window)
    menu.setObjectName("timelineMenu")
    menu.addAction(panel.add_action)
    menu.addAction(panel.deadlines.export_action)
    menu.addSeparator()
    menu.addAction(toggle)
    bar = window.menuBar()
    help_menu = next((a for a in bar.actions() if a.text() == "&Help"), None)
    if help_menu is not None:
        bar.insertMenu(help_menu, menu)
    else:
        window.menuBar().addMenu(menu)
    sync_case()
    dashboard.refresh()
    return TimelineWiring(panel, tab, dashboard, dock, menu, actions)
