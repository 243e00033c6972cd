"""The Letters tab: draft a letter from the case as edited, preview it, edit paragraphs, export.

Letters are generated against the case the window shows (unsaved edits included, through
``set_case``), with the user's stored paragraph edits applied by the core. ``set_case`` only
marks the draft out of date; it is redrafted in the background (``letter_draft``) when the tab
is visible (after a short pause) or on Generate / Refresh (Ctrl+R). Saving a paragraph or
exporting needs the current draft at once, so an out-of-date one is redrafted inline first
(0.03-0.45 s).

Keys (while the tab is shown): Ctrl+R generate / refresh, Ctrl+Shift+W save DOCX…,
Ctrl+Shift+P save PDF…, Ctrl+Return (in the paragraph text) save the paragraph; mnemonics
Alt+K kind, Alt+F missing facts, Alt+W warnings, Alt+U changed edits, Alt+M keep my edit,
Alt+N use the new text, Alt+A paragraphs, Alt+T paragraph text, Alt+S save paragraph,
Alt+V revert to generated.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.letters.context import LetterResult
from ..core.letters.service import LETTER_KINDS
from ..core.model import Case
from ..core.policy.model import PolicyProfile
from ..core.storage import Store
from ..core.storage.letter_edits import LetterEditRepository
from .letter_conflicts import ConflictBox
from .letter_denial import DenialChooser
from .letter_draft import Draft, LetterDrafter, Request
from .letter_editing import LetterEditing
from .letter_export import export_letter
from .letter_fields import kind_title, paragraph_name
from .letter_info import LetterIssues, denial_text, signed_copy_text
from .letter_paragraphs import ParagraphEditor, paragraph_rows
from .letter_preview import LetterPreview
from .task import TaskRunner

SHORTCUTS = {"refresh": "Ctrl+R", "docx": "Ctrl+Shift+W", "pdf": "Ctrl+Shift+P"}
ISSUES_TAB, PARAGRAPHS_TAB = "&Issues", "Pa&ragraphs"
NO_CASE = "Save the case first: letters are drafted for a saved case (Ctrl+S)."


class LetterPanel(LetterEditing, QWidget):
    """``go_to_field(path)``: a placeholder was activated; ``changed``: stored edits changed;
    ``status(text)``: a message for the status bar (no patient details)."""

    go_to_field = Signal(str)
    status = Signal(str)
    changed = Signal()

    def __init__(
        self,
        store: Store,
        profile: PolicyProfile,
        dialogs: Any,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        refresh_delay_ms: int = 600,
    ):
        super().__init__(parent)
        self.setObjectName("letterPanel")
        self.store, self.profile, self.dialogs, self.tasks = store, profile, dialogs, tasks
        self.today = today  # None: the real date at each draft (tests pin it)
        self.case_id: str | None = None
        self.case: Case | None = None
        self.result: LetterResult | None = None
        self.last_export: Path | None = None
        self._result_case: Case | None = None
        self._stale = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(refresh_delay_ms)
        self._timer.timeout.connect(lambda: self.refresh(explicit=False))
        self.drafter = LetterDrafter(store, profile, tasks, self)
        self.drafter.drafted.connect(self._on_drafted)

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("letterKind")
        self.kind_combo.setAccessibleName("Letter kind")
        # long titles must not set the tab's minimum width
        self.kind_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind_combo.setMinimumContentsLength(18)
        for kind in LETTER_KINDS:
            self.kind_combo.addItem(kind_title(kind), kind)
        self.kind_combo.currentIndexChanged.connect(self._on_kind)
        self._kind = self.kind()
        kind_label = QLabel("Letter &kind:", self)
        kind_label.setBuddy(self.kind_combo)
        self.generate_button = self._button("&Generate / Refresh", "refresh", self.refresh)
        self.docx_button = self._button("Save &DOCX…", "docx", self.save_docx)
        self.pdf_button = self._button("Save &PDF…", "pdf", self.save_pdf)
        self.actions_ = {
            "refresh": self._action("&Generate / refresh the letter", "refresh", self.refresh),
            "docx": self._action("Save the letter as &DOCX…", "docx", self.save_docx),
            "pdf": self._action("Save the letter as &PDF…", "pdf", self.save_pdf),
        }
        top = QHBoxLayout()
        for w in (kind_label, self.kind_combo, self.generate_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.docx_button)
        top.addWidget(self.pdf_button)

        self.info = self._label("letterInfo")
        self.copy_label = self._label("signedCopy")
        self.denial_label = self._label("denialInfo")
        self.denial_chooser = DenialChooser(self)
        self.denial_chooser.changed.connect(lambda: self.refresh(explicit=False))
        self.preview = LetterPreview(self)
        self.issues = LetterIssues(self)
        self.issues.go_to_field.connect(self.go_to_field)
        self.missing, self.warnings = self.issues.missing, self.issues.warnings
        self.conflicts = ConflictBox(self)
        self.conflicts.name_of = paragraph_name
        self.conflicts.resolve_requested.connect(self.resolve)
        self.paragraphs = ParagraphEditor(self)
        self.paragraphs.confirm_discard = self._confirm_discard
        self.paragraphs.save_requested.connect(self.save_paragraph)
        self.paragraphs.revert_requested.connect(self.revert_paragraph)

        editing = QSplitter(Qt.Orientation.Vertical, self)
        editing.addWidget(self.conflicts)
        editing.addWidget(self.paragraphs)
        editing.setStretchFactor(1, 2)
        self.side = QTabWidget(self)
        self.side.setObjectName("letterSide")
        self.side.addTab(self.issues, ISSUES_TAB)
        self.side.addTab(editing, PARAGRAPHS_TAB)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.preview)
        split.addWidget(self.side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for w in (self.info, self.copy_label, self.denial_chooser, self.denial_label):
            layout.addWidget(w)
        layout.addWidget(split, 1)
        c, p = self.conflicts, self.paragraphs
        chain = [self.kind_combo, self.generate_button, self.docx_button, self.pdf_button]
        chain += [self.denial_chooser.combo]
        chain += [self.preview.view, self.side.tabBar(), self.issues.plan, self.missing]
        chain += [self.warnings]
        chain += [c.list, c.details, c.keep_button, c.take_button]
        chain += [p.list, p.editor, p.save_button, p.revert_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self._show_nothing(NO_CASE)

    def _button(self, text: str, key: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"letter_{key}")
        button.setToolTip(f"{text.replace('&', '')} ({SHORTCUTS[key]})")
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _action(self, text: str, key: str, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_letter_{key}")
        action.setShortcut(QKeySequence(SHORTCUTS[key]))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # only while shown
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- the window's side -----------------------------------------------------------------------

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def set_kind(self, kind: str) -> None:
        """Choose a letter kind as the user would (a draft follows when a case is open)."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def set_case(self, case_id: str | None, case: Case | None) -> None:
        """The open case or its unsaved edits changed. Cheap: the draft is only marked stale."""
        new_case = case_id != self.case_id
        self.case_id, self.case = case_id, copy.deepcopy(case) if case is not None else None
        if case_id is None or case is None:
            self._show_nothing(NO_CASE)
        elif new_case:
            self._show_nothing("The letter is drafted when this tab is shown (Ctrl+R).")
            self.invalidate(immediate=True)
        elif self.result is None or case != self._result_case:
            self.invalidate()

    def invalidate(self, immediate: bool = False) -> None:
        """Something the letter reads changed (case, attachments, events): redraft when seen."""
        if self.case_id is None:
            return
        self._stale = True
        if self.result is not None:
            self.info.setText("The case changed since this draft: refreshing…")
        if self.isVisible():
            self._timer.start(0 if immediate else self._timer.interval())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.case_id is not None:
            self._timer.start(0)

    def refresh_pending(self) -> bool:
        return self._timer.isActive()

    # --- drafting --------------------------------------------------------------------------------

    def refresh(self, explicit: bool = True) -> bool:
        """Redraft the chosen kind in the background; True when the new draft is already shown
        (a synchronous task pool, as in tests), False while it runs or when it failed."""
        self._timer.stop()
        if self.case_id is None or self.case is None:
            self._show_nothing(NO_CASE)
            return False
        self._stale = True
        if self.result is None:
            self.preview.show_message("Drafting the letter…")
        self.info.setText(f"Drafting the {kind_title(self.kind()).lower()}…")
        self.drafter.request(self._request(explicit))
        return not self._stale and self.result is not None

    def _request(self, explicit: bool) -> Request:
        assert self.case_id is not None and self.case is not None
        self.denial_chooser.load(self.store, self.case_id, self.kind())
        denial = self.denial_chooser.event_id()
        return Request(self.case_id, self.kind(), self.case, self.today, explicit, denial)

    def _request_denial(self) -> str | None:
        return self.denial_chooser.event_id() if self.denial_chooser.isVisibleTo(self) else None

    def _on_drafted(self, draft: Draft) -> None:
        if (draft.request.case_id, draft.request.kind) == (self.case_id, self.kind()):
            self._apply(draft)

    def _apply(self, draft: Draft) -> bool:
        title = kind_title(draft.request.kind)
        if draft.result is None:
            message = f"The {title.lower()} could not be drafted: {draft.error}"
            self._show_nothing(message)
            if draft.request.explicit:
                self.dialogs.error(self, "Letter not drafted", message)
            return False
        self.preview.show_pdf(draft.pdf)
        self.result, self._result_case = draft.result, draft.request.case
        self._stale = self.case != draft.request.case  # changed while drafting: again when seen
        self._show_result(draft.result)
        self.status.emit(f"{title} drafted for {draft.request.case.display_name}")
        return True

    def _fresh(self) -> LetterResult | None:
        """The draft for the case as it is now, drafted inline first if needed (None: failed)."""
        outdated = self.result is None or self.result.kind != self.kind()
        if self._stale or outdated or self.drafter.busy():
            if self.case_id is None or self.case is None:
                return None
            self._timer.stop()
            self._apply(self.drafter.now(self._request(explicit=True)))
        return None if self._stale else self.result

    def _show_nothing(self, message: str) -> None:
        self._timer.stop()
        self.drafter.cancel()
        self.result, self._result_case, self._stale = None, None, self.case_id is not None
        self.preview.show_message(message)
        self.info.setText(message)
        self.copy_label.hide()
        self.denial_label.hide()
        self.issues.clear()
        self.conflicts.set_conflicts([])
        self._tab_titles(0, 0)
        self.paragraphs.forget_pending()
        self.paragraphs.set_rows([])
        self._update_buttons()

    def _show_result(self, result: LetterResult) -> None:
        assert self.case_id is not None
        repo = LetterEditRepository(self.store.db)
        edits = {e.block_id for e in repo.list(self.case_id, result.kind)}
        clashing = {c.block_id for c in result.conflicts}
        self.info.setText(
            f"{kind_title(result.kind)}: {self.preview.page_count()} page(s), drafted from the "
            "case as shown in the editor (unsaved changes included). "
            f"{len(result.placeholders)} placeholder(s), {len(edits - clashing)} edited "
            f"paragraph(s), {len(clashing)} waiting for your choice."
        )
        self.issues.show_result(result, self.case)
        had_conflicts = bool(self.conflicts.conflicts)
        self.conflicts.set_conflicts(result.conflicts)
        self._tab_titles(len(result.placeholders), len(clashing))
        if clashing and not had_conflicts:  # new choices to make: show them
            self.side.setCurrentIndex(1)
        self.paragraphs.set_rows(paragraph_rows(result.document, edits, clashing))
        for label, text in (
            (
                self.copy_label,
                signed_copy_text(self.store, self.case_id, result.kind, self.profile),
            ),
            (
                self.denial_label,
                denial_text(
                    self.store, self.case_id, result.kind, self.profile, self._request_denial()
                ),
            ),
        ):
            label.setText(text or "")
            label.setVisible(text is not None)
        self._update_buttons()

    def _tab_titles(self, missing: int, choices: int) -> None:
        """Counts in words on the tabs, so nothing depends on colour."""
        self.side.setTabText(0, f"{ISSUES_TAB} ({missing} missing)" if missing else ISSUES_TAB)
        tail = f" ({choices} to choose)" if choices else ""
        self.side.setTabText(1, PARAGRAPHS_TAB + tail)

    def _update_buttons(self) -> None:
        has_case = self.case_id is not None
        self.generate_button.setEnabled(has_case)
        self.actions_["refresh"].setEnabled(has_case)
        for key, button in (("docx", self.docx_button), ("pdf", self.pdf_button)):
            button.setEnabled(has_case and self.result is not None)
            self.actions_[key].setEnabled(button.isEnabled())

    def _on_kind(self) -> None:
        if self.kind() == self._kind:
            return
        if self.paragraphs.is_dirty() and not self._confirm_discard(
            self.paragraphs.selected_id() or ""
        ):
            self.kind_combo.blockSignals(True)
            self.set_kind(self._kind)
            self.kind_combo.blockSignals(False)
            return
        self._kind = self.kind()
        self.paragraphs.forget_pending()
        if self.case_id is not None:
            self.refresh()

    def _confirm_discard(self, block_id: str) -> bool:
        return bool(
            self.dialogs.confirm(
                self,
                "Unsaved paragraph",
                f"Your changes to the paragraph “{paragraph_name(block_id)}” are not saved. "
                "Discard them?",
                "Discard",
            )
        )

    # --- export ----------------------------------------------------------------------------------

    def save_docx(self) -> Path | None:
        return self._export("docx")

    def save_pdf(self) -> Path | None:
        return self._export("pdf")

    def _export(self, fmt: str) -> Path | None:
        result = self._fresh() if self.case_id is not None else None
        if result is None or self.case_id is None:
            return None
        patient = self.case.display_name if self.case is not None else ""
        path = export_letter(self, self.dialogs, result, self.case_id, fmt, patient)
        if path is not None:
            self.last_export = path
            self.status.emit(f"Letter saved as {path.name}")
        return path
