"""The Bundle tab: order and choose the documents, pick the route, build, preview, print.

Choices (documents left out, their order, route, Bates prefix) are saved in the case's
preferences as soon as they are made, so the GUI and ``qalsody-pa bundle`` build the same
bundle. Building runs on the shared :class:`TaskRunner` with a progress dialog and Cancel;
the worker opens its own :class:`Store`, because an SQLite connection belongs to its thread.

Keyboard: Ctrl+B builds (anywhere in the window while the tab is shown); in the tree,
Alt+Up / Alt+Down move the selected document within its section and Space ticks or unticks it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.bundle.letter import signed_copy
from ..core.bundle.model import EXPORT_KIND
from ..core.bundle.settings import BundleSettings, load_settings, save_settings
from ..core.errors import QalsodyError
from ..core.model import Case
from ..core.policy.model import PolicyProfile
from ..core.storage import Store
from ..core.storage.exports import ExportRecord, ExportRepository
from ..core.storage.prefs import CasePrefs
from .bundle_exports import ExportList, export_files, local_time
from .bundle_gates import HeldBackBox, screen_work
from .bundle_job import build_work, pdf_path, suggested_path
from .bundle_model import KEY_ROLE, BundleTreeModel, make_tree
from .bundle_options import BundleOptionsForm
from .bundle_outline import outline, settings_from
from .bundle_print import open_url as default_open_url
from .bundle_print import print_pdf as default_print_pdf
from .bundle_result import BundleResultView, OpenUrl, PrintPdf
from .case_files import STORE_ERRORS
from .fit import SIDE_BY_SIDE, adapt_splitter
from .task import Task, TaskRunner

log = logging.getLogger(__name__)
CANCELLED_TEXT = "Cancelled: no bundle was written."

if TYPE_CHECKING:
    from ..core.bundle import BundleResult


class BundlePanel(QWidget):
    """``status(str)`` reports for the status bar; ``exported(str)`` gives a new export's id."""

    status = Signal(str)
    exported = Signal(str)

    def __init__(
        self,
        store: Store,
        profile: PolicyProfile,
        dialogs: Any,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        open_url: OpenUrl | None = None,
        print_pdf: PrintPdf | None = None,
        today: date | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("bundlePanel")
        self.store = store
        self.profile = profile
        self.dialogs = dialogs
        self.tasks = tasks
        self.today = today
        self.case_id: str | None = None
        self.case: Case | None = None
        self.settings = BundleSettings()
        self.task: Task | None = None
        self.last_result: BundleResult | None = None

        self.model = BundleTreeModel(self)
        self.model.user_changed.connect(self._save_tree)
        self.tree = make_tree(self.model, self)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update())
        tree_label = QLabel("Sec&tions and documents (tick to include, drag to reorder):", self)
        tree_label.setBuddy(self.tree)

        # the move keys belong to the tree (Alt+Down also opens a combo box's list);
        # Ctrl+B works anywhere in the window while the tab is shown
        self.move_up_action = self._action("Move &up", "Alt+Up", lambda: self.move_selected(-1))
        self.move_down_action = self._action(
            "Move &down", "Alt+Down", lambda: self.move_selected(1)
        )
        for action in (self.move_up_action, self.move_down_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.tree.addAction(action)
        self.build_action = self._action("&Build…", "Ctrl+B", self.build)
        self.build_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.build_action)
        self.up_button = self._button(self.move_up_action, "bundleMoveUp")
        self.down_button = self._button(self.move_down_action, "bundleMoveDown")
        self.build_button = self._button(self.build_action, "bundleBuild")

        self.options = BundleOptionsForm(profile, self)
        self.options.changed.connect(self._save_options)
        self.state_label = QLabel("", self)
        self.state_label.setObjectName("bundleState")
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName("Bundle build status")

        self.held = HeldBackBox(store, dialogs, self)
        self.held.changed.connect(self.refresh)

        self.exports = ExportList(self)
        self.exports.export_activated.connect(self.show_export)
        exports_label = QLabel("Pre&vious bundles (Enter shows one again):", self)
        exports_label.setBuddy(self.exports)

        self.result = BundleResultView(
            open_url or default_open_url, print_pdf or default_print_pdf, self
        )

        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        moves.addStretch(1)
        build_row = QHBoxLayout()
        build_row.addWidget(self.build_button)
        build_row.addWidget(self.state_label, 1)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(tree_label)
        self.tree.setMinimumHeight(200)  # a dozen rows even when the page is short
        column.addWidget(self.tree, 3)
        column.addLayout(moves)
        column.addWidget(self.held, 1)
        column.addWidget(self.options)
        column.addLayout(build_row)
        column.addWidget(exports_label)
        column.addWidget(self.exports, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.result)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        adapt_splitter(split, SIDE_BY_SIDE)  # the preview goes below the list on a laptop
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        QWidget.setTabOrder(self.tree, self.up_button)
        QWidget.setTabOrder(self.up_button, self.down_button)
        QWidget.setTabOrder(self.down_button, self.options.route)
        QWidget.setTabOrder(self.options.last_widget(), self.build_button)
        QWidget.setTabOrder(self.build_button, self.exports)
        self._update()

    def _action(self, text: str, shortcut: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{text.replace('&', '')} ({shortcut})")
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _button(self, action: QAction, name: str) -> QPushButton:
        button = QPushButton(action.text(), self)
        button.setObjectName(name)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        return button

    # --- showing -------------------------------------------------------------------------------

    def set_case(self, case_id: str | None, case: Case | None) -> None:
        """The window's open case (``case``: with its unsaved edits); cheap when unchanged."""
        self.case = case
        if case_id == self.case_id:
            return
        self.case_id = case_id
        self.last_result = None
        self.result.clear()
        self._set_state("")
        self.refresh()

    def refresh(self) -> None:
        """Re-read attachments, saved choices and exports (after the evidence changed)."""
        if self.task is not None:
            return  # the tree is frozen while a build runs; refreshed when it ends
        current = self.model.data(self.tree.currentIndex(), KEY_ROLE)
        if self.case_id is None:
            self.settings = BundleSettings()
            self.model.set_sections([])
            self.held.set_rows(None, [])
            self.exports.set_records([])
            self.options.load(self.settings)
            self._update()
            return
        try:
            attachments = self.store.attachments.list(self.case_id)
            self.settings = load_settings(CasePrefs(self.store.db), self.case_id)
            signed = signed_copy(attachments)
            records = ExportRepository(self.store.db).list(self.case_id, EXPORT_KIND)
        except STORE_ERRORS as exc:
            log.warning("bundle view of %s not loaded: %s", self.case_id, type(exc).__name__)
            self._set_state(f"The bundle's documents could not be read: {exc}")
            return
        self.model.set_sections(outline(attachments, self.profile, self.settings, signed))
        self.tree.expandAll()
        self.options.load(self.settings)
        self.exports.set_records(records)
        if current:
            self._select(self.model.find(str(current)))
        self._update()
        self._screen()

    def _screen(self) -> None:
        """Which documents a gate holds back (reads their text: on the task runner, and only
        while the tab is shown; showing it refreshes)."""
        if not self.isVisible():
            return
        if self.case_id is None:
            self.held.set_rows(None, [])
            return
        self.tasks.run(
            screen_work(self.store.root, self.profile, self.case_id),
            name="bundle-gates",
            on_success=self._screened,
            on_error=lambda exc: self._set_state(f"Held-back documents not checked: {exc}"),
        )

    def _screened(self, found: tuple[str, list[Any]]) -> None:
        if found[0] == self.case_id:  # not a result for a case closed meanwhile
            self.held.set_rows(*found)
            self.model.mark_held({r.attachment_id: r.reason for r in found[1] if r.held})

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # the Evidence tab may have changed files or pages meanwhile

    def _select(self, index: QModelIndex) -> None:
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _update(self) -> None:
        busy = self.task is not None
        index = self.tree.currentIndex()
        self.tree.setEnabled(not busy and self.case_id is not None)
        self.options.setEnabled(not busy and self.case_id is not None)
        self.move_up_action.setEnabled(not busy and self.model.can_move(index, -1))
        self.move_down_action.setEnabled(not busy and self.model.can_move(index, 1))
        self.build_action.setEnabled(not busy and self.case_id is not None)

    def _set_state(self, text: str) -> None:
        self.state_label.setText(text)
        if text:
            self.status.emit(text)

    def state_text(self) -> str:
        return self.state_label.text()

    # --- choices -------------------------------------------------------------------------------

    def move_selected(self, delta: int) -> None:
        moved = self.model.move(self.tree.currentIndex(), delta)
        if moved.isValid():
            self._select(moved)
            self.tree.scrollTo(moved)
        self._update()

    def _save(self, settings: BundleSettings) -> bool:
        if self.case_id is None:
            return False
        try:
            save_settings(CasePrefs(self.store.db), self.case_id, settings)
        except STORE_ERRORS as exc:
            self.dialogs.error(self, "Bundle choice not saved", f"It could not be saved: {exc}")
            return False
        self.settings = settings
        return True

    def _save_tree(self) -> None:
        self._save(settings_from(self.model.sections, self.settings))
        self._update()

    def _save_options(self) -> None:
        chosen = self.options.settings(self.settings)
        if chosen is not None:
            self._save(chosen)

    # --- building ------------------------------------------------------------------------------

    def _unsaved_ok(self) -> bool:
        if self.case is None or self.case_id is None:
            return True
        try:
            stored = self.store.cases.get(self.case_id).case
        except STORE_ERRORS:
            return True  # the build reports the real problem
        if stored == self.case:
            return True
        return bool(
            self.dialogs.confirm(
                self,
                "Unsaved changes",
                "The case has unsaved changes. The bundle is built from the saved case, "
                "without them.\n\nBuild it anyway?",
                "Build",
            )
        )

    def build(self) -> None:
        """Ask where to save, then build in the background (Ctrl+B)."""
        if self.task is not None:
            return
        if self.case_id is None:
            self.dialogs.error(
                self, "Save the case first", "A bundle can be built for a saved case only."
            )
            return
        chosen = self.options.settings(self.settings)
        if chosen is None:
            self.dialogs.error(self, "Bundle not built", self.options.problem())
            return
        if not self._save(chosen) or not self._unsaved_ok():
            return
        if not self.held.confirm_build(self):
            return
        name = self.case.display_name if self.case is not None else ""
        packet = self.options.packet.currentText()
        suggested = suggested_path(self.exports.records, name, packet, self.today or date.today())
        answer = self.dialogs.save_path(self, "Save the submission bundle", suggested)
        if answer is None:
            return
        self.start_build(pdf_path(Path(answer)))

    def start_build(self, out: Path) -> Task:
        """Build into ``out`` on the task runner (no questions asked)."""
        assert self.case_id is not None
        case_id = self.case_id
        from ..core.bundle.model import BundleOptions  # light: the builder loads in the worker

        options = BundleOptions(
            route=self.settings.route,
            bates_prefix=self.settings.bates_prefix,
            bates_start=self.settings.bates_start,
            letter_kind=self.options.packet.currentData(),
        )
        work = build_work(self.store.root, self.profile, case_id, out, options, self.today)
        self.result.close_document()  # the file may be replaced (Windows locks open files)
        self._set_state(f"Building {out.name}…")
        task = self.tasks.run(
            work,
            name="bundle",
            on_success=lambda result: self._built(case_id, result),
            on_error=self._failed,
            on_progress=self._progress,
            on_cancelled=lambda: self._set_state(CANCELLED_TEXT),
            progress_title="Building the bundle",
            parent=self.window(),
        )
        if not task.done:  # a synchronous pool has already finished it
            self.task = task
            task.finished.connect(self._finished)
            self._update()
        else:
            self._finished()
        return task

    def _progress(self, done: int, total: int, message: str) -> None:
        if message:
            self.state_label.setText(f"Building: {message}")

    def _finished(self) -> None:
        self.task = None
        self.refresh()
        self._update()

    def _built(self, case_id: str, result: BundleResult) -> None:
        self.last_result = result
        if case_id != self.case_id:
            return  # another case was opened meanwhile; the export is in that case's list
        self.result.show_result(result.files, result.manifest)
        parts = "1 file" if len(result.files) == 1 else f"{len(result.files)} parts"
        text = f"Built {result.pages} pages in {parts}: {result.files[0].name}"
        if result.held_back:
            text += f" — {len(result.held_back)} document(s) held back (see Held back)"
        if result.left_out:
            text += f" — {len(result.left_out)} document(s) left out (see the summary)"
        self._set_state(text)
        if result.export_id:
            self.exported.emit(result.export_id)

    def _failed(self, exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, QalsodyError | OSError) else repr(exc)
        self._set_state(f"Failed: {message}")
        self.dialogs.error(self, "Bundle not built", f"The bundle could not be built: {message}")

    def cancel_build(self) -> None:
        if self.task is not None:
            self.task.cancel()

    # --- earlier exports -------------------------------------------------------------------------

    def show_export(self, record: ExportRecord) -> None:
        files = export_files(record)
        self.result.show_result(files, record.manifest)
        missing = [f.name for f in files if not f.exists()]
        if missing:
            self._set_state(f"Not found any more: {', '.join(missing)}")
        else:
            self._set_state(f"Showing the bundle built {local_time(record.created_at)}")


__all__ = ["BundlePanel"]
