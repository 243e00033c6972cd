"""Driving the editor the way a user does: typing into fields and table cells."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from qalsody_desktop.gui.case_editor import CaseEditor


def type_field(qtbot, editor: CaseEditor, path: str, text: str) -> None:
    """Replace the text of a form field by typing (select all, then type)."""
    widget = editor.widget(path)
    line = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    assert isinstance(line, QLineEdit), path
    line.selectAll()
    if text:
        qtbot.keyClicks(line, text)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Delete)
    assert line.text() == text


def choose(editor: CaseEditor, path: str, value: object) -> None:
    combo = editor.widget(path)
    assert isinstance(combo, QComboBox)
    index = combo.findData(value)
    assert index >= 0, (path, value)
    combo.setCurrentIndex(index)


def type_cell(qtbot, editor: CaseEditor, table: str, row: int, field: str, text: str) -> None:
    """Open the cell editor as a double click would, type, press Enter."""
    section = editor.tables[table]
    model, view = section.model, section.view
    index = model.index(row, model.column_of(field))
    assert index.isValid(), (table, row, field)
    view.setCurrentIndex(index)
    view.edit(index)
    cell_editor = view.indexWidget(index)
    assert cell_editor is not None, "no cell editor opened"
    line = cell_editor.lineEdit() if isinstance(cell_editor, QComboBox) else cell_editor
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)  # the view commits on its next event loop turn
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=2000)
    assert model.data(index) == text


def cell(editor: CaseEditor, table: str, row: int, field: str) -> str:
    model = editor.tables[table].model
    return str(model.data(model.index(row, model.column_of(field))))
