"""The Timeline tab of a case: what happened when, and the deadlines that follow from it.

Left: the events, newest first, with Add…/Edit…/Delete (Delete goes on the window's undo
stack). Right: the deadline engine's output for the case as edited (plan type and urgency come
from the editor, so changing the plan type shows the other route at once), the appeal route
that applies and why, and the calendar export. The engine takes about a millisecond, so it
runs on every ``set_case``; events are read from the store only when the case or its timeline
changes.

Keys: Ctrl+Shift+E add, Enter (or double-click) edit, Delete delete the selected event,
Ctrl+Shift+K export the calendar.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import QalsodyError
from ..core.model import Case
from ..core.policy.model import PolicyProfile
from ..core.storage import Store
from ..core.tracking.deadlines import DeadlineReport
from ..core.tracking.denial import DENIAL_CATEGORY
from ..core.tracking.events import Event
from .event_dialog import EventDialog
from .fit import SIDE_BY_SIDE, adapt_splitter, fit_columns
from .task import TaskRunner
from .timeline_deadlines import DeadlinesPane, make_table, route_html, shortcut_action
from .timeline_denial import propose_denied_event
from .timeline_model import EventTableModel
from .timeline_store import event_repository, remove_event, restore_event
from .undo import push_delete

log = logging.getLogger(__name__)
STORE_ERRORS = (QalsodyError, sqlite3.Error, OSError)
ADD_KEY = "Ctrl+Shift+E"


class TimelinePanel(QWidget):
    """A case's timeline and deadlines; ``changed`` fires after an event is added/edited/removed."""

    changed = Signal()
    status = Signal(str)

    def __init__(
        self,
        store: Store,
        profile: PolicyProfile,
        dialogs: Any,
        tasks: TaskRunner | None = None,
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
        clock: Callable[[], date] = date.today,
    ):
        super().__init__(parent)
        self.setObjectName("timelinePanel")
        self.store = store
        self.profile = profile
        self.dialogs = dialogs
        self.tasks = tasks
        self.undo_stack = undo_stack
        self.clock = clock
        self.repo = event_repository(store.db, profile)
        self.case_id: str | None = None
        self.case: Case | None = None
        self.attachments: list[tuple[str, str]] = []
        self.dialog: EventDialog | None = None  # the open add/edit dialog

        self.events_model = EventTableModel(self)
        self.events_view = make_table(self, "timelineEvents", "Timeline events")
        self.events_view.setModel(self.events_model)
        self.events_fitter = fit_columns(self.events_view, keep=2)
        self.events_view.selectionModel().selectionChanged.connect(self._on_selection)
        self.events_view.activated.connect(self._on_activated)
        self.deadlines = DeadlinesPane(profile, dialogs, clock, self)
        self.deadlines.status.connect(self.status)
        self.addAction(self.deadlines.export_action)  # Ctrl+Shift+K anywhere in the tab

        self.add_button = QPushButton("&Add event…", self)
        self.edit_button = QPushButton("Ed&it event…", self)
        self.delete_button = QPushButton("&Delete event", self)
        self.add_action = shortcut_action(self, "Add event…", ADD_KEY, self.add_event, self)
        self.delete_action = shortcut_action(
            self.events_view,
            "Delete event",
            QKeySequence.StandardKey.Delete,
            self.delete_selected,
            self,
        )
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.add_button.clicked.connect(lambda: self.add_event())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.delete_button.clicked.connect(self.delete_selected)
        for button, key in (
            (self.add_button, ADD_KEY),
            (self.edit_button, "Enter"),
            (self.delete_button, "Delete"),
        ):
            button.setToolTip(f"{button.text().replace('&', '')} ({key})")

        self.events_label = QLabel("E&vents (newest first):", self)
        self.events_label.setBuddy(self.events_view)
        self.hint = QLabel(self)
        self.hint.setObjectName("timelineHint")
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.events_label, 1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.hint)
        left_layout.addWidget(self.events_view, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("timelineSplitter")
        split.addWidget(left)
        split.addWidget(self.deadlines)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        adapt_splitter(split, SIDE_BY_SIDE)  # deadlines below the events on a laptop
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        chain = [self.add_button, self.edit_button, self.delete_button, self.events_view]
        chain.append(self.deadlines.export_button)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._show()

    # the deadline half: ``self.deadlines`` (model, view, route, export_button/action)
    @property
    def report(self) -> DeadlineReport | None:
        return self.deadlines.report

    def export_calendar(self) -> Path | None:
        """Write the case's open deadlines to an .ics file the user picks (Ctrl+Shift+K)."""
        return self.deadlines.export_calendar()

    # --- showing -----------------------------------------------------------------------------

    def set_case(self, case_id: str | None, case: Case | None) -> None:
        """The open case (``case``: as edited, maybe unsaved); reads events on a new case only."""
        reload = case_id != self.case_id
        if case is None and case_id is not None:
            case = self.case if not reload else self._stored_case(case_id)
        self.case_id = case_id
        self.case = case
        if reload:
            self.reload()
        else:
            self._show()

    def _stored_case(self, case_id: str) -> Case | None:
        try:
            return self.store.cases.get(case_id).case
        except STORE_ERRORS as exc:
            self.status.emit(f"The case's timeline could not be read: {exc}")
            return None

    def reload(self) -> None:
        """Read the case's events and files again (after something else recorded an event)."""
        events: list[Event] = []
        self.attachments = []
        if self.case_id is not None:
            try:
                events = self.repo.list(self.case_id)
                files = self.store.attachments.list(self.case_id)
                self.attachments = [(a.id, a.file_name) for a in files]
            except STORE_ERRORS as exc:
                log.warning("timeline of %s not read: %s", self.case_id, type(exc).__name__)
                self.status.emit(f"Timeline not read: {exc}")
        selected = self.selected_event()
        self.events_model.set_events(events, dict(self.attachments))
        if selected is not None and (row := self.events_model.row_of(selected.id)) >= 0:
            self.events_view.selectRow(row)
        self._show()

    def _show(self) -> None:
        case = self.case if self.case_id is not None else None
        self.deadlines.show_case(self.case_id, case, self.events_model.events)
        if case is None:
            self.hint.setText(
                "Save the case first: events and deadlines belong to a saved case."
                if self.case is not None
                else "No case open."
            )
        elif not self.events_model.events:
            self.hint.setText(
                "No events yet. Record the submission (Add event…, Ctrl+Shift+E): the "
                "deadlines start from it."
            )
        else:
            self.hint.setText("")
        self.hint.setVisible(bool(self.hint.text()))
        self._update_buttons()

    def selected_row(self) -> int:
        rows = self.events_view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_event(self) -> Event | None:
        row = self.selected_row()
        return self.events_model.event_at(row) if row >= 0 else None

    def _on_selection(self, *_: QItemSelection) -> None:
        self._update_buttons()

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    def _update_buttons(self) -> None:
        has_case = self.case_id is not None
        selected = self.selected_row() >= 0
        self.add_button.setEnabled(has_case)
        self.add_action.setEnabled(has_case)
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.delete_action.setEnabled(selected)

    # --- events ------------------------------------------------------------------------------

    def add_event(self, event_type: str | None = None) -> EventDialog | None:
        """Open the dialog for a new event (window-modal); it records the event on Save."""
        if self.case_id is None:
            return None
        case_id = self.case_id

        def save(kind: str, day: date, data: dict[str, Any]) -> Event:
            return self.repo.add(case_id, kind, day, data)

        return self._open_dialog(
            EventDialog(
                self.profile,
                save,
                event_type=event_type,
                attachments=self.attachments,
                today=self.clock(),
                parent=self,
            )
        )

    def edit_selected(self) -> EventDialog | None:
        event = self.selected_event()
        if event is None:
            return None

        def save(kind: str, day: date, data: dict[str, Any]) -> Event:
            return self.repo.update(event.id, when=day, data=data, replace=True)

        return self._open_dialog(
            EventDialog(
                self.profile,
                save,
                event=event,
                attachments=self.attachments,
                today=self.clock(),
                parent=self,
            )
        )

    def _open_dialog(self, dialog: EventDialog) -> EventDialog:
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, dialog: EventDialog) -> None:
        event = dialog.saved
        if event is None:
            return
        verb = "Changed" if dialog.editing else "Recorded"
        log.info("%s event %s (%s)", verb.lower(), event.id, event.type)
        self.record_saved(event, f"{verb} “{event.title}” of {event.date.isoformat()}")

    def record_saved(self, event: Event, message: str) -> None:
        """Show an event stored elsewhere (the denial proposal) and select it."""
        self.reload()
        row = self.events_model.row_of(event.id)
        if row >= 0:
            self.events_view.selectRow(row)
        self.status.emit(message)
        self.changed.emit()

    def propose_denial(self, attachment_id: str) -> EventDialog | None:
        """A denial letter was attached or re-categorized: propose its ``denied`` event."""
        if self.case_id is None:
            return None
        dialog = propose_denied_event(
            self,
            self.store,
            self.profile,
            self.case_id,
            attachment_id,
            self.dialogs,
            on_saved=lambda e: self.record_saved(
                e, f"Recorded the denial of {e.date.isoformat()} from the letter"
            ),
            case=self.case,
            clock=self.clock,
        )
        if dialog is not None:
            self.dialog = dialog
        return dialog

    def files_changed(self) -> None:
        """The case's files changed (the Evidence tab): the event dialogs list them. A new
        denial letter's event is offered in the attach summary (``record_denial``), not here:
        one window after a drop, never two stacked."""
        if self.case_id is not None:
            self.reload()

    def file_recategorized(self, attachment_id: str) -> EventDialog | None:
        """A file's category was changed by hand: to a denial letter, propose its event."""
        try:
            att = self.store.attachments.get(attachment_id)
        except STORE_ERRORS:
            return None
        if att.case_id != self.case_id or att.category != DENIAL_CATEGORY:
            return None
        return self.propose_denial(attachment_id)

    def delete_selected(self) -> None:
        event = self.selected_event()
        if event is None:
            return
        what = f"“{event.title}” of {event.date.isoformat()}"
        if not self.dialogs.confirm(
            self, "Delete event", f"Delete the event {what} from the timeline?", "Delete"
        ):
            return
        db = self.store.db
        try:
            removed = remove_event(db, event.id)
        except STORE_ERRORS as exc:
            self.dialogs.error(self, "Event not deleted", f"The event could not be deleted: {exc}")
            return
        log.info("deleted event %s", event.id)
        if self.undo_stack is not None:
            push_delete(
                self.undo_stack,
                removed,
                remove=lambda: remove_event(db, event.id),
                restore=lambda r: restore_event(db, r),
                changed=self._changed_elsewhere,
                report=lambda msg: self.dialogs.error(self, "Undo", msg),
            )
        self.status.emit(
            f"Deleted the event {what}" + (" (Undo: Ctrl+Z)" if self.undo_stack else "")
        )
        self._changed_elsewhere()

    def _changed_elsewhere(self) -> None:
        self.reload()
        self.changed.emit()


__all__ = ["TimelinePanel", "route_html"]
