"""The list of validation messages under the editor; clicking one jumps to its field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..core.errors import FieldError
from .fields import describe_path

PATH_ROLE = Qt.ItemDataRole.UserRole


def problem_text(error: FieldError) -> str:
    return f"{describe_path(error.path)}: {error.message}"


class ProblemList(QWidget):
    """A heading with the count and one line per problem."""

    activated = Signal(str)  # the field path of the clicked message

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("problemPanel")
        self.heading = QLabel(self)
        self.heading.setObjectName("problemHeading")
        self.list = QListWidget(self)
        self.list.setObjectName("problemList")
        self.list.setAccessibleName("Problems")
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(130)
        self.list.itemClicked.connect(self._on_item)
        self.list.itemActivated.connect(self._on_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        self._errors: list[FieldError] = []
        self.set_problems([])

    def set_problems(self, errors: list[FieldError]) -> None:
        if errors == self._errors and self.list.count() == len(errors):
            return
        self._errors = list(errors)
        self.list.clear()
        for error in errors:
            item = QListWidgetItem(problem_text(error))
            item.setData(PATH_ROLE, error.path)
            item.setToolTip("Click to go to the field")
            self.list.addItem(item)
        self.list.setVisible(bool(errors))
        if errors:
            n = len(errors)
            noun = "problem" if n == 1 else "problems"
            self.heading.setText(f"<b>{n} {noun}</b> must be fixed before saving")
            self.heading.setStyleSheet("color: #b3261e;")
        else:
            self.heading.setText("No problems found")
            self.heading.setStyleSheet("color: #2e7d32;")

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _on_item(self, item: QListWidgetItem) -> None:
        self.activated.emit(str(item.data(PATH_ROLE)))
