"""Every control a keyboard can reach has a name a screen reader can say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from qalsody_desktop.core.caseio import load_case_file

CONTROLS = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QAbstractButton,
)


def _in_form_row(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    if not isinstance(layout, QFormLayout):
        return False
    for row in range(layout.rowCount()):
        field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if field is not None and label is not None and field.widget() is widget:
            return True
    return False


def unnamed_controls(window: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        parent = widget.parentWidget()
        if widget.objectName().startswith("qt_") or isinstance(
            parent, QComboBox | QAbstractSpinBox
        ):
            continue  # Qt's own parts of a composite control
        if parent is not None and parent.metaObject().className() == "QComboBoxPrivateContainer":
            continue  # a combo box's pop-up list
        named = (
            widget.accessibleName()
            or id(widget) in buddies
            or (isinstance(widget, QAbstractButton) and widget.text().strip())
            or _in_form_row(widget)
        )
        if not named:
            missing.append(f"{type(widget).__name__} {widget.objectName() or '(no name)'}")
    return missing


def test_every_control_has_an_accessible_name(make_window, store, example_path):
    case_id = store.cases.create(load_case_file(example_path))
    window = make_window()
    window.refresh_list()
    assert window.open_case(case_id)
    assert unnamed_controls(window) == []
