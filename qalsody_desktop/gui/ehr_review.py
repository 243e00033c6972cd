"""The review dialog of an EHR import: every proposed value with its source and what it would
change (new / same / conflict); the user ticks what goes in.

New values start ticked, conflicts unticked; ticking a conflict is confirmed before the typed
value is replaced (the evidence kit's rule). Values that match or cannot be accepted are shown
greyed with the reason, so nothing read from the file is hidden.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.ehr import ImportPlan, ReviewItem
from ..core.ehr.review import field_label

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
_STATUS = {"new": "New", "same": "Same", "conflict": "Conflict", "info": "Shown only"}
MAX_HEIGHT = 700


class EhrReviewDialog(QDialog):
    """``chosen()`` after ``accepted``: the ticked items; ``overwrite`` says conflicts were
    confirmed."""

    def __init__(self, plan: ImportPlan, dialogs: object, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ehrReviewDialog")
        self.plan = plan
        self.dialogs = dialogs
        self.overwrite = False
        imp = plan.imp
        target = "a new case" if plan.case_id is None else "this case"
        self.setWindowTitle(f"Import from EHR export: {imp.file_name}")
        head = QLabel(self)
        head.setWordWrap(True)
        lines = [f"<b>{imp.document_type}</b> ({imp.format}) into {target}."]
        if imp.unmapped:
            lines.append(f"{len(imp.unmapped)} code(s) are not mapped to a case field (tooltip).")
        head.setText(" ".join(lines))
        if imp.unmapped:
            head.setToolTip(
                "\n".join(
                    f"{u.system} {u.code} {u.display} ({u.section})" for u in imp.unmapped[:60]
                )
            )
        self.warnings = QLabel("\n".join(plan.warnings), self)
        self.warnings.setObjectName("ehrWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setVisible(bool(plan.warnings))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("ehrReviewList")
        self.tree.setAccessibleName("Proposed values")
        self.tree.setHeaderLabels(
            ["Field", "Value from the export", "Case now", "Status", "Source"]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for item in plan.items:
            self.tree.addTopLevelItem(self._row(item))
        for col, width in enumerate((230, 250, 130, 80)):
            self.tree.setColumnWidth(col, width)
        self.tree.itemChanged.connect(lambda *_: self._update())
        all_new = QPushButton("Tick all &new", self)
        all_new.clicked.connect(lambda: self.tick(lambda i: i.kind == "new"))
        none = QPushButton("Tick n&one", self)
        none.clicked.connect(lambda: self.tick(lambda i: False))
        self.count = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(all_new)
        row.addWidget(none)
        row.addStretch(1)
        row.addWidget(self.count)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import ticked values")
        self.import_button.setObjectName("ehrImportButton")
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.warnings)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.resize(960, 600)
        self.setMaximumHeight(MAX_HEIGHT)
        self._update()

    def _row(self, item: ReviewItem) -> QTreeWidgetItem:
        case_now = "" if item.case_value in (None, "") else str(item.case_value)
        row = QTreeWidgetItem(
            [
                field_label(item.field),
                item.proposal.display,
                case_now,
                _STATUS[item.kind],
                item.proposal.source.describe(),
            ]
        )
        row.setData(0, ITEM_ROLE, item)
        tip = item.message + (f"\nNot importable: {item.reason}" if item.reason else "")
        for col in range(5):
            row.setToolTip(col, tip)
        if item.acceptable:
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(
                0, Qt.CheckState.Checked if item.kind == "new" else Qt.CheckState.Unchecked
            )
            if item.kind == "conflict":
                for col in range(5):
                    row.setForeground(col, QColor("#b3261e"))
        else:
            row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            for col in range(5):
                row.setForeground(col, QColor("#6b6b6b"))
        return row

    def rows(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def tick(self, predicate) -> None:  # type: ignore[no-untyped-def]
        """Tick the importable rows whose item matches ``predicate``, untick the others."""
        for row in self.rows():
            item: ReviewItem = row.data(0, ITEM_ROLE)
            if item.acceptable:
                on = bool(predicate(item))
                row.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def chosen(self) -> list[ReviewItem]:
        return [
            row.data(0, ITEM_ROLE)
            for row in self.rows()
            if row.data(0, ITEM_ROLE).acceptable and row.checkState(0) == Qt.CheckState.Checked
        ]

    def _update(self) -> None:
        chosen = self.chosen()
        conflicts = sum(1 for i in chosen if i.kind == "conflict")
        text = f"{len(chosen)} ticked"
        if conflicts:
            text += f", {conflicts} replacing typed values"
        self.count.setText(text)
        self.import_button.setEnabled(bool(chosen))

    def _confirm(self) -> None:
        chosen = self.chosen()
        conflicts = [i for i in chosen if i.kind == "conflict"]
        if conflicts:
            listed = "\n".join(f"• {i.message}" for i in conflicts)
            question = f"Replace what was typed with the export's values?\n\n{listed}"
            if not self.dialogs.confirm(self, "Replace typed values", question, "Replace"):  # type: ignore[attr-defined]
                return
            self.overwrite = True
        self.accept()
