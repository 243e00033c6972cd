"""The Evidence tab: a case's attached files, their warnings, Add files…/Remove, and attaching.

Attaching runs on the shared :class:`TaskRunner` (a progress dialog with Cancel); the worker
opens its own :class:`Store` on the same folder, because an SQLite connection belongs to the
thread that made it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.classifier.local import learn_correction
from ..core.evidence.attach import Attacher, AttachOutcome
from ..core.evidence.kit import Kit
from ..core.policy.model import PolicyProfile
from ..core.storage import Store
from ..core.tracking.denial import DENIAL_CATEGORY
from .evidence_model import CATEGORY, WARNINGS, AttachmentTableModel, CategoryDelegate
from .evidence_pages import PageViewer
from .evidence_split import SplitAction, can_split
from .fit import fit_columns
from .suggestions import SuggestionList
from .task import TaskContext, TaskRunner
from .undo import push_delete

log = logging.getLogger(__name__)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class EvidencePanel(QWidget):
    """Lists the attachments of the open case; ``changed`` fires after any add/remove/edit."""

    changed = Signal()
    # (findings, overwrite): the user accepted suggested facts of the selected document
    accept_findings = Signal(list, bool)
    files_attached = Signal()  # after a drop or Add files: the window shows this panel
    # a denial letter was attached and the user chose, in the summary, to record its event
    record_denial = Signal(str)

    def __init__(
        self,
        store: Store,
        profile: PolicyProfile,
        dialogs: Any,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("evidencePanel")
        self.store = store
        self.profile = profile
        self.dialogs = dialogs
        self.tasks = tasks
        self.undo_stack = undo_stack
        self.case_id: str | None = None
        self.last_outcomes: list[AttachOutcome] = []
        self._select_ids: list[str] = []  # attached files to select once the model lists them
        self._titles = {c.id: c.title for c in profile.categories}

        self.model = AttachmentTableModel(store, profile, self)
        self.model.recategorized.connect(lambda _id: self.changed.emit())
        self.model.recategorized.connect(self._learn_category)
        self.model.store_failed.connect(
            lambda msg: self.dialogs.error(self, "Category not saved", msg)
        )
        self.view = QTableView(self)
        self.view.setObjectName("evidenceTable")
        self.view.setAccessibleName("Attached files")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(CATEGORY, CategoryDelegate(profile, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.verticalHeader().hide()
        # file and category first, then warnings; pages and confidence as the width allows
        self.fitter = fit_columns(self.view, priority=(0, 1, 4, 2, 3), stretch=0, keep=2)
        self.fitter.caps[WARNINGS] = 240  # the first warning, elided; the details say it all
        self.view.selectionModel().selectionChanged.connect(self._on_selection)

        self.details = QTextBrowser(self)
        self.details.setObjectName("evidenceDetails")
        self.details.setAccessibleName("Details of the selected file")
        self.details.setPlaceholderText("Select a file to see its warnings and matched words.")

        self.hint = QLabel("Drop files or folders anywhere on the case to attach them.", self)
        self.hint.setWordWrap(True)
        self.add_button = QPushButton("Add files…", self)
        self.add_button.clicked.connect(self.add_files)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.split_button = QPushButton("Split…", self)
        self.split_button.setToolTip("Split a PDF holding several documents (a fax) into files")
        self.splitter = SplitAction(store, profile, dialogs, tasks, self)
        self.splitter.finished.connect(lambda _ids: self.changed.emit())
        self.split_button.clicked.connect(self.split_selected)
        # a password-protected file refused (prompt cancelled, wrong password) is tried again
        # from here, without finding and dropping it again
        self.locked: list[Path] = []
        self.password_button = QPushButton(self)
        self.password_button.setObjectName("retryLocked")
        self.password_button.clicked.connect(self.retry_locked)
        self.password_button.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.password_button)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.split_button)
        buttons.addWidget(self.remove_button)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        self.pages = PageViewer(store, dialogs, self)
        self.pages.changed.connect(lambda _id: self.changed.emit())
        self.suggestions = SuggestionList(self)
        self.suggestions.accept_requested.connect(self.accept_findings)
        info = QSplitter(Qt.Orientation.Vertical, self)
        info.addWidget(self.details)
        info.addWidget(self.suggestions)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(info)
        lower.addWidget(self.pages)
        # the details and suggestions get as much room as the page preview: their warnings
        # and facts are what the coordinator reads (about 390 px each at 1366 wide)
        lower.setStretchFactor(0, 1)
        lower.setStretchFactor(1, 1)
        lower.setSizes([500, 500])
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self._update_buttons()

    # --- showing -------------------------------------------------------------------------------

    def set_kit(self, case_id: str | None, kit: Kit | None) -> None:
        selected = self.selected_id()
        if case_id != self.case_id:
            self._set_locked([])  # another case's locked files are not offered here
        self.case_id = case_id
        self.model.set_kit(kit)
        row = self.model.row_of(selected) if selected else -1
        if row >= 0:
            self.view.selectRow(row)
        self._select_new()
        self._on_selection()

    def selected_row(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return self.model.attachment(row).id if row >= 0 else None

    def _on_selection(self, *_: QItemSelection) -> None:
        row = self.selected_row()
        self._update_buttons()
        if row < 0:
            self.details.clear()
            self.suggestions.set_findings([])
            self.pages.show_attachment(None)
            return
        att = self.model.attachment(row)
        review = self.model.review(row)
        self.suggestions.set_findings(list(review.findings) if review else [], att.id)
        self.pages.show_attachment(att)
        parts = [f"<b>{_esc(att.file_name)}</b>"]
        if self.model.wrong_patient(row):
            parts.append("<p style='color:#b3261e'><b>May belong to another patient.</b></p>")
        warnings = self.model.warnings(row)
        if warnings:
            parts.append("<p>Warnings:</p><ul>")
            parts.extend(f"<li>{_esc(w)}</li>" for w in warnings)
            parts.append("</ul>")
        else:
            parts.append("<p>No warnings.</p>")
        matched = ", ".join(att.matched) if att.matched else "none"
        parts.append(f"<p>Matched words: {_esc(matched)}</p>")
        self.details.setHtml("".join(parts))

    def details_text(self) -> str:
        return self.details.toPlainText()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.case_id is not None)
        self.remove_button.setEnabled(self.selected_row() >= 0)
        row = self.selected_row()
        self.split_button.setEnabled(can_split(self.model.attachment(row) if row >= 0 else None))

    # --- actions -------------------------------------------------------------------------------

    def add_files(self) -> None:
        if not self._require_case():
            return
        paths = self.dialogs.open_files(self, "Add files to the case")
        if paths:
            self.attach(paths)

    def _learn_category(self, attachment_id: str) -> None:
        """The clinic's classifier learns the user's category, off the GUI thread (reading a
        long document's text takes longer than a frame)."""
        root, profile = self.store.root, self.profile

        def work(ctx: TaskContext) -> None:
            with Store(root) as store:
                att = store.attachments.get(attachment_id)
                texts = store.attachments.page_texts(att.id)
                learn_correction(root, att.working_sha256, texts, att.category, profile)

        self.tasks.run(work, name="learn-category")

    def split_selected(self) -> None:
        row = self.selected_row()
        if row >= 0 and self.case_id is not None:
            self.splitter.start(self.case_id, self.model.attachment(row))

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row < 0:
            return
        att = self.model.attachment(row)
        if not self.dialogs.confirm(
            self, "Remove file", f"Remove “{att.file_name}” from this case?", "Remove"
        ):
            return
        try:
            removed = self.store.attachments.remove(att.id)
        except Exception as exc:  # noqa: BLE001 - shown, never a traceback
            self.dialogs.error(self, "File not removed", f"The file could not be removed: {exc}")
            return
        log.info("removed attachment %s", att.id)
        if self.undo_stack is not None:
            push_delete(
                self.undo_stack,
                removed,
                remove=lambda: self.store.attachments.remove(att.id),
                restore=self.store.attachments.restore,
                changed=self.changed.emit,
                report=lambda msg: self.dialogs.error(self, "Undo", msg),
            )
        self.changed.emit()

    def _require_case(self) -> bool:
        if self.case_id is None:
            self.dialogs.error(
                self,
                "Save the case first",
                "Files can be attached to a saved case only. Save the case (Ctrl+S), then add "
                "the files again.",
            )
            return False
        return True

    def attach(
        self,
        paths: Sequence[Path],
        passwords: Sequence[str] = (),
        previous: list[AttachOutcome] | None = None,
    ) -> None:
        """Attach ``paths`` in the background; then summarize (asking for a password once)."""
        if not self._require_case():
            return
        case_id = self.case_id
        assert case_id is not None
        root, profile = self.store.root, self.profile
        paths = list(paths)

        def work(ctx: TaskContext) -> list[AttachOutcome]:
            with Store(root) as store:
                return Attacher(store, profile).attach(
                    case_id,
                    paths,
                    passwords=passwords,
                    progress=ctx.progress,
                    cancelled=ctx.cancelled,
                )

        def done(outcomes: list[AttachOutcome]) -> None:
            self._attached(case_id, paths, outcomes, passwords, previous or [])

        self.tasks.run(
            work,
            name="attach",
            on_success=done,
            on_error=self._failed,
            on_cancelled=self.changed.emit,
            progress_title="Attaching files",
            parent=self.window(),
        )

    def _failed(self, exc: BaseException) -> None:
        self.changed.emit()
        self.dialogs.error(self, "Attaching failed", f"The files could not be attached: {exc}")

    def _attached(
        self,
        case_id: str,
        paths: list[Path],
        outcomes: list[AttachOutcome],
        passwords: Sequence[str],
        previous: list[AttachOutcome],
    ) -> None:
        locked = [o for o in outcomes if o.needs_password]
        if locked and not passwords:
            names = ", ".join(o.file for o in locked)
            password = self.dialogs.ask_password(
                self,
                "Password needed",
                f"{len(locked)} file(s) are password-protected ({names}).\n"
                "Enter the password to open them:",
            )
            if password:
                retry = _locked_paths(paths, {o.file for o in locked})
                kept = [o for o in outcomes if not o.needs_password]
                self.attach(retry, passwords=[password], previous=previous + kept)
                return
        self.changed.emit()
        still_locked = {o.file for o in outcomes if o.needs_password}
        self._set_locked(_locked_paths(paths, still_locked) if still_locked else [])
        self._summarize(previous + outcomes)

    def _set_locked(self, paths: list[Path]) -> None:
        self.locked = paths
        n = len(paths)
        self.password_button.setText(f"Password for {n} locked file{'s' if n != 1 else ''}…")
        self.password_button.setToolTip("\n".join(p.name for p in paths))
        self.password_button.setVisible(bool(paths))

    def retry_locked(self) -> None:
        """Ask for the password of the refused password-protected files and attach them."""
        if not self.locked:
            return
        names = ", ".join(p.name for p in self.locked)
        password = self.dialogs.ask_password(
            self, "Password needed", f"Enter the password to open {names}:"
        )
        if password:
            locked, self.locked = self.locked, []
            self.attach(locked, passwords=[password])

    def _summarize(self, outcomes: list[AttachOutcome]) -> None:
        self.last_outcomes = outcomes
        # the new files are shown, selected, where they went (the window opens Evidence)
        self._select_ids = [o.attachment_id for o in outcomes if o.attachment_id]
        self._select_new()
        self.files_attached.emit()
        rows = [
            (
                o.file,
                FATE.get(o.status, o.status),
                self._titles.get(o.category or "", o.category or ""),
                o.error or "; ".join(o.warnings),
            )
            for o in outcomes
        ]
        counts: dict[str, int] = {}
        for o in outcomes:
            counts[FATE.get(o.status, o.status)] = counts.get(FATE.get(o.status, o.status), 0) + 1
        text = ", ".join(f"{n} {fate}" for fate, n in counts.items()) or "No files"
        # a new denial letter's event is offered here, in the one summary, not as a second
        # dialog on top of it
        actions = [
            (f"Record the denial in {o.file}…", _emitter(self.record_denial, o.attachment_id))
            for o in outcomes
            if o.status == "ok" and o.category == DENIAL_CATEGORY and o.attachment_id
        ]
        self.dialogs.attach_summary(self, summary_title(outcomes), text, rows, actions)

    def _select_new(self) -> None:
        """Select the rows of the files just attached (once the model has them)."""
        rows = sorted(r for r in (self.model.row_of(i) for i in self._select_ids) if r >= 0)
        if not rows:
            return
        selection = self.view.selectionModel()
        selection.clearSelection()
        for row in rows:
            index = self.model.index(row, 0)
            selection.select(
                index,
                selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
            )
        self.view.scrollTo(self.model.index(rows[0], 0))
        self._select_ids = []


FATE = {"ok": "attached", "duplicate": "already attached", "rejected": "refused"}


def summary_title(outcomes: Sequence[AttachOutcome]) -> str:
    """ "Files attached", "Files refused" (all of them), or "Files attached, 2 refused"."""
    refused = sum(1 for o in outcomes if o.status == "rejected")
    if not outcomes or refused == 0:
        return "Files attached"
    if refused == len(outcomes):
        return "File refused" if refused == 1 else "Files refused"
    return f"Files attached, {refused} refused"


def _locked_paths(paths: list[Path], names: set[str]) -> list[Path]:
    from ..core.evidence.attach import expand_paths

    return [p for p in expand_paths(paths) if p.name in names]


__all__ = ["EvidencePanel"]


def _emitter(signal: Any, value: str) -> Any:
    return lambda: signal.emit(value)
