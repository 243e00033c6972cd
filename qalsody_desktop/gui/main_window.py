"""The main window: case list on the left, case editor on the right, actions around them.

Dependencies come in through the constructor (store, settings, dialogs, task runner): no globals,
so a test builds a window against a temporary data folder and scripted dialogs.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..core.model import Case
from ..core.policy import PolicyProfile, load_default_profile
from ..core.storage import Store
from ..core.storage.cases import ConflictError
from .actions import build_actions
from .case_archive import CaseArchiveActions
from .case_editor import CaseEditor
from .case_files import STORE_ERRORS, CaseFileActions, count_noun
from .case_list import CaseListPanel
from .case_work import CaseWorkActions
from .checklist_panel import ChecklistPanel
from .dialogs import Dialogs
from .ehr_import import EhrImporter
from .evidence_drop import CaseView
from .evidence_pages import PageDialogs
from .evidence_panel import EvidencePanel
from .problems import problem_text
from .task import TaskRunner

log = logging.getLogger(__name__)
GEOMETRY_KEY = "mainWindow/geometry"
STATE_KEY = "mainWindow/state"
SPLITTER_KEY = "mainWindow/splitter"
WORK_PANEL_MODULES = (".letter_tab", ".bundle_wiring", ".timeline_wiring")


class MainWindow(CaseFileActions, CaseArchiveActions, CaseWorkActions, QMainWindow):
    def __init__(
        self,
        store: Store,
        settings: QSettings,
        dialogs: Dialogs | None = None,
        tasks: TaskRunner | None = None,
        parent: QWidget | None = None,
        profile: PolicyProfile | None = None,
        defer_work_panels: bool = False,
    ):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.store = store
        self.settings = settings
        self.dialogs = dialogs or PageDialogs()
        self.tasks = tasks or TaskRunner()
        self.profile = profile if profile is not None else load_default_profile()
        self.current_id: str | None = None  # the stored case in the editor
        self.revision: int | None = None  # its revision when opened (for conflict detection)
        self.editing = False  # a case (stored or new) is in the editor
        self._panels_started = False  # Letters, Bundle, Timeline added (or being added)

        self.case_list = CaseListPanel(self)
        self.editor = CaseEditor(self)
        self.undo_stack = QUndoStack(self)
        self.evidence = EvidencePanel(
            self.store, self.profile, self.dialogs, self.tasks, self, undo_stack=self.undo_stack
        )
        self.editor.tabs.addSection("Work")
        self.evidence_tab = self.editor.tabs.addTab(self.evidence, "Evidence")
        self.checklist = ChecklistPanel(self)
        self.case_view = CaseView(self.editor, self)
        # the checklist sits under the case list, beside the editor (whose tab bar needs the width)
        self.left = QSplitter(Qt.Orientation.Vertical, self)
        self.left.setObjectName("leftSplitter")
        self.left.addWidget(self.case_list)
        self.left.addWidget(self.checklist)
        # the checklist (two lines an item: state and reason) gets two thirds of the height
        self.left.setStretchFactor(0, 1)
        self.left.setStretchFactor(1, 2)
        self.left.setSizes([200, 400])
        self.left.setChildrenCollapsible(False)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._empty_page())
        self.stack.addWidget(self.case_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([380, 980])  # the editor gets the width on a laptop
        self.setCentralWidget(self.splitter)

        self.actions_ = build_actions(self)
        self.case_list.case_selected.connect(self._on_case_selected)
        self.editor.changed.connect(self._update_state)
        # typing re-reviews every attachment: wait for a pause (checklist_delay_ms) first
        self.checklist_delay_ms = 150
        self._kit_generation = 0  # results of older requests are dropped
        self._kit_tasks = 0  # re-evaluations still running
        self._kit_timer = QTimer(self)
        self._kit_timer.setSingleShot(True)
        self._kit_timer.timeout.connect(self.refresh_kit)
        self.editor.changed.connect(self._schedule_refresh)
        self.evidence.changed.connect(self.refresh_kit)
        self.evidence.accept_findings.connect(self.accept_findings)
        self.evidence.files_attached.connect(
            lambda: self.editor.tabs.setCurrentIndex(self.evidence_tab)
        )
        self.ehr = EhrImporter(self)  # Case > Import from EHR export…, .xml/.json drops
        self.case_view.files_dropped.connect(self.ehr.route_drop)
        self.checklist.item_activated.connect(self.go_to_item)
        self.statusBar().showMessage("Ready", 3000)
        self.refresh_list()
        self._update_state()
        if not defer_work_panels:
            self.install_work_panels()
        self._restore_geometry()

    def install_work_panels(self) -> None:
        """Letters, Bundle and Timeline, at once (tests; ``defer_work_panels=False``)."""
        for step in self._work_panel_steps():
            step()

    def install_work_panels_soon(self) -> None:
        """As the app starts: the panels' modules (~0.3 s of imports) are imported on a worker
        while the window already answers, then one panel is built per turn of the event loop,
        so no step holds the GUI thread for long."""
        steps = self._work_panel_steps()

        def next_step(_result: object = None) -> None:
            if steps:
                steps.pop(0)()
                QTimer.singleShot(0, next_step)

        def load(_ctx: object) -> None:
            for name in WORK_PANEL_MODULES:
                importlib.import_module(name, __package__)

        # an import error surfaces when the GUI thread imports the module itself
        self.tasks.run(load, name="work panels", on_success=next_step, on_error=next_step)

    def _work_panel_steps(self) -> list[Callable[[], None]]:
        if self._panels_started:
            return []
        self._panels_started = True

        def letters() -> None:
            from .letter_tab import install_letter_tab

            self.letters = install_letter_tab(self)

        def bundle() -> None:  # the work in order: letters, bundle, timeline
            from .bundle_wiring import install_bundle

            self.bundle_ui = install_bundle(self)

        def timeline() -> None:
            from .timeline_wiring import install_timeline

            self.timeline_ui = install_timeline(self)
            self.timeline_ui.panel.changed.connect(self.letters.invalidate)
            state = self.settings.value(STATE_KEY)
            if isinstance(state, QByteArray) and not state.isEmpty():
                self.restoreState(state)  # the deadline dock did not exist at the first restore

        return [letters, bundle, timeline]

    def _empty_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("emptyPage")
        label = QLabel("<h2>No case open</h2><p>Pick a case on the left, or start one:</p>", page)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        layout.addWidget(label)
        self._empty_buttons = []
        for text, slot in (
            ("New case  (Ctrl+N)", self.new_case),
            ("Import case JSON…  (Ctrl+I)", self.import_case),
            ("Load demo case", self.load_demo),
        ):
            button = QPushButton(text, page)
            button.setMinimumWidth(260)
            button.clicked.connect(slot)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            self._empty_buttons.append(button)
        layout.addStretch(3)
        return page

    # --- state ----------------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return self.editing and self.editor.is_dirty()

    def _case_label(self) -> str:
        name = self.editor.case().display_name
        return "The new case" if self.current_id is None else f"The case “{name}”"

    def _update_state(self) -> None:
        dirty = self.is_dirty()
        if self.editing:
            name = self.editor.case().display_name
            title = f"{name} (new)" if self.current_id is None else name
            self.setWindowTitle(f"{title}[*] — {APP_NAME}")
        else:
            self.setWindowTitle(f"{APP_NAME}[*]")
        self.setWindowModified(dirty)
        self.case_list.model.set_unsaved(self.current_id if dirty else None)
        a = self.actions_
        a["save"].setEnabled(self.editing)
        a["export"].setEnabled(self.editing)
        a["delete"].setEnabled(self.editing)
        a["archive_export"].setEnabled(self.current_id is not None)
        a["attach"].setEnabled(self.editing)
        a["checklist"].setEnabled(self.editing)
        self.stack.setCurrentIndex(1 if self.editing else 0)
        self.checklist.setVisible(self.editing)

    def refresh_list(self) -> None:
        try:
            cases = self.store.cases.list()
        except STORE_ERRORS as exc:
            self.dialogs.error(self, "Cannot read cases", f"The case list could not be read: {exc}")
            return
        self.case_list.set_cases(cases, self.current_id)
        self._update_state()

    def confirm_leave(self) -> bool:
        """True when the editor's changes may be left behind: none, saved, or discarded."""
        if self.editing:
            self.editor.commit_pending()
        if not self.is_dirty():
            return True
        answer = self.dialogs.ask_unsaved(self, self._case_label())
        if answer == "save":
            return self.save()
        return answer == "discard"

    # --- opening --------------------------------------------------------------------------------

    def _on_case_selected(self, case_id: str) -> None:
        if case_id == self.current_id:
            return
        if not self.confirm_leave():
            self.case_list.select(self.current_id, silent=True)
            return
        self.open_case(case_id)

    def open_case(self, case_id: str) -> bool:
        try:
            stored = self.store.cases.get(case_id)
        except STORE_ERRORS as exc:
            self.dialogs.error(self, "Cannot open case", f"The case could not be opened: {exc}")
            self.refresh_list()
            return False
        self.current_id, self.revision, self.editing = stored.id, stored.revision, True
        self.editor.load(stored.case)
        self.case_list.select(stored.id, silent=True)
        self._update_state()
        log.info("opened case %s (revision %d)", stored.id, stored.revision)
        return True

    def close_case(self) -> None:
        self.current_id, self.revision, self.editing = None, None, False
        self.editor.load(Case())
        self.case_list.select(None, silent=True)
        self._update_state()

    # --- actions --------------------------------------------------------------------------------

    def new_case(self) -> None:
        if not self.confirm_leave():
            return
        self.current_id, self.revision, self.editing = None, None, True
        self.editor.load(Case())
        self.editor.tabs.setCurrentIndex(0)
        self.case_list.select(None, silent=True)
        self._update_state()
        self.editor.focus_path("patient.first_name")
        self.statusBar().showMessage(
            "New case: enter at least the first and last name, then save", 8000
        )

    def save(self) -> bool:
        if not self.editing:
            return False
        self.editor.commit_pending()
        errors = self.editor.errors()
        if errors:
            n = len(errors)
            self.dialogs.error(
                self,
                "Case not saved",
                f"The case has {count_noun(n, 'problem')}. Fix {'them' if n != 1 else 'it'} "
                "and save again.",
                [problem_text(e) for e in errors],
            )
            self.editor.focus_path(errors[0].path)
            self.statusBar().showMessage(f"Not saved: {count_noun(n, 'problem')}", 8000)
            return False
        case = self.editor.case()
        try:
            if self.current_id is None:
                case_id = self.store.cases.create(case)
                log.info("created case %s", case_id)
            else:
                case_id = self.current_id
                revision = self.store.cases.save(case_id, case, base_revision=self.revision)
                log.info("saved case %s (revision %d)", case_id, revision)
        except ConflictError:
            log.warning("save conflict on case %s", self.current_id)
            self.dialogs.error(
                self,
                "Case not saved: changed elsewhere",
                "This case was changed in another window or by the command line after you opened "
                "it, so saving would overwrite those changes.\n\nYour edits are still in the "
                "editor: export them (Ctrl+E) to keep a copy, then reopen the case.",
            )
            self.statusBar().showMessage("Not saved: the case was changed elsewhere", 8000)
            return False
        except STORE_ERRORS as exc:
            log.error("saving case %s failed: %s", self.current_id, type(exc).__name__)
            self.dialogs.error(self, "Case not saved", f"The case could not be saved: {exc}")
            return False
        tab = self.editor.tabs.currentIndex()
        self.current_id = case_id
        self.refresh_list()
        self.open_case(case_id)
        self.editor.tabs.setCurrentIndex(tab)
        self.statusBar().showMessage("Saved", 5000)
        return True

    def delete_case(self) -> None:
        if not self.editing:
            return
        if self.current_id is None:
            if self.confirm_leave():
                self.close_case()
            return
        name = self.editor.case().display_name
        if not self.dialogs.confirm(
            self,
            "Delete case",
            f"Delete the case “{name}” and its history from this computer?\n\n"
            "This cannot be undone.",
            "Delete",
        ):
            return
        case_id = self.current_id
        try:
            self.store.cases.delete(case_id)
        except STORE_ERRORS as exc:
            self.dialogs.error(self, "Case not deleted", f"The case could not be deleted: {exc}")
            return
        log.info("deleted case %s", case_id)
        self.close_case()
        self.refresh_list()
        self.statusBar().showMessage("Case deleted", 8000)

    def focus_search(self) -> None:
        self.case_list.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.case_list.search.selectAll()

    # --- window ---------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry()
            self.resize(min(1360, screen.width() - 40), min(820, screen.height() - 60))
        for key, target in ((STATE_KEY, self), (SPLITTER_KEY, self.splitter)):
            value = self.settings.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                target.restoreState(value)

    def _save_geometry(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState())
        self.settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_leave():
            event.ignore()
            return
        self._save_geometry()
        event.accept()
