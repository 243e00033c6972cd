"""The Bundle tab's "Held back" group: what a gate keeps out of the bundle, why, and the way in.

Documents that may be another patient's, that nobody reviewed, whose identity could not be
checked or that contradict the case are listed with their reasons. *Include…* asks for a typed
reason; *This patient's* confirms a document without identifiers; *Acknowledge* accepts a
contradiction; *Hold back again* withdraws the decisions. Each decision is stored with the case
(and its audit trail) at once, so ``qalsody-pa bundle`` builds the same bundle. Screening reads
every document's text, so it runs on the task runner; the worker opens its own store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.bundle.gates import (
    ACKNOWLEDGE,
    CONFIRM,
    CONFLICT,
    IDENTITY,
    INCLUDE,
    Decision,
    load_decisions,
    record_decision,
    screen,
    withdraw_decisions,
)
from ..core.bundle.settings import load_settings
from ..core.errors import QalsodyError
from ..core.evidence.kit import load_kit
from ..core.policy.model import PolicyProfile
from ..core.storage import Store
from ..core.storage.prefs import CasePrefs
from .case_files import STORE_ERRORS
from .fit import fit_columns
from .task import TaskContext
from .wording import gui_words

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_WORDS = {
    INCLUDE: "included by override",
    CONFIRM: "confirmed as this patient's",
    ACKNOWLEDGE: "conflict acknowledged",
}


@dataclass
class GateRow:
    """One gated document as the group shows it (plain data, made in the worker)."""

    attachment_id: str
    file: str
    reason: str  # the open gates' reasons; empty when decisions let it in
    open_gates: list[str]
    decisions: list[Decision] = field(default_factory=list)
    conflict: str = ""  # the contradiction an acknowledgement names

    @property
    def held(self) -> bool:
        return bool(self.open_gates)

    def decision_text(self) -> str:
        return "; ".join(
            ACTION_WORDS.get(d.action, d.action) + (f": {d.reason}" if d.reason else "")
            for d in self.decisions
        )


def screen_work(
    root: Path, profile: PolicyProfile, case_id: str
) -> Callable[[TaskContext], tuple[str, list[GateRow]]]:
    def work(ctx: TaskContext) -> tuple[str, list[GateRow]]:
        with Store(root) as store:
            kit = load_kit(store, case_id, profile)
            prefs = CasePrefs(store.db)
            settings = load_settings(prefs, case_id)
            screened = screen(kit, profile, load_decisions(prefs, case_id), settings.excluded)
        rows = [
            GateRow(
                s.attachment.id,
                s.attachment.file_name,
                s.reason(),
                [g.kind for g in s.open_gates],
                s.used_decisions,
                s.conflict(),
            )
            for s in screened
            if s.gates
        ]
        return case_id, rows

    return work


def ask_reason(parent: QWidget, file_name: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        "Include a held-back document",
        f"Why should {file_name} go to the payer? (recorded with the bundle)",
        QLineEdit.EchoMode.Normal,
    )
    return text if ok else None


class HeldBackBox(QGroupBox):
    """``changed`` fires after a decision was stored (the panel screens again)."""

    changed = Signal()

    def __init__(self, store: Store, dialogs: Any, parent: QWidget | None = None):
        super().__init__("Held back from the bundle", parent)
        self.setObjectName("bundleHeldBack")
        self.store = store
        self.dialogs = dialogs
        self.case_id: str | None = None
        self.rows: list[GateRow] = []
        self.ask_reason: Callable[[QWidget, str], str | None] = ask_reason
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setObjectName("bundleHeldList")
        self.list.setAccessibleName("Documents held back from the bundle, with the reason")
        self.list.setHeaderLabels(["Document", "Why it is held back / decision"])
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        self.fitter = fit_columns(self.list, stretch=1, keep=2)
        self.list.currentItemChanged.connect(lambda *_: self._update())
        self.include_button = self._button("&Include…", "bundleInclude", self.include_selected)
        self.confirm_button = self._button(
            "This &patient's", "bundleConfirmPatient", self.confirm_selected
        )
        self.acknowledge_button = self._button(
            "Ac&knowledge conflict", "bundleAcknowledge", self.acknowledge_selected
        )
        self.withdraw_button = self._button(
            "&Hold back again", "bundleWithdraw", self.withdraw_selected
        )
        buttons = QHBoxLayout()
        for button in (
            self.include_button,
            self.confirm_button,
            self.acknowledge_button,
            self.withdraw_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.set_rows(None, [])

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- content ---------------------------------------------------------------------------------

    def set_rows(self, case_id: str | None, rows: list[GateRow]) -> None:
        self.case_id = case_id
        self.rows = sorted(rows, key=lambda r: (not r.held, r.file))
        current = self.selected()
        self.list.clear()
        for row in self.rows:
            why = gui_words(row.reason) if row.held else f"in the bundle: {row.decision_text()}"
            if row.held and row.decisions:
                why += f" ({row.decision_text()})"
            item = QTreeWidgetItem([row.file, why])
            item.setData(0, ATTACHMENT_ROLE, row.attachment_id)
            item.setToolTip(1, why)
            if row.held:
                item.setForeground(0, Qt.GlobalColor.darkRed)
            self.list.addTopLevelItem(item)
            if current is not None and row.attachment_id == current.attachment_id:
                self.list.setCurrentItem(item)
        held = len(self.held_rows())
        admitted = len(self.admitted_rows())
        if not self.rows:
            self.summary.setText("Nothing is held back.")
        else:
            self.summary.setText(
                f"{held} document(s) held back: they stay out of the bundle until you decide."
                + (f" {admitted} flagged document(s) are in by your decision." if admitted else "")
            )
        self.setVisible(bool(self.rows))
        self._update()

    def held_rows(self) -> list[GateRow]:
        return [r for r in self.rows if r.held]

    def admitted_rows(self) -> list[GateRow]:
        return [r for r in self.rows if not r.held]

    def selected(self) -> GateRow | None:
        item = self.list.currentItem()
        if item is None:
            return None
        key = item.data(0, ATTACHMENT_ROLE)
        return next((r for r in self.rows if r.attachment_id == key), None)

    def select(self, attachment_id: str) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(0, ATTACHMENT_ROLE) == attachment_id:
                self.list.setCurrentItem(item)

    def _update(self) -> None:
        row = self.selected()
        self.include_button.setEnabled(row is not None and row.held)
        self.confirm_button.setEnabled(row is not None and IDENTITY in row.open_gates)
        self.acknowledge_button.setEnabled(row is not None and CONFLICT in row.open_gates)
        self.withdraw_button.setEnabled(row is not None and bool(row.decisions))

    # --- decisions -------------------------------------------------------------------------------

    def include_selected(self) -> None:
        row = self.selected()
        if row is None or not row.held:
            return
        reason = self.ask_reason(self, row.file)
        if reason is None:
            return
        if not reason.strip():
            self.dialogs.error(self, "Not included", "Type why this document should go in.")
            return
        self._decide(row, INCLUDE, reason)

    def confirm_selected(self) -> None:
        row = self.selected()
        if row is not None and IDENTITY in row.open_gates:
            self._decide(row, CONFIRM, "")

    def acknowledge_selected(self) -> None:
        row = self.selected()
        if row is not None and CONFLICT in row.open_gates:
            self._decide(row, ACKNOWLEDGE, "", row.conflict)

    def withdraw_selected(self) -> None:
        row = self.selected()
        if row is None or self.case_id is None:
            return
        try:
            withdraw_decisions(CasePrefs(self.store.db), self.case_id, row.attachment_id)
        except (QalsodyError, *STORE_ERRORS) as exc:
            self.dialogs.error(self, "Decision not withdrawn", str(exc))
            return
        self.changed.emit()

    def _decide(self, row: GateRow, action: str, reason: str, subject: str = "") -> None:
        if self.case_id is None:
            return
        try:
            att = self.store.attachments.get(row.attachment_id)
            prefs = CasePrefs(self.store.db)
            record_decision(prefs, self.case_id, att, action, reason, subject=subject)
        except (QalsodyError, *STORE_ERRORS) as exc:
            self.dialogs.error(self, "Decision not recorded", str(exc))
            return
        self.changed.emit()

    def confirm_build(self, parent: QWidget) -> bool:
        """Build asks before a flagged document goes to the payer (and says what stays out)."""
        admitted = self.admitted_rows()
        if not admitted:
            return True
        listed = "\n".join(f"• {r.file}: {r.decision_text()}" for r in admitted)
        held = self.held_rows()
        rest = f"\n\n{len(held)} other document(s) stay held back." if held else ""
        return bool(
            self.dialogs.confirm(
                parent,
                "Flagged documents in the bundle",
                "These flagged documents will go to the payer by your decision:\n\n"
                f"{listed}{rest}\n\nBuild the bundle with them?",
                "Build",
            )
        )
