"""Generic two-way mapping between Designer form widgets and the fields of a Case.

A widget edits the field whose path, with dots turned into underscores, is its objectName:
``patient_address_postal_code`` edits ``patient.address.postal_code``. The binder finds such
widgets under the given roots, sets them up from the field's type and metadata (enum fields get
their items, bool fields Yes/No, dates a YYYY-MM-DD placeholder) and then reads, writes and marks
them without any per-field code.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from ..core.errors import FieldError
from ..core.model import Case
from .fields import (
    BOOL_LABELS,
    NOT_SET,
    FieldInfo,
    enum_label,
    form_fields,
    format_value,
    get_path,
    parse_text,
    set_path,
)

INVALID_PROPERTY = "invalid"


def mark_invalid(widget: QWidget, problems: list[str], base_tip: str = "") -> None:
    """Red border (via the ``invalid`` dynamic property and the style sheet) and tooltip."""
    invalid = bool(problems)
    tip = "\n".join(problems) if problems else base_tip
    if widget.toolTip() != tip:
        widget.setToolTip(tip)
    if bool(widget.property(INVALID_PROPERTY)) != invalid:
        widget.setProperty(INVALID_PROPERTY, invalid)
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        widget.update()


class FormBinder(QObject):
    """Binds every widget named after a case field under ``roots``."""

    edited = Signal(str)  # the field path the user changed

    def __init__(self, roots: Iterable[QWidget], parent: QObject | None = None):
        super().__init__(parent)
        index = form_fields()
        self.widgets: dict[str, QWidget] = {}
        self.infos: dict[str, FieldInfo] = {}
        self._base_tips: dict[str, str] = {}
        self._loading = False
        for root in roots:
            for widget in root.findChildren(QWidget):
                info = index.get(widget.objectName())
                if info is None:
                    continue
                if info.path in self.widgets:
                    raise RuntimeError(f"two widgets edit {info.path}")
                self._setup(widget, info)
                self.widgets[info.path] = widget
                self.infos[info.path] = info
                self._base_tips[info.path] = widget.toolTip()

    def missing(self) -> list[str]:
        """Case fields no widget edits (the completeness test expects none)."""
        return sorted(i.path for i in form_fields().values() if i.path not in self.widgets)

    # --- setup --------------------------------------------------------------------------------

    def _setup(self, widget: QWidget, info: FieldInfo) -> None:
        path = info.path
        if isinstance(widget, QComboBox):
            # long suggestions must not force the whole form wider than the window
            widget.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            widget.setMinimumContentsLength(12)
            if info.enum or info.type is bool:
                widget.clear()
                widget.addItem(NOT_SET, None)
                choices = (
                    [(v, enum_label(info.name, v)) for v in info.enum]
                    if info.enum
                    else [(v, label) for v, label in BOOL_LABELS]
                )
                for value, label in choices:
                    widget.addItem(label, value)
                widget.currentIndexChanged.connect(lambda _i, p=path: self._changed(p))
            if widget.isEditable():
                widget.editTextChanged.connect(lambda _t, p=path: self._changed(p))
            elif not (info.enum or info.type is bool):
                raise RuntimeError(f"{path}: a non-editable combo box needs an enum or bool field")
        elif isinstance(widget, QLineEdit):
            if info.type is date and not widget.placeholderText():
                widget.setPlaceholderText("YYYY-MM-DD")
            widget.textChanged.connect(lambda _t, p=path: self._changed(p))
        else:
            raise RuntimeError(f"{path}: unsupported widget {type(widget).__name__}")
        if not widget.toolTip():
            widget.setToolTip(info.title)
        widget.setAccessibleName(info.title)

    def _changed(self, path: str) -> None:
        if not self._loading:
            self.edited.emit(path)

    # --- case -> widgets --------------------------------------------------------------------

    def load(self, case: Case) -> None:
        self._loading = True
        try:
            for path, widget in self.widgets.items():
                self._write(widget, self.infos[path], get_path(case, path))
        finally:
            self._loading = False

    def _write(self, widget: QWidget, info: FieldInfo, value: Any) -> None:
        if isinstance(widget, QLineEdit):
            widget.setText(format_value(info.type, value))
            widget.setCursorPosition(0)
        elif isinstance(widget, QComboBox):
            if widget.isEditable() and not (info.enum or info.type is bool):
                widget.setCurrentIndex(-1)
                widget.setEditText("" if value is None else str(value))
                return
            index = widget.findData(value) if value is not None else 0
            if index < 0:  # a value outside the enum: keep it visible rather than lose it
                widget.addItem(str(value), value)
                index = widget.count() - 1
            widget.setCurrentIndex(index)

    # --- widgets -> case --------------------------------------------------------------------

    def raw(self, path: str) -> Any:
        widget = self.widgets[path]
        if isinstance(widget, QLineEdit):
            return widget.text()
        assert isinstance(widget, QComboBox)
        info = self.infos[path]
        if widget.isEditable() and not (info.enum or info.type is bool):
            return widget.currentText()
        return widget.currentData()

    def apply(self, case: Case, errors: list[FieldError]) -> None:
        """Write every bound widget's value into ``case``; parse problems go to ``errors``."""
        for path, info in self.infos.items():
            raw = self.raw(path)
            if isinstance(raw, str):
                value = parse_text(info.type, info.optional, raw, path, errors)
            else:
                value = raw
            set_path(case, path, value)

    def snapshot(self) -> tuple[Any, ...]:
        return tuple((p, self.raw(p)) for p in self.widgets)

    # --- problems -----------------------------------------------------------------------------

    def show_problems(self, by_path: dict[str, list[str]]) -> None:
        for path, widget in self.widgets.items():
            base_tip = self._base_tips[path] or self.infos[path].title
            mark_invalid(widget, by_path.get(path, []), base_tip)
